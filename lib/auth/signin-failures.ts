// Failed console sign-ins are recorded per address and UTC minute, not per attempt: a flood of wrong
// passwords must not fill the store. Each failure adds to its (ip, minute) row of signin_failures; once a
// minute is over, the row becomes ONE failed ConsoleSignin event with the count and the usernames tried.
// The worker turns closed minutes into events every few seconds (lib/delivery/worker.ts) and the web
// server does so after each sign-in attempt. Both may do it at once: the event's id is derived from the
// address and the minute, and ingestion is idempotent on eventId, so a minute is never recorded twice.
import { createHash } from "node:crypto";
import { buildAuditEvent } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { dbLimiter, type DbLimiter } from "@/lib/rate-limit/store";

/** At most this many distinct usernames are kept per row (the count still counts every attempt). */
export const MAX_USERNAMES = 20;
/** A minute is recorded this long after it ends, so an attempt that began in it has finished counting. */
const CLOSE_GRACE_MS = 2_000;
/** Recorded rows are kept this long (the events stay), then deleted. */
const KEEP_RECORDED_MS = 24 * 3600 * 1000;
const FLUSH_BATCH = 200;

export type SigninFailureReason = "InvalidPassword" | "UserNotFound" | "DemoPasswordRefused" | "AccountDisabled" | "Throttled";

/** The UTC minute of `t`, canonical: 2026-12-01T21:08:00.000Z. */
export function utcMinute(t: Date): string {
  return new Date(Math.floor(t.getTime() / 60_000) * 60_000).toISOString();
}

/** A UUID-shaped id that depends only on the address and the minute. */
export function failureEventId(ip: string, minute: string): string {
  const h = createHash("sha256").update(`trailkeeper/signin-failures\0${ip}\0${minute}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8: custom
  h[8] = (h[8] & 0x3f) | 0x80; // RFC 4122 variant
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function parseUsernames(text: string): string[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Counts one failed sign-in of `username` from `ip` in the minute of `now`. The count is one atomic
 * increment; the username is added with a compare-and-set, so parallel failures lose neither.
 */
export async function recordSigninFailure(input: { ip: string | null; username: string; reason: SigninFailureReason; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const ip = input.ip ?? "unknown";
  const minute = utcMinute(now);
  const username = input.username.slice(0, 128);
  const key = { ip_minute: { ip, minute } };
  const row = await prisma.signinFailure.upsert({
    where: key,
    create: { ip, minute, count: 1, usernames: JSON.stringify([username]), lastAt: now },
    update: { count: { increment: 1 }, lastAt: now },
  });
  // The reason of refusals is kept apart: the event says how many attempts were refused unchecked.
  if (input.reason === "Throttled") await countRefusal(ip, minute);
  let current = row.usernames;
  // Each failed swap means another writer added a name; at most MAX_USERNAMES can be added, so this ends.
  for (let tries = 0; tries <= MAX_USERNAMES; tries++) {
    const names = parseUsernames(current);
    if (names.includes(username) || names.length >= MAX_USERNAMES) return;
    const next = JSON.stringify([...names, username]);
    const swapped = await prisma.signinFailure.updateMany({ where: { ip, minute, usernames: current }, data: { usernames: next } });
    if (swapped.count === 1) return;
    const fresh = await prisma.signinFailure.findUnique({ where: key, select: { usernames: true } });
    if (!fresh) return;
    current = fresh.usernames;
  }
}

// Refusals by the throttle are counted apart (one more atomic counter in the rate-limit table, per
// address and minute), so the minute's event can say how many attempts never had their password checked.
let refusals: DbLimiter | undefined;

function refusalCounter(): DbLimiter {
  refusals ??= dbLimiter({ keyPrefix: "signin-refused", points: 1_000_000_000, duration: KEEP_RECORDED_MS / 1000 });
  return refusals;
}

async function countRefusal(ip: string, minute: string): Promise<void> {
  await refusalCounter().penalty(`${ip}|${minute}`);
}

async function refusedIn(ip: string, minute: string): Promise<number> {
  return (await refusalCounter().get(`${ip}|${minute}`))?.consumedPoints ?? 0;
}

/** The ConsoleSignin event of one closed minute. */
export function buildFailureEvent(row: { ip: string; minute: string; count: number; usernames: string; lastAt: Date }, refused: number, knownUsers: ReadonlySet<string>): Record<string, unknown> {
  const accounts = parseUsernames(row.usernames);
  const checked = row.count - refused;
  // InvalidPassword when a real user was tried (the code sign-ins have always had), UserNotFound when
  // none was, Throttled when every attempt of the minute was refused before its password was checked.
  const errorCode = checked <= 0 ? "Throttled" : accounts.some((u) => knownUsers.has(u)) ? "InvalidPassword" : "UserNotFound";
  const who = accounts.length === 1 ? accounts[0] : accounts.length ? `${accounts[0]} (+${accounts.length - 1} more)` : "unknown";
  const event = buildAuditEvent(
    {
      actor: { username: accounts[0] ?? "unknown", kind: "console-user", ip: row.ip === "unknown" ? null : row.ip, userAgent: null },
      eventName: "ConsoleSignin",
      eventType: "ConsoleSignin",
      serviceName: "AasSub",
      isGlobal: true,
      requestParameters: {},
      additionalEventData: {
        loginAccount: accounts[0] ?? "",
        loginAccounts: accounts,
        MFAUsed: "false",
        loginResult: "Failure",
        failedAttempts: row.count,
        ...(refused > 0 ? { throttledAttempts: refused } : {}),
        minute: row.minute,
      },
      errorCode,
      errorMessage:
        `${row.count} failed sign-in${row.count === 1 ? "" : "s"} from ${row.ip} in the minute from ${row.minute} (${who})` +
        (refused > 0 ? `; ${refused} refused by the sign-in throttle without checking the password.` : "."),
    },
    row.lastAt,
  );
  event.eventId = failureEventId(row.ip, row.minute);
  return event;
}

/**
 * Turns every closed minute not yet recorded into its event, oldest first; returns how many it recorded
 * and whether more are waiting. `now` decides which minutes are closed (tests pass their own).
 */
export async function flushSigninFailures(options: { now?: Date; limit?: number } = {}): Promise<{ recorded: number; more: boolean }> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? FLUSH_BATCH;
  // Closed: the minute ended at least CLOSE_GRACE_MS ago. Canonical ISO strings sort by time.
  const lastClosed = utcMinute(new Date(now.getTime() - 60_000 - CLOSE_GRACE_MS));
  const rows = await prisma.signinFailure.findMany({
    where: { recordedAt: null, minute: { lte: lastClosed } },
    orderBy: { minute: "asc" },
    take: limit,
  });
  if (rows.length > 0) {
    const refused = await Promise.all(rows.map((r) => refusedIn(r.ip, r.minute)));
    const tried = [...new Set(rows.flatMap((r) => parseUsernames(r.usernames)))];
    const known = new Set((await prisma.user.findMany({ where: { username: { in: tried } }, select: { username: true } })).map((u) => u.username));
    const events = rows.map((r, i) => buildFailureEvent(r, refused[i], known));
    // Console sign-ins, recorded by Trailkeeper (the worker or the web server flushes them).
    const result = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })), { origin: { kind: "self", channel: "console" } });
    if (result.failed.length) throw new Error(`could not record failed sign-ins: ${result.failed[0].errors.join("; ")}`);
    // Marked only once the events are stored: a crash in between records the same ids again, which
    // ingestion skips as duplicates.
    await prisma.signinFailure.updateMany({ where: { OR: rows.map((r) => ({ ip: r.ip, minute: r.minute })) }, data: { recordedAt: now } });
  }
  await prisma.signinFailure.deleteMany({ where: { recordedAt: { lt: new Date(now.getTime() - KEEP_RECORDED_MS) } } });
  return { recorded: rows.length, more: rows.length === limit };
}

/** How often one web server process records closed minutes on its own (a flood must not flush per attempt). */
const OPPORTUNISTIC_EVERY_MS = 5_000;
let lastOpportunistic = 0;

/** What the sign-in route calls after each attempt: a flush, at most every few seconds per process. */
export function flushSigninFailuresSoon(): void {
  const now = Date.now();
  if (now - lastOpportunistic < OPPORTUNISTIC_EVERY_MS) return;
  lastOpportunistic = now;
  void flushSigninFailures().catch((e) => console.error(`[signin] recording failed sign-ins: ${(e as Error).message}`));
}
