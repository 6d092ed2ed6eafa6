// PostgreSQL ingestion: the bulk path (lib/db/pg-bulk.ts: a plain pg connection, one unnest INSERT per
// table) against Prisma's interactive transaction with multi-row VALUES, in alternate batches of 1,000
// into one fresh database, so both see the same index sizes and machine load (as bench/chain-cost.ts).
// The events are generated at the density of a 1M-event run (90 days per million).
//   npx tsx bench/pg-bulk-cost.ts [events, default 20000] [--pg-url URL]
import "@/scripts/node-entry";
import os from "node:os";
import { openStore } from "./store";

process.env.TRAILKEEPER_QUERY_RETENTION_DAYS ??= "3650";

async function main() {
  const events = Number(process.argv[2] ?? 20_000);
  const urlAt = process.argv.indexOf("--pg-url");
  const store = openStore("postgres", urlAt > 0 ? process.argv[urlAt + 1] : undefined);
  const database = await store.fresh("bulk_cost");
  process.env.DATABASE_URL = database.url;
  const { disconnectDb } = await import("@/lib/db");
  const { ingestEvents, MAX_EVENTS_PER_CALL } = await import("@/lib/events/ingest");
  const { setPgBulkEnabled } = await import("@/lib/db/pg-bulk");
  const { generateEvents } = await import("@/lib/seed/generate-events");
  const generated = generateEvents({ count: events, end: new Date("2026-03-04T10:00:00.000Z"), days: (90 * events) / 1e6, seed: 3 });
  const modes = { bulk: { events: 0, ms: 0 }, prisma: { events: 0, ms: 0 } };
  const load: number[] = [];
  try {
    for (let n = 0; ; n++) {
      const batch: { value: unknown; raw: string }[] = [];
      for (let r = generated.next(); !r.done; r = generated.next()) {
        batch.push({ value: r.value, raw: JSON.stringify(r.value) });
        if (batch.length === MAX_EVENTS_PER_CALL) break;
      }
      if (!batch.length) break;
      const mode = n % 2 === 0 ? modes.bulk : modes.prisma;
      setPgBulkEnabled(mode === modes.bulk);
      const t = performance.now();
      await ingestEvents(batch);
      mode.ms += performance.now() - t;
      mode.events += batch.length;
      load.push(os.loadavg()[0]);
    }
  } finally {
    setPgBulkEnabled(true);
    await disconnectDb();
    await database.drop();
    await store.close(false);
  }
  const rate = (m: { events: number; ms: number }) => Math.round(m.events / (m.ms / 1000));
  console.log(`bulk (pg, unnest): ${rate(modes.bulk)} events/s; Prisma (multi-row VALUES): ${rate(modes.prisma)} events/s; ` +
    `${(rate(modes.bulk) / rate(modes.prisma)).toFixed(2)}x; ${events} events; load avg ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
