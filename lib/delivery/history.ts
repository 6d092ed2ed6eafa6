// Historical delivery jobs: the matching events of the last 90 days with ids in [fromPk, toPk],
// delivered to the trail's destinations, skipping events the trail already delivered live (any id inside
// a live Delivery row's [firstEventPk, lastEventPk] for that destination: a live batch holds every
// matching event of its range). The delivery engine (engine.ts) owns one HistoryJobs and steps it after
// its live deliveries; this module reads only what the engine hands it (HistoryContext).
import { prisma } from "@/lib/db";
import { backoffMs, errorDetail, errorText } from "./backoff";
import { prepareDelivery, trailDestinations, type DeliveryNotice, type Destination, type PreparedDelivery, type StoreCache } from "./destinations";
import { readMatchingEvents, readMatchingIds } from "./read-events";
import { LeaseLostError } from "@/lib/errors";
import { historyLeaseName, type WorkerLeases } from "@/lib/worker/leases";

export const HISTORY_DAYS = 90;
export const MAX_JOB_FAILURES = 5;
const COUNT_CHUNK = 50_000;

type Intervals = [number, number][];

/** Merged, sorted [first, last] ranges of the trail's live deliveries to one destination within [from, to]. */
export async function liveCoverage(trailName: string, destination: Destination, fromPk: number, toPk: number): Promise<Intervals> {
  const rows = await prisma.delivery.findMany({
    where: { trailName, destination, historyJobId: null, lastEventPk: { gte: fromPk }, firstEventPk: { lte: toPk } },
    select: { firstEventPk: true, lastEventPk: true },
    orderBy: { firstEventPk: "asc" },
  });
  const merged: Intervals = [];
  for (const { firstEventPk: a, lastEventPk: b } of rows) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

export function covered(intervals: Intervals, id: number): boolean {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (id < intervals[mid][0]) hi = mid - 1;
    else if (id > intervals[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** What a history job uses of the engine that runs it: its batch size, clock, callbacks and bucket clients. */
export interface HistoryContext {
  readonly stores: StoreCache;
  readonly opts: {
    batchSize: number;
    now: () => Date;
    onDelivery?: (d: DeliveryNotice) => void;
    onNotice?: (message: string) => void;
    /** With several workers: a job is stepped only under its lease. */
    leases?: WorkerLeases;
  };
}

/** The Running jobs of the store, stepped by one engine; failures and back-off are kept in memory (a restart retries at once). */
export class HistoryJobs {
  private readonly failing = new Map<number, { failures: number; nextAttemptAt: number }>();

  constructor(private readonly engine: HistoryContext) {}

  /** One batch of every Running job (ActionTrail allows one at a time; older first if there are more). */
  async step(): Promise<{ delivered: number; more: boolean }> {
    const { opts } = this.engine;
    const jobs = await prisma.deliveryHistoryJob.findMany({ where: { status: "Running" }, orderBy: { id: "asc" } });
    let delivered = 0;
    let more = false;
    for (const job of jobs) {
      const state = this.failing.get(job.id);
      if (state && state.nextAttemptAt > opts.now().getTime()) continue;
      if (opts.leases && !(await opts.leases.take(historyLeaseName(job.id)))) continue;
      try {
        const r = await stepHistoryJob(this.engine, job);
        delivered += r.delivered;
        more ||= r.more;
        this.failing.delete(job.id);
      } catch (e) {
        if (e instanceof LeaseLostError) continue;
        const failures = (state?.failures ?? 0) + 1;
        const message = errorText(e);
        opts.onNotice?.(`history job ${job.id} of ${job.trailName} failed (${failures}/${MAX_JOB_FAILURES}): ${errorDetail(e)}`);
        if (failures >= MAX_JOB_FAILURES) {
          this.failing.delete(job.id);
          await finishJob(job.id, "Failed", message, opts.now());
        } else {
          this.failing.set(job.id, { failures, nextAttemptAt: opts.now().getTime() + backoffMs(failures) });
        }
      }
    }
    // A job that is no longer Running (finished, failed, cancelled) frees its lease.
    const running = new Set(jobs.map((j) => historyLeaseName(j.id)));
    if (opts.leases) for (const name of opts.leases.heldNames("history:")) if (!running.has(name)) await opts.leases.release(name);
    return { delivered, more };
  }
}

async function finishJob(id: number, status: "Finished" | "Failed", error: string | null, now: Date) {
  await prisma.deliveryHistoryJob.updateMany({ where: { id, status: "Running" }, data: { status, error, finishedAt: now } });
}

type Job = Awaited<ReturnType<typeof prisma.deliveryHistoryJob.findMany>>[number];

async function stepHistoryJob(engine: HistoryContext, job: Job): Promise<{ delivered: number; more: boolean }> {
  const now = engine.opts.now();
  const trail = await prisma.trail.findUnique({ where: { name: job.trailName } });
  if (!trail) {
    await finishJob(job.id, "Failed", `Trail ${job.trailName} no longer exists`, now);
    return { delivered: 0, more: false };
  }
  const destinations = trailDestinations(trail);
  if (!destinations.length) throw new Error(`Trail ${trail.name} has no destination`);
  const minTime = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const coverage = new Map<Destination, Intervals>();
  for (const d of destinations) coverage.set(d, await liveCoverage(trail.name, d, job.fromPk, job.toPk));
  const needed = (id: number) => destinations.some((d) => !covered(coverage.get(d)!, id));

  let cursor = Math.max(job.checkpoint, job.fromPk - 1);
  if (job.checkpoint < job.fromPk) {
    // Starting: count what the job will deliver, for its progress bar.
    let total = 0;
    for (let after = cursor; ;) {
      const ids = await readMatchingIds(trail, { afterId: after, maxId: job.toPk, limit: COUNT_CHUNK, minTime });
      total += ids.filter(needed).length;
      if (ids.length < COUNT_CHUNK) break;
      after = ids[ids.length - 1];
    }
    const { count } = await prisma.deliveryHistoryJob.updateMany({
      where: { id: job.id, status: "Running", checkpoint: job.checkpoint },
      data: { totalEvents: total, deliveredEvents: 0, checkpoint: cursor },
    });
    if (count !== 1) return { delivered: 0, more: false };
    job = { ...job, checkpoint: cursor, totalEvents: total, deliveredEvents: 0 };
  }

  const events = await readMatchingEvents(trail, { afterId: cursor, maxId: job.toPk, limit: engine.opts.batchSize, minTime });
  const last = events.length < engine.opts.batchSize;
  const commits: (PreparedDelivery & { destination: Destination })[] = [];
  for (const destination of destinations) {
    const todo = events.filter((e) => !covered(coverage.get(destination)!, e.id));
    commits.push({ destination, ...(await prepareDelivery(trail, destination, todo, engine.stores)) });
  }
  const delivered = events.filter((e) => needed(e.id)).length;
  cursor = events.length ? events[events.length - 1].id : job.toPk;
  const moved = await prisma.$transaction(async (tx) => {
    if (engine.opts.leases) await engine.opts.leases.confirm(tx, historyLeaseName(job.id));
    for (const c of commits) await c.commit(tx);
    const { count } = await tx.deliveryHistoryJob.updateMany({
      // Only a job still Running moves: a cancelled job keeps its status and stops here.
      where: { id: job.id, status: "Running", checkpoint: job.checkpoint },
      data: { checkpoint: cursor, deliveredEvents: { increment: delivered }, ...(last ? { status: "Finished", finishedAt: now } : {}) },
    });
    if (count !== 1) return false;
    const rows = commits.flatMap((c) => c.parts.map((p) => ({ trailName: trail.name, destination: c.destination, historyJobId: job.id, deliveredAt: now, ...p })));
    if (rows.length) await tx.delivery.createMany({ data: rows });
    return true;
  }, { timeout: 60_000, maxWait: 30_000 });
  if (!moved) return { delivered: 0, more: false };
  for (const c of commits) for (const p of c.parts) engine.opts.onDelivery?.({ trailName: trail.name, destination: c.destination, historyJobId: job.id, ...p });
  return { delivered, more: !last };
}
