// The worker: six independent loops — trail delivery, insight detection (lib/insights/step.ts), alerts
// (lib/alerts/engine.ts), the signed digests of delivered files and log store rows
// (lib/integrity/digests.ts), the query store's checkpoints and retention purge
// (lib/integrity/store-checkpoints.ts), the console's "Verify now" jobs (lib/integrity/verification-jobs.ts),
// each stepping about every second, at once again while work is waiting, and sign-in housekeeping (failed
// sign-ins of closed minutes recorded as events, old session and rate-limit rows pruned)
// every few seconds.
// It keeps no state that matters across restarts: checkpoints live in the database.
// Several workers may run on one store (lib/worker/leases.ts, docs/worker-leases.md): each trail
// destination and history job is delivered by the holder of its lease, and each other loop runs in the
// one worker that holds the loop's lease; the others wait, ready to take over when a holder dies.
import { DeliveryEngine, type EngineOptions } from "./engine";
import { errorDetail } from "./backoff";
import { runAlertStep, type AlertEngineOptions } from "@/lib/alerts/engine";
import { deliverInsightEvents } from "@/lib/insights/insight-delivery";
import { runInsightStep } from "@/lib/insights/step";
import { pruneConsoleSessions } from "@/lib/auth/console-sessions";
import { pruneRateLimits } from "@/lib/rate-limit/store";
import { flushSigninFailures } from "@/lib/auth/signin-failures";
import { DigestEngine, type DigestEngineOptions } from "@/lib/integrity/digests";
import { StoreChainWorker, type StoreStepOptions } from "@/lib/integrity/store-checkpoints";
import { runVerificationStep } from "@/lib/integrity/verification-jobs";
import { WorkerLeases } from "@/lib/worker/leases";

export interface WorkerOptions extends Omit<EngineOptions, "leases"> {
  intervalMs?: number;
  /** Alert webhook back-off and attempts (tests shorten them). */
  alerts?: AlertEngineOptions;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Which loops run (default all six); the delivery benchmark times delivery alone. */
  loops?: readonly WorkerLoop[];
  /** How often the sign-in step runs (default 3 s: a failed sign-in is an event ≤ 65 s after its minute began). */
  signinIntervalMs?: number;
  /** The digest period (tests shorten it; default TRAILKEEPER_DIGEST_INTERVAL_SECONDS). */
  digests?: Pick<DigestEngineOptions, "intervalMs">;
  /** The store checkpoint and purge intervals (tests shorten them). */
  store?: Pick<StoreStepOptions, "checkpointIntervalMs" | "purgeIntervalMs">;
  /** The leases shared with other workers (default: new ones, TRAILKEEPER_LEASE_SECONDS); false: none (one process). */
  leases?: WorkerLeases | false;
}

export type WorkerLoop = "delivery" | "insight" | "alert" | "signin" | "digests" | "store" | "verification";

/** Old session rows are pruned about once an hour, not on every sign-in step. */
const PRUNE_SESSIONS_EVERY_MS = 3600_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs `step` until aborted: at once again while it reports more work, else after `interval`; a failed
 * step is logged and retried more slowly. Each loop has its own failures, so a failing insight or alert
 * step never stops trail delivery (nor the other way round).
 */
async function runLoop(name: string, step: () => Promise<{ more: boolean }>, interval: number, log: (line: string) => void, signal?: AbortSignal) {
  let errors = 0;
  while (!signal?.aborted) {
    try {
      const r = await step();
      errors = 0;
      if (r.more) await new Promise((resolve) => setImmediate(resolve));
      else await sleep(interval, signal);
    } catch (e) {
      // The database itself is unavailable (or a bug): keep trying, more slowly.
      errors++;
      log(`${new Date().toISOString()} ${name} step failed: ${errorDetail(e)}`);
      await sleep(Math.min(30_000, interval * 2 ** Math.min(errors, 5)), signal);
    }
  }
}

export async function runWorker(opts: WorkerOptions = {}): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const interval = opts.intervalMs ?? 1_000;
  const notice = (m: string) => log(`${new Date().toISOString()} ${m}`);
  const leases = opts.leases === false ? undefined : (opts.leases ?? new WorkerLeases({ onNotice: notice }));
  if (leases) notice(`worker ${leases.holder} leases ${leases.ttlMs} ms`);
  leases?.start();
  const engine = new DeliveryEngine({
    ...opts,
    leases,
    onDelivery:
      opts.onDelivery ??
      ((d) =>
        log(
          `${new Date().toISOString()} delivered trail=${d.trailName} destination=${d.destination} events=${d.eventCount} ` +
            `pk=${d.firstEventPk}-${d.lastEventPk}${d.historyJobId ? ` job=${d.historyJobId}` : ""} ${d.location}`,
        )),
    onNotice: opts.onNotice ?? notice,
  });
  const runs = (name: WorkerLoop) => !opts.loops || opts.loops.includes(name);
  const loops: Promise<void>[] = [];
  // A singleton loop steps only in the worker holding its lease; in the others it waits to take over.
  const loop = (name: WorkerLoop, step: () => Promise<{ more: boolean }>, every: number, logLine: typeof log, signal?: AbortSignal) =>
    runLoop(name, name === "delivery" || !leases ? step : async () => ((await leases.take(`loop:${name}`)) ? step() : { more: false }), every, logLine, signal);
  if (runs("delivery")) loops.push(loop("delivery", () => engine.step(), interval, log, opts.signal));
  if (runs("insight")) {
    const insightStep = async () => {
      const r = await runInsightStep();
      if (r.raised) notice(`insights raised=${r.raised} events=${r.processed}`);
      // Trails with insight types on deliver the insight events (lib/insights/insight-delivery.ts).
      const d = await deliverInsightEvents({ stores: engine.stores, onNotice: notice });
      for (const f of d.files) notice(`delivered insight events ${f}`);
      return { more: r.more || d.more };
    };
    loops.push(loop("insight", insightStep, interval, log, opts.signal));
  }
  if (runs("alert")) loops.push(loop("alert", () => runAlertStep({ onNotice: notice, ...opts.alerts }), interval, log, opts.signal));
  if (runs("digests")) {
    // Made in the loop: a bad TRAILKEEPER_DIGEST_INTERVAL_SECONDS fails this loop's steps, not the worker.
    let digests: DigestEngine | undefined;
    const digestStep = () => (digests ??= new DigestEngine({ now: opts.now, onNotice: notice, ...opts.digests })).step();
    loops.push(loop("digests", digestStep, interval, log, opts.signal));
  }
  if (runs("store")) {
    // Made in the loop: a bad TRAILKEEPER_STORE_CHECKPOINT_SECONDS fails this loop's steps, not the worker.
    let store: StoreChainWorker | undefined;
    const storeStep = () => (store ??= new StoreChainWorker({ now: opts.now, onNotice: notice, ...opts.store })).step();
    loops.push(loop("store", storeStep, interval, log, opts.signal));
  }
  // Its own loop: a long verification holds up neither delivery nor the digests it checks.
  if (runs("verification")) loops.push(loop("verification", () => runVerificationStep({ now: opts.now, onNotice: notice }), interval, log, opts.signal));
  if (runs("signin")) {
    let prunedAt = 0;
    const signinStep = async () => {
      const r = await flushSigninFailures();
      if (r.recorded) notice(`failed sign-ins recorded minutes=${r.recorded}`);
      if (Date.now() - prunedAt >= PRUNE_SESSIONS_EVERY_MS) {
        prunedAt = Date.now();
        await pruneConsoleSessions();
        await pruneRateLimits();
      }
      return r;
    };
    loops.push(loop("signin", signinStep, opts.signinIntervalMs ?? 3_000, log, opts.signal));
  }
  try {
    await Promise.all(loops);
  } finally {
    // Given back at once: another worker takes the work now instead of after the lease time.
    await leases?.stop().catch((e) => notice(`releasing leases failed: ${errorDetail(e)}`));
  }
}
