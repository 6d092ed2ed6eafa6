// Demo data: generated events stored through the real ingestion path, and the first-start setup
// (demo users, an ingest token, 90 days of events) that the start script runs where the demo policy
// allows it (lib/auth/demo.ts, docs/deployment.md "HOST and the demo").
import { recordAuditEvent } from "@/lib/audit/record";
import { demoAllowed, DEMO_USERS } from "@/lib/auth/demo";
import { isRole, verifyPassword } from "@/lib/auth/password";
import { analyzeDatabase, prisma } from "@/lib/db";
import { queryRetentionDays } from "@/lib/config/retention";
import { ingestEvents, MAX_EVENTS_PER_CALL, type RawEventInput } from "@/lib/events/ingest";
import { SEED_ORIGIN } from "@/lib/events/origin";
import { createIngestToken } from "@/lib/ingest-tokens/tokens";
import { countUsers, createUser } from "@/lib/users/users";
import { generateEvents } from "./generate-events";

export { DEMO_USERS };

export const DEFAULT_DEMO_EVENTS = 50_000;

/** Set while the demo setup is under way, so a start interrupted mid-seed finishes the job next time. */
const DEMO_SETUP_KEY = "demoSetup";

export interface SeedOptions {
  count: number;
  /** The newest event's time (default now); events spread over the generator's window before it. */
  end?: Date;
  /** Generator seed; a random one by default, so that seeding twice adds new events. */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  inserted: number;
  /** Generated events whose eventId was already stored. */
  duplicates: number;
  /** Generated events that failed validation (a generator bug), with the first few errors. */
  failed: number;
  failures: string[];
  seconds: number;
}

/** The demo's window: 90 days, as the query store keeps by default. */
const DEMO_DAYS = 90;

/** Generates `count` events and ingests them in batches of 1,000 through ingestEvents (origin "seed"). */
export async function seedEvents(options: SeedOptions): Promise<SeedResult> {
  const { count, onProgress } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`The event count must be a whole number ≥ 0, not ${count}`);
  const started = performance.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const result: SeedResult = { inserted: 0, duplicates: 0, failed: 0, failures: [], seconds: 0 };
  let done = 0;
  let batch: RawEventInput[] = [];
  const end = options.end ?? new Date();
  // Never older than the query store keeps: ingestion would refuse those (lib/events/ingest-retention.ts).
  const days = Math.min(DEMO_DAYS, queryRetentionDays());

  const flush = async () => {
    if (batch.length === 0) return;
    // Retention is measured from the window's end when that is "now": an event of the window's first
    // seconds must not be refused because generating the rest took that long. A window the operator ends
    // in the past is measured from the real now (its old events are refused and counted as failed).
    const r = await ingestEvents(batch, { origin: SEED_ORIGIN, now: options.end ? undefined : end });
    result.inserted += r.accepted - r.duplicates;
    result.duplicates += r.duplicates;
    result.failed += r.failed.length;
    for (const f of r.failed) if (result.failures.length < 5) result.failures.push(`${f.eventId ?? `#${done + f.index}`}: ${f.errors.join("; ")}`);
    done += batch.length;
    batch = [];
    onProgress?.(done, count);
  };

  if (count > 0) {
    for (const event of generateEvents({ count, end, days, seed })) {
      batch.push({ value: event, raw: JSON.stringify(event) });
      if (batch.length >= MAX_EVENTS_PER_CALL) await flush();
    }
    await flush();
    // A bulk load changes the data's shape: refresh the planner's statistics.
    await analyzeDatabase();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Who the self-audit events of the first-start setup name as the actor. */
const SETUP_ACTOR = { username: "trailkeeper-setup", kind: "cli" as const };

export type DemoUser = (typeof DEMO_USERS)[number];

export interface DemoSetupResult {
  createdUsers: DemoUser[];
  /** The demo ingest token's value, returned only when it was just created (it is not stored). */
  ingestToken?: string;
  seeded: number;
  /** Set when the demo would have been created or finished but the policy forbids it here. */
  withheld?: "new-store" | "seeding";
}

function demoEventCount(): number {
  const raw = process.env.TRAILKEEPER_SEED_EVENTS;
  const n = Number(raw ?? DEFAULT_DEMO_EVENTS);
  if (!Number.isInteger(n) || n < 0) throw new Error(`TRAILKEEPER_SEED_EVENTS must be a whole number ≥ 0, not "${raw}"`);
  return n;
}

/**
 * First start: when there are no console users, creates the demo users, an ingest token and demo events
 * ending now. Does nothing on later starts, or when an operator created users first (a real install).
 * Where the demo is not allowed (`allowed`, default demoAllowed(): a reachable HOST without
 * TRAILKEEPER_DEMO=1) it creates nothing at all — no users, no token, no fake audit events — and says
 * so in `withheld`; a store whose demo seeding was interrupted is finished only where it is allowed.
 */
export async function ensureDemoSetup(
  options: { onProgress?: (done: number, total: number) => void; allowed?: boolean } = {},
): Promise<DemoSetupResult> {
  const result: DemoSetupResult = { createdUsers: [], seeded: 0 };
  const actor = SETUP_ACTOR;
  const allowed = options.allowed ?? demoAllowed();

  if ((await countUsers()) === 0) {
    if (!allowed) return { ...result, withheld: "new-store" };
    const target = demoEventCount();
    await prisma.setting.upsert({ where: { key: DEMO_SETUP_KEY }, create: { key: DEMO_SETUP_KEY, value: `seeding:${target}` }, update: { value: `seeding:${target}` } });
    for (const u of DEMO_USERS) {
      await createUser(u);
      result.createdUsers.push({ ...u });
      await recordAuditEvent({ actor, eventName: "CreateConsoleUser", requestParameters: { UserName: u.username, Role: u.role } });
    }
    const token = await createIngestToken({ label: "demo" }, { actor });
    result.ingestToken = token.token;
  }

  // Seeds (or, after an interrupted first start, finishes seeding) the demo events.
  const marker = await prisma.setting.findUnique({ where: { key: DEMO_SETUP_KEY } });
  if (marker?.value.startsWith("seeding:")) {
    if (!allowed) return { ...result, withheld: "seeding" };
    const target = Number(marker.value.slice("seeding:".length));
    // The setup's own audit events do not count towards the target.
    const stored = await prisma.event.count({ where: { NOT: { userName: SETUP_ACTOR.username } } });
    const missing = Math.max(0, target - stored);
    if (missing > 0) result.seeded = (await seedEvents({ count: missing, onProgress: options.onProgress })).inserted;
    await prisma.setting.update({ where: { key: DEMO_SETUP_KEY }, data: { value: "done" } });
  }
  return result;
}

/**
 * The demo users whose password is still the published one (disabled ones left out): those the sign-in
 * refuses off loopback. One bcrypt comparison each, so for the start script, never per request.
 */
export async function findUsersOnDemoPassword(): Promise<DemoUser[]> {
  const rows = await prisma.user.findMany({
    where: { username: { in: DEMO_USERS.map((u) => u.username) }, disabled: false },
    select: { username: true, passwordHash: true, role: true },
  });
  const found: DemoUser[] = [];
  for (const u of DEMO_USERS) {
    const row = rows.find((r) => r.username === u.username);
    // With the role it has now: an admin may have changed it.
    if (row && (await verifyPassword(u.password, row.passwordHash))) found.push({ ...u, role: isRole(row.role) ? row.role : u.role });
  }
  return found;
}
