// "Verify now" (docs/integrity-console.md "The verification job"): the Integrity page queues a job, the
// worker's verification loop runs the very verifier of `verify trail` (verifyTrail) on it, keeps its
// progress in the row and stores the report; a report with problems is recorded as a sensitive event in
// the name of the user who asked (verification-audit.ts). One job per trail waits or runs at a time.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { errorDetail, errorText } from "@/lib/delivery/backoff";
import { Conflict, NotFound } from "@/lib/errors";
import { recordVerificationFailure } from "./verification-audit";
import { verifyOutput, type VerifyOutput } from "./verify-output";
import { UnknownTrailError, verifyTrail, type VerifyProgress } from "./verify-trail";

export const VERIFICATION_STATUSES = ["Queued", "Running", "Finished", "Failed"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** A Running job whose worker has not written for this long died with it: another run takes it over. */
export const STALE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 10_000;
/** Progress is written at most this often (a verification reads thousands of objects a second). */
const PROGRESS_EVERY_MS = 500;
/** Problems kept in the stored report; problemCount counts them all. */
export const PROBLEMS_KEPT = 1_000;

export interface VerificationJob {
  id: number;
  trailName: string;
  status: VerificationStatus;
  phase: VerifyProgress["phase"] | null;
  checked: number;
  total: number;
  problemCount: number | null;
  report: VerifyOutput | null;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

type Row = NonNullable<Awaited<ReturnType<typeof prisma.integrityVerification.findUnique>>>;

function toJob(r: Row): VerificationJob {
  let report: VerifyOutput | null = null;
  if (r.report) {
    try {
      report = JSON.parse(r.report) as VerifyOutput;
    } catch {
      report = null;
    }
  }
  return {
    id: r.id, trailName: r.trailName, status: r.status as VerificationStatus, phase: (r.phase as VerifyProgress["phase"] | null) ?? null,
    checked: r.checked, total: r.total, problemCount: r.problemCount, report, error: r.error, createdBy: r.createdBy,
    createdAt: r.createdAt, startedAt: r.startedAt, finishedAt: r.finishedAt,
  };
}

const TRAIL_RESOURCE = "ACS::ActionTrail::Trail";

/** Queues a verification of `trailName`, recorded as StartTrailVerification. */
export async function startVerification(trailName: string, options: { actor: Actor }): Promise<VerificationJob> {
  const trail = await prisma.trail.findUnique({ where: { name: trailName }, select: { name: true, ossBucketName: true, logStoreEnabled: true } });
  if (!trail) throw new NotFound(`Trail ${trailName} does not exist`, { reason: "trail-missing" });
  if (!trail.ossBucketName && !trail.logStoreEnabled) throw Conflict.ofFields({ form: [`trail ${trailName} has neither a bucket nor a log store: there is nothing to verify`] });
  const open = await prisma.integrityVerification.findFirst({ where: { trailName, status: { in: ["Queued", "Running"] } }, select: { id: true, status: true } });
  if (open) throw Conflict.ofFields({ form: [`verification ${open.id} of trail ${trailName} is ${open.status.toLowerCase()}; wait for its result`] });
  const row = await prisma.integrityVerification.create({
    data: { trailName, status: "Queued", actor: JSON.stringify(options.actor), createdBy: options.actor.username },
  });
  await recordAuditEvent({
    actor: options.actor,
    eventName: "StartTrailVerification",
    requestParameters: { TrailName: trailName },
    resources: { [TRAIL_RESOURCE]: [trailName] },
    additionalEventData: { JobId: row.id },
  });
  return toJob(row);
}

export async function getVerification(id: number): Promise<VerificationJob | null> {
  if (!Number.isInteger(id) || id < 1) return null;
  const r = await prisma.integrityVerification.findUnique({ where: { id } });
  return r ? toJob(r) : null;
}

/** Per trail: the newest job (any status) and the newest that ended (its result stays shown while another runs). */
export async function latestVerifications(trailNames: readonly string[]): Promise<Map<string, { latest: VerificationJob; lastResult: VerificationJob | null }>> {
  const out = new Map<string, { latest: VerificationJob; lastResult: VerificationJob | null }>();
  for (const trailName of trailNames) {
    const [latest, ended] = await Promise.all([
      prisma.integrityVerification.findFirst({ where: { trailName }, orderBy: { id: "desc" } }),
      prisma.integrityVerification.findFirst({ where: { trailName, status: { in: ["Finished", "Failed"] } }, orderBy: { id: "desc" } }),
    ]);
    if (latest) out.set(trailName, { latest: toJob(latest), lastResult: ended ? toJob(ended) : null });
  }
  return out;
}

export interface VerificationStepOptions {
  now?: () => Date;
  onNotice?: (message: string) => void;
}

/** Takes the oldest queued job (or one whose worker died) for this process; undefined if none. */
async function claim(now: Date): Promise<Row | undefined> {
  const stale = new Date(now.getTime() - STALE_AFTER_MS);
  const candidates = await prisma.integrityVerification.findMany({
    where: { OR: [{ status: "Queued" }, { status: "Running", heartbeatAt: { lt: stale } }] },
    orderBy: { id: "asc" },
    take: 5,
  });
  for (const c of candidates) {
    // Conditional on what was read: of two workers, one takes it.
    const { count } = await prisma.integrityVerification.updateMany({
      where: { id: c.id, status: c.status, heartbeatAt: c.heartbeatAt },
      data: { status: "Running", startedAt: now, heartbeatAt: now, checked: 0, total: 0, phase: null },
    });
    if (count === 1) return { ...c, status: "Running", startedAt: now, heartbeatAt: now };
  }
  return undefined;
}

/** One job run to its end: the worker's verification loop. */
export async function runVerificationStep(opts: VerificationStepOptions = {}): Promise<{ ran: number; more: boolean }> {
  const now = opts.now ?? (() => new Date());
  const job = await claim(now());
  if (!job) return { ran: 0, more: false };
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  let latest: VerifyProgress | undefined;
  const write = (p: VerifyProgress | undefined) => {
    lastWrite = Date.now();
    const data = { heartbeatAt: now(), ...(p ? { phase: p.phase, checked: p.checked, total: p.total } : {}) };
    // One write at a time, in order; a failed progress write only loses that update.
    writing = writing.then(() => prisma.integrityVerification.updateMany({ where: { id: job.id, status: "Running" }, data })).catch(() => undefined);
  };
  const heartbeat = setInterval(() => write(latest), HEARTBEAT_MS);
  try {
    const r = await verifyTrail(job.trailName, {}, now(), {
      onProgress: (p) => {
        latest = p;
        if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) write(p);
      },
    });
    clearInterval(heartbeat);
    await writing;
    const o = verifyOutput({ trail: r.trail, source: { bucket: r.bucket }, range: {}, objects: r.objects, logStore: r.logStore });
    const kept: VerifyOutput = { ...o, problems: o.problems.slice(0, PROBLEMS_KEPT) };
    const checked = latest ? { phase: latest.phase, checked: latest.total, total: latest.total } : {};
    await prisma.integrityVerification.updateMany({
      where: { id: job.id, status: "Running" },
      data: { status: "Finished", ...checked, problemCount: o.problems.length, report: JSON.stringify(kept), finishedAt: now(), heartbeatAt: now() },
    });
    if (!o.ok) await recordVerificationFailure(o, { actor: parseActor(job.actor, job.createdBy), via: "console", jobId: job.id });
    opts.onNotice?.(`verification ${job.id} trail=${job.trailName}: ${o.problems.length} problem(s)`);
  } catch (e) {
    clearInterval(heartbeat);
    await writing;
    const message = e instanceof UnknownTrailError ? e.message : errorText(e);
    await prisma.integrityVerification.updateMany({ where: { id: job.id, status: "Running" }, data: { status: "Failed", error: message, finishedAt: now() } });
    opts.onNotice?.(`verification ${job.id} trail=${job.trailName} failed: ${errorDetail(e)}`);
  }
  return { ran: 1, more: true };
}

function parseActor(text: string, username: string): Actor {
  try {
    const a = JSON.parse(text) as Actor;
    if (a && typeof a.username === "string") return a;
  } catch {
    // fall through: the name alone
  }
  return { username, kind: "console-user" };
}
