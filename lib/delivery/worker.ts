// The delivery worker loop: a step about every second, at once again while work is waiting, one log
// line per delivery. It keeps no state that matters across restarts: checkpoints live in the database.
import { DeliveryEngine, type EngineOptions } from "./engine";
import { errorText } from "./backoff";

export interface WorkerOptions extends EngineOptions {
  intervalMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

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

export async function runWorker(opts: WorkerOptions = {}): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const interval = opts.intervalMs ?? 1_000;
  const engine = new DeliveryEngine({
    ...opts,
    onDelivery:
      opts.onDelivery ??
      ((d) =>
        log(
          `${new Date().toISOString()} delivered trail=${d.trailName} destination=${d.destination} events=${d.eventCount} ` +
            `pk=${d.firstEventPk}-${d.lastEventPk}${d.historyJobId ? ` job=${d.historyJobId}` : ""} ${d.location}`,
        )),
    onNotice: opts.onNotice ?? ((m) => log(`${new Date().toISOString()} ${m}`)),
  });
  let errors = 0;
  while (!opts.signal?.aborted) {
    try {
      const r = await engine.step();
      errors = 0;
      if (r.more) await new Promise((resolve) => setImmediate(resolve));
      else await sleep(interval, opts.signal);
    } catch (e) {
      // The database itself is unavailable (or a bug): keep trying, more slowly.
      errors++;
      log(`${new Date().toISOString()} delivery step failed: ${errorText(e)}`);
      await sleep(Math.min(30_000, interval * 2 ** Math.min(errors, 5)), opts.signal);
    }
  }
}
