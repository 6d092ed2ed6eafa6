// The query store chain's cost to ingestion (docs/store-chain.md "Cost"), called from the benchmark
// runner: generated events through ingestEvents into a fresh database of the run's store, batches of 1,000, with the
// chain's block append on for one batch and off for the next (setStoreChainEnabled, which only the
// benchmark calls). Alternating in one database gives both modes the same index sizes, page cache and
// machine load; the issue allows the chain at most 10% of ingestion time.
// Self-contained: it points lib/db at its own database and restores DATABASE_URL after.
import { sampleLoad } from "./machine";
import type { BenchDatabase } from "./store";

export interface ChainCostResult {
  events: number;
  withChain: { events: number; seconds: number; eventsPerSec: number };
  withoutChain: { events: number; seconds: number; eventsPerSec: number };
  /** Time per event with the chain over time per event without it, minus one. */
  cost: number;
}

export async function benchChainCost(opts: { events: number; end: Date; days: number; seed: number; database: BenchDatabase }): Promise<ChainCostResult> {
  const saved = process.env.DATABASE_URL;
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  process.env.DATABASE_URL = opts.database.url;
  const { ingestEvents, MAX_EVENTS_PER_CALL } = await import("@/lib/events/ingest");
  const { setStoreChainEnabled } = await import("@/lib/integrity/store-chain");
  const { generateEvents } = await import("@/lib/seed/generate-events");
  const modes = { on: { events: 0, ms: 0 }, off: { events: 0, ms: 0 } };
  try {
    const events = generateEvents({ count: opts.events, end: opts.end, days: opts.days, seed: opts.seed });
    for (let n = 0; ; n++) {
      const batch: { value: unknown; raw: string }[] = [];
      for (let r = events.next(); !r.done; r = events.next()) {
        batch.push({ value: r.value, raw: JSON.stringify(r.value) });
        if (batch.length === MAX_EVENTS_PER_CALL) break;
      }
      if (!batch.length) break;
      const mode = n % 2 === 0 ? modes.on : modes.off;
      setStoreChainEnabled(mode === modes.on);
      const t = performance.now();
      await ingestEvents(batch);
      mode.ms += performance.now() - t;
      mode.events += batch.length;
      sampleLoad();
      if ((n + 1) % 20 === 0) process.stderr.write(`\r  chain on/off: ${(modes.on.events + modes.off.events).toLocaleString("en-US")} / ${opts.events.toLocaleString("en-US")}   `);
    }
    process.stderr.write("\n");
  } finally {
    setStoreChainEnabled(true);
    await disconnectDb();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await opts.database.drop();
  }
  const figure = (m: { events: number; ms: number }) => ({ events: m.events, seconds: m.ms / 1000, eventsPerSec: m.events / (m.ms / 1000) });
  const withChain = figure(modes.on);
  const withoutChain = figure(modes.off);
  return { events: withChain.events + withoutChain.events, withChain, withoutChain, cost: withoutChain.eventsPerSec / withChain.eventsPerSec - 1 };
}
