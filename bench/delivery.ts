// Delivery benchmark, called from the benchmark runner: on a fresh database of the run's store, (1) events/s
// delivered to a local directory bucket by the engine, (2) the time from ingestEvents returning to the
// event's file being readable in the bucket, with the worker loop running as in production (1 s ticks).
// Self-contained: it points lib/db at its own database and data directory and restores both after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openStore, type BenchDatabase } from "./store";

const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES) || 20;

export interface DeliveryBenchResult {
  eventsPerSecond: number;
  ingestToReadableMs: { p50: number; p95: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function benchDelivery(opts: { events: number; fresh?: () => Promise<BenchDatabase> }): Promise<DeliveryBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-bench-delivery-"));
  const own = opts.fresh ? undefined : openStore("sqlite");
  const database = await (opts.fresh ?? (() => own!.fresh("delivery")))();
  const saved = { url: process.env.DATABASE_URL, dataDir: process.env.TRAILKEEPER_DATA_DIR };
  const { disconnectDb, prisma } = await import("@/lib/db");
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  process.env.TRAILKEEPER_DATA_DIR = dir;
  const { ingestEvents } = await import("@/lib/events/ingest");
  const { generateEvents } = await import("@/lib/seed/generate-events");
  const { DeliveryEngine } = await import("@/lib/delivery/engine");
  const { runWorker } = await import("@/lib/delivery/worker");
  const { LocalObjectStore, localBucketDir } = await import("@/lib/delivery/object-store");
  const { decodeLogFile } = await import("@/lib/delivery/files");
  const { maxEventId } = await import("@/lib/delivery/read-events");
  const controller = new AbortController();
  let worker: Promise<void> | undefined;
  try {
    await prisma.bucket.create({ data: { name: "bench", kind: "local" } });
    const trail = async (name: string, prefix: string) => {
      await prisma.trail.create({
        data: { name, homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", ossBucketName: "bench", ossKeyPrefix: prefix, isLogging: true },
      });
      await prisma.trailDestination.create({ data: { trailName: name, destination: "oss", checkpoint: await maxEventId() } });
    };

    // (1) Throughput: the events are stored first, then delivered by the engine alone.
    await trail("bench-throughput", "throughput");
    const batch: { value: unknown; raw: string }[] = [];
    const flush = async () => {
      if (batch.length) await ingestEvents(batch.splice(0));
    };
    const end = new Date();
    for (const value of generateEvents({ count: opts.events, end, days: 1, seed: 7 })) {
      batch.push({ value, raw: JSON.stringify(value) });
      if (batch.length === 1_000) await flush();
    }
    await flush();
    const engine = new DeliveryEngine();
    const t = performance.now();
    const delivered = await engine.runUntilIdle();
    const seconds = (performance.now() - t) / 1000;
    if (process.env.BENCH_DEBUG) console.error(`delivered ${delivered} events in ${seconds.toFixed(2)} s, ${await prisma.delivery.count()} files`);
    await prisma.trail.update({ where: { name: "bench-throughput" }, data: { isLogging: false } });

    // (2) Latency: single-event ingests while the worker loop runs; poll the bucket for the event.
    await trail("bench-latency", "latency");
    worker = runWorker({ signal: controller.signal, log: () => {}, loops: ["delivery"] });
    const store = new LocalObjectStore(localBucketDir("bench"));
    const seen = new Set<string>();
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      // At a random moment of the worker's 1 s tick.
      await new Promise((r) => setTimeout(r, Math.random() * 1_000));
      const eventId = randomUUID();
      const value = { ...(generateEvents({ count: 1, end: new Date(), days: 1, seed: 100 + i }).next().value as Record<string, unknown>), eventId };
      await ingestEvents([{ value, raw: JSON.stringify(value) }]);
      const t0 = performance.now();
      for (let found = false; !found; ) {
        if (performance.now() - t0 > 30_000) throw new Error("an ingested event did not reach the bucket within 30 s");
        for (const key of await store.list("latency/")) {
          if (seen.has(key)) continue;
          seen.add(key);
          if (decodeLogFile(await store.get(key)).some((line) => line.includes(eventId))) found = true;
        }
        if (!found) await new Promise((r) => setTimeout(r, 5));
      }
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return {
      eventsPerSecond: Math.round(delivered / seconds),
      ingestToReadableMs: { p50: Math.round(percentile(samples, 50)), p95: Math.round(percentile(samples, 95)) },
    };
  } finally {
    controller.abort();
    await worker?.catch(() => {});
    await disconnectDb();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.dataDir === undefined) delete process.env.TRAILKEEPER_DATA_DIR;
    else process.env.TRAILKEEPER_DATA_DIR = saved.dataDir;
    fs.rmSync(dir, { recursive: true, force: true });
    await database.drop();
    await own?.close(false);
  }
}

// Run alone: `npx tsx bench/delivery.ts [events]`.
if (require.main === module) {
  benchDelivery({ events: Number(process.argv[2]) || 20_000 })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
