// The delivery engine: one step delivers the next batch of every logging trail to each of its
// destinations, then a batch of the running history job (history.ts, which the engine owns and hands its
// options and store cache). Files are written first, then the checkpoint and the Delivery rows are
// committed in one transaction: a crash in between re-delivers, it never skips. A bucket batch's range is
// claimed in the store before its files are written (its intent), so whoever delivers that checkpoint
// again, after a crash or from another worker, writes the same files under the same names: no event is
// in the bucket twice. With leases (lib/worker/leases.ts) one worker at a time delivers each trail
// destination, and its commit is refused once another worker has taken the lease over. The worker
// (worker.ts) calls step() in a loop.
import { prisma } from "@/lib/db";
import { prepareDelivery, StoreCache, trailDestinations, type DeliveryNotice, type DeliveryTrail, type Destination } from "./destinations";
import { backoffMs, errorDetail, errorText } from "./backoff";
import { HistoryJobs } from "./history";
import { claimIntent } from "./intents";
import { purgeLogStores } from "./log-store";
import { maxEventId, readMatchingEvents, safeHorizon } from "./read-events";
import { notifyChannels, notifyFailed, notifyFiles, notifyRecovered, type NotifyChannel } from "./notifications";
import { LeaseLostError } from "@/lib/errors";
import { deliveryLeaseName, type WorkerLeases } from "@/lib/worker/leases";

export const DEFAULT_BATCH_SIZE = 2_000;
/** A step never scans more ids than this past a checkpoint (a trail matching few events stays cheap). */
export const DEFAULT_SCAN_WINDOW = 50_000;
const PURGE_EVERY_MS = 3_600_000;
/** How long failed attempts are kept (the metric reads at most this far back). */
export const FAILURE_KEEP_MS = 90 * 86_400_000;

export interface EngineOptions {
  batchSize?: number;
  scanWindow?: number;
  now?: () => Date;
  /** Called once per Delivery row committed (the worker logs it). */
  onDelivery?: (d: DeliveryNotice) => void;
  /** Failures and recoveries worth a log line. */
  onNotice?: (message: string) => void;
  /**
   * Several workers on one store: each trail destination and history job is delivered only under its
   * lease. Without (tests, the benchmark, one process) every destination is delivered.
   */
  leases?: WorkerLeases;
}

export interface StepResult {
  /** Events delivered in this step, over all trails, destinations and the history job. */
  delivered: number;
  /** Work is known to be waiting (a full batch, or more ids past the scan window): step again now. */
  more: boolean;
  failures: number;
}

export class ConcurrentDeliveryError extends Error {}

/** The claimed range of a bucket batch, as trail_destinations keeps it. */
export interface IntentColumns {
  intentCheckpoint: number | null;
  intentMaxId: number | null;
}

/** A trail's notification channel and its destination's failures so far (a success after them is a recovery). */
export interface DeliveryNotify {
  channel: NotifyChannel;
  failures: number;
  lastErrorAt: Date | null;
  lastError: string | null;
}

export class DeliveryEngine {
  readonly stores = new StoreCache();
  readonly opts: Required<Omit<EngineOptions, "onDelivery" | "onNotice" | "leases">> & EngineOptions;
  /** The Running history jobs: one batch each step, after the live deliveries. */
  private readonly historyJobs = new HistoryJobs(this);
  private lastPurge = 0;

  constructor(opts: EngineOptions = {}) {
    this.opts = { batchSize: DEFAULT_BATCH_SIZE, scanWindow: DEFAULT_SCAN_WINDOW, now: () => new Date(), ...opts };
  }

  async step(): Promise<StepResult> {
    const result: StepResult = { delivered: 0, more: false, failures: 0 };
    const trails = await prisma.trail.findMany({ where: { isLogging: true } });
    const { leases } = this.opts;
    const leased = new Set<string>();
    if (trails.length) {
      // Leases first, rows after: a checkpoint read under the lease is the one the last holder committed.
      const mine: [DeliveryTrail, Destination][] = [];
      for (const trail of trails) {
        for (const destination of trailDestinations(trail)) {
          const name = deliveryLeaseName(trail.name, destination);
          if (leases && !(await leases.take(name))) continue;
          leased.add(name);
          mine.push([trail, destination]);
        }
      }
      const horizon = mine.length ? await safeHorizon() : undefined;
      const rows = mine.length ? await prisma.trailDestination.findMany({ where: { trailName: { in: trails.map((t) => t.name) } } }) : [];
      const channels = mine.length ? await notifyChannels(trails) : new Map<string, NotifyChannel>();
      for (const [trail, destination] of mine) {
        const channel = channels.get(trail.name);
        let row = rows.find((r) => r.trailName === trail.name && r.destination === destination);
        // Helper code creates these rows when logging starts; a missing one starts from now.
        row ??= await prisma.trailDestination.upsert({
          where: { trailName_destination: { trailName: trail.name, destination } },
          create: { trailName: trail.name, destination, checkpoint: await maxEventId() },
          update: {},
        });
        if (horizon === undefined) continue;
        if (row.nextAttemptAt && row.nextAttemptAt > this.opts.now()) continue;
        try {
          const notify = channel && { channel, failures: row.failures, lastErrorAt: row.latestErrorTime, lastError: row.latestDeliveryError };
          const r = await this.deliverLive(trail, destination, row.checkpoint, horizon, notify, row);
          result.delivered += r.delivered;
          result.more ||= r.more;
        } catch (e) {
          result.failures++;
          await this.recordFailure(trail.name, destination, e, channel);
        }
      }
    }
    // A destination that is no longer delivered (trail stopped, destination removed) frees its lease.
    if (leases) for (const name of leases.heldNames("delivery:")) if (!leased.has(name)) await leases.release(name);
    const jobs = await this.historyJobs.step();
    result.delivered += jobs.delivered;
    result.more ||= jobs.more;
    if (this.opts.now().getTime() - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = this.opts.now().getTime();
      await purgeLogStores(this.opts.now());
    }
    return result;
  }

  /** Steps until nothing is left to do (tests, the benchmark). Returns the events delivered. */
  async runUntilIdle(maxSteps = 10_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxSteps; i++) {
      const r = await this.step();
      total += r.delivered;
      if (!r.more) return total;
    }
    throw new Error(`Delivery still busy after ${maxSteps} steps`);
  }

  /** The next batch of one trail to one destination, after its checkpoint. */
  async deliverLive(
    trail: DeliveryTrail,
    destination: Destination,
    checkpoint: number,
    horizon: number,
    notify?: DeliveryNotify,
    intent: IntentColumns = { intentCheckpoint: null, intentMaxId: null },
  ): Promise<{ delivered: number; more: boolean }> {
    let maxId = Math.min(horizon, checkpoint + this.opts.scanWindow);
    const claimedBefore = intent.intentCheckpoint === checkpoint && intent.intentMaxId !== null;
    if (destination === "oss" && (maxId > checkpoint || claimedBefore)) {
      // The range of this checkpoint is decided once, by the first attempt that claims it; later ones
      // (after a crash, or a worker that lost its lease) read the same range to write the same files.
      const claim = claimedBefore ? { maxId: intent.intentMaxId!, resumed: true } : await claimIntent(trail.name, destination, checkpoint, maxId);
      if (!claim) throw new ConcurrentDeliveryError(`Checkpoint of ${trail.name}/${destination} moved before delivery`);
      if (claim.resumed) {
        this.opts.onNotice?.(`resuming an interrupted delivery trail=${trail.name} destination=${destination} pk=${checkpoint + 1}-${claim.maxId}`);
      }
      maxId = claim.maxId;
    }
    if (maxId <= checkpoint) return { delivered: 0, more: false };
    const events = await readMatchingEvents(trail, { afterId: checkpoint, maxId, limit: this.opts.batchSize });
    const full = events.length === this.opts.batchSize;
    // A short batch means every matching event up to maxId is in it: the checkpoint moves past the rest.
    const next = full ? events[events.length - 1].id : maxId;
    const { parts, commit } = await prepareDelivery(trail, destination, events, this.stores);
    const now = this.opts.now();
    const lease = this.opts.leases;
    await prisma.$transaction(async (tx) => {
      if (lease) await lease.confirm(tx, deliveryLeaseName(trail.name, destination));
      await commit(tx);
      const success = events.length
        ? { latestDeliveryTime: now, latestDeliveryError: null, latestErrorTime: null, failures: 0, nextAttemptAt: null }
        : {};
      const { count } = await tx.trailDestination.updateMany({
        where: { trailName: trail.name, destination, checkpoint },
        data: { checkpoint: next, intentCheckpoint: null, intentMaxId: null, ...success },
      });
      if (count !== 1) throw new ConcurrentDeliveryError(`Checkpoint of ${trail.name}/${destination} moved during delivery`);
      if (parts.length) await tx.delivery.createMany({ data: parts.map((p) => ({ trailName: trail.name, destination, deliveredAt: now, ...p })) });
      // In the same transaction: a committed delivery is announced exactly once.
      if (notify && events.length && notify.failures > 0) {
        await notifyRecovered(tx, notify.channel, { trailName: trail.name, destination, failures: notify.failures, lastErrorAt: notify.lastErrorAt, lastError: notify.lastError, now });
      }
      if (notify?.channel.eachFile && destination === "oss" && parts.length) await notifyFiles(tx, notify.channel, { trailName: trail.name, parts, now });
    }, { timeout: 60_000, maxWait: 30_000 });
    for (const p of parts) this.opts.onDelivery?.({ trailName: trail.name, destination, ...p });
    return { delivered: events.length, more: full || maxId < horizon };
  }

  async recordFailure(trailName: string, destination: Destination, e: unknown, channel?: NotifyChannel): Promise<void> {
    if (e instanceof ConcurrentDeliveryError || e instanceof LeaseLostError) {
      this.opts.onNotice?.(`delivery left to another worker trail=${trailName} destination=${destination}: ${(e as Error).message}`);
      return;
    }
    const message = errorText(e);
    this.opts.onNotice?.(`delivery failed trail=${trailName} destination=${destination}: ${errorDetail(e)}`);
    const now = this.opts.now();
    const row = await prisma.trailDestination.findUnique({ where: { trailName_destination: { trailName, destination } } });
    if (!row) return;
    const failures = row.failures + 1;
    // Each attempt is kept for DescribeTrailDeliveryMetricData's failure counts, for as long as the
    // query store keeps events (the back-off bounds it to one row a minute per destination).
    await prisma.deliveryFailure.create({ data: { trailName, destination, failedAt: now } });
    await prisma.deliveryFailure.deleteMany({ where: { trailName, destination, failedAt: { lt: new Date(now.getTime() - FAILURE_KEEP_MS) } } });
    await prisma.trailDestination.updateMany({
      where: { trailName, destination },
      data: { failures, latestDeliveryError: message, latestErrorTime: now, nextAttemptAt: new Date(now.getTime() + backoffMs(failures)) },
    });
    // The first failure of an outage is announced; the next ones only back off (the recovery closes it).
    if (channel && row.failures === 0) {
      try {
        await notifyFailed(channel, { trailName, destination, error: message, now });
      } catch (err) {
        this.opts.onNotice?.(`delivery notification failed trail=${trailName}: ${errorDetail(err)}`);
      }
    }
  }
}
