// `npm run bench`: builds a fresh database of generated events through the real ingestion code (SQLite,
// or with --store postgres|both PostgreSQL on the tests' throwaway server), times a fixed query mix
// through the page's own query code against the same SQL run raw (the floor), and compares ingestion
// with a raw bulk-insert floor. Options: see bench/options.ts (--help).
import "@/scripts/node-entry";
import fs from "node:fs";
import path from "node:path";
import { openReadOnly, openWritable } from "./database";
import { appendFloor, ingestFloor, ingestFloorPostgres, ingestThroughProduct, type FloorResult, type IngestResult } from "./ingest";
import { finishMachineInfo, machineInfo, sampleLoad } from "./machine";
import { measureCase, SkipCase, type CaseResult } from "./measure";
import { buildQueryMix } from "./mix";
import { misses, printReport, TARGETS, writeReport, writeSideBySide, type BenchReport } from "./report";
import { parseOptions, type BenchOptions } from "./options";
import { existingPgDatabase, openStore, type BenchDatabase, type FloorDb, type StoreKind } from "./store";
import { benchDelivery } from "./delivery";
import { buildDashboardMix, measureDashboardCase } from "./dashboard";
import { benchEventView } from "./event-view";
import { benchChainCost } from "./chain-cost";
import { apiCases, benchApi } from "./api";

/** The generated window ends on a weekday evening (Beijing time), so the default 24 h is a busy one. */
const END = new Date("2026-03-04T10:00:00.000Z");
const DAYS = 90;
const SEED = 1;
// The window ends on a fixed date so that runs compare; ingestion would refuse its events as older than
// the query store's retention today, so the benchmark's stores keep ten years (lib/config/retention.ts).
process.env.TRAILKEEPER_QUERY_RETENTION_DAYS ??= "3650";

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const reports: BenchReport[] = [];
  for (const kind of opts.stores) reports.push(await runStore(kind, opts));
  if (opts.write) {
    const dir = path.join(__dirname, "results");
    const written = reports.flatMap((r) => writeReport(r, dir));
    const sideBySide = writeSideBySide(dir);
    console.log(`\nwrote ${[...written, ...(sideBySide ? [sideBySide] : [])].map((f) => path.relative(process.cwd(), f)).join(", ")}`);
  }
}

/** The whole benchmark on one store: a fresh database filled through ingestEvents, then every case. */
async function runStore(kind: StoreKind, opts: BenchOptions): Promise<BenchReport> {
  const store = openStore(kind, opts.pgUrl);
  const machine = machineInfo(await store.version());
  const keptPg = kind === "postgres" && opts.db && /^postgres(ql)?:\/\//.test(opts.db);
  const product = keptPg ? existingPgDatabase(opts.db!) : await store.fresh("product");
  // Before the first use of lib/db: the shared client reads DATABASE_URL when it is first needed.
  const { analyzeDatabase, disconnectDb, sqliteDriver } = await import("@/lib/db");
  await disconnectDb();
  process.env.DATABASE_URL = product.url;
  const made: BenchDatabase[] = [product];

  try {
    let ingest: IngestResult | undefined;
    if (opts.db) {
      if (kind === "sqlite") {
        console.error(`bench: querying a copy of ${opts.db} in ${product.where}`);
        fs.copyFileSync(opts.db, product.where);
      } else if (!keptPg) {
        throw new Error("--db with --store postgres takes the URL of a database kept by --keep");
      } else console.error(`bench: querying ${opts.db} as it is (PostgreSQL; not copied)`);
    } else {
      console.error(`bench (${kind}): ${opts.events.toLocaleString("en-US")} events into ${product.where}, ${opts.ingestBatch.toLocaleString("en-US")} per call` +
        (opts.ingestClients > 1 ? ` by ${opts.ingestClients} concurrent callers` : ""));
      ingest = await ingestThroughProduct({ count: opts.events, end: END, days: DAYS, seed: SEED, clients: opts.ingestClients }, opts.ingestBatch);
      if (ingest.failed) throw new Error(`${ingest.failed} generated events failed validation`);
      if (opts.analyze) {
        // As the seed and the CLI import do after a bulk load: fresh planner statistics.
        const t = performance.now();
        await analyzeDatabase();
        ingest.analyzeSeconds = (performance.now() - t) / 1000;
      }
      if (kind === "sqlite") sqliteDriver().pragma("wal_checkpoint(TRUNCATE)");
    }
    if (opts.sql.length) {
      const writer = kind === "sqlite" ? openWritable(product.where) : undefined;
      const pgWriter = kind === "postgres" ? await product.floor() : undefined;
      for (const statement of opts.sql) {
        const t = performance.now();
        if (writer) writer.exec(statement);
        else await pgWriter!.query(statement);
        console.error(`  ${statement}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      writer?.close();
      await pgWriter?.close();
    }

    // The floors get the product connection's page cache, so they differ from it only in the code path.
    const cacheSize = kind === "sqlite" ? (sqliteDriver().pragma("cache_size", { simple: true }) as number) : 0;
    const reader = await product.floor(cacheSize);
    let ingestFloorResult: FloorResult | undefined;
    let appendFloorResult: FloorResult | undefined;
    if (opts.ingestFloor && !opts.db) {
      const target = await store.fresh("floor");
      made.push(target);
      if (kind === "sqlite") {
        const source = openReadOnly(product.where, cacheSize);
        const writable = openWritable(target.where, cacheSize);
        ingestFloorResult = ingestFloor(source, writable);
        writable.close();
        // The physical floor: the same rows into tables without an index, in a database of their own.
        const bare = await store.fresh("append");
        made.push(bare);
        const append = openWritable(bare.where, cacheSize);
        appendFloorResult = appendFloor(source, append);
        append.close();
        await bare.drop();
        source.close();
      } else {
        ingestFloorResult = await ingestFloorPostgres(product.url, target.url);
      }
      await target.drop();
    }

    const mix = await buildQueryMix(reader, { end: END });
    const cases = opts.dashboardOnly || opts.eventViewOnly ? [] : mix.cases;
    const skipped = opts.dashboardOnly || opts.eventViewOnly ? [] : mix.skipped;
    const queries: CaseResult[] = [];
    for (const c of cases) {
      process.stderr.write(`\r  query ${queries.length + 1}/${cases.length}: ${c.name}`.padEnd(70));
      sampleLoad();
      try {
        queries.push(await measureCase(c, reader, opts.runs, opts.warmups));
      } catch (e) {
        if (!(e instanceof SkipCase)) throw e;
        skipped.push(e.message);
      }
    }
    const dashboard = opts.eventViewOnly ? [] : await buildDashboardMix(END);
    for (const [i, c] of dashboard.entries()) {
      process.stderr.write(`\r  dashboard ${i + 1}/${dashboard.length}: ${c.name}`.padEnd(90));
      sampleLoad();
      queries.push(await measureDashboardCase(c, reader, opts.runs, opts.warmups));
    }
    process.stderr.write("\n");
    if (skipped.length) console.error(`  skipped: ${skipped.join("; ")}`);

    const plans: Record<string, string[]> = {};
    for (const r of queries) if (opts.explain || misses(r).length) plans[r.name] = await reader.explain(r);
    const report: BenchReport = {
      store: kind,
      generatedAt: new Date().toISOString(),
      machine,
      dataset: {
        events: await reader.count("events"), resources: await reader.count("event_resources"), dbMiB: await product.sizeMiB(),
        end: END.toISOString(), days: DAYS, seed: SEED, cacheSize,
        plannerStatistics: kind === "sqlite"
          ? (await reader.query("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'"))[0].n !== 0
          : Number((await reader.query("SELECT count(*) AS n FROM pg_stats WHERE tablename = 'events'"))[0].n) > 0,
        settings: kind === "postgres" ? await pgSettings(reader) : undefined,
      },
      runs: opts.runs,
      warmups: opts.warmups,
      targets: { ...TARGETS, ingestEventsPerSec: kind === "postgres" ? TARGETS.ingestEventsPerSecPostgres : TARGETS.ingestEventsPerSec },
      ingest,
      ingestFloor: ingestFloorResult,
      appendFloor: appendFloorResult,
      queries,
      skipped,
      plans,
      preparedWith: opts.sql,
    };
    await reader.close();

    if (opts.api && !opts.dashboardOnly && !opts.eventViewOnly) {
      console.error("bench: LookupEvents over HTTP through the V2.0 SDK against the web server");
      report.api = await benchApi({ databaseUrl: product.url, cases: apiCases(mix.cases), runs: opts.runs, warmups: opts.warmups });
    }

    console.error("bench: opening large and hostile events (findEventById + server render)");
    report.eventView = await benchEventView(Math.min(opts.runs, 20), Math.min(opts.warmups, 3));

    if (!opts.db && !opts.eventViewOnly && opts.chainCost) {
      // Its own fresh database, as delivery's below.
      await disconnectDb();
      console.error(`bench: ingestion with and without the store chain (alternate batches), ${opts.events.toLocaleString("en-US")} events`);
      const database = await store.fresh("chain");
      report.chainCost = await benchChainCost({ events: opts.events, end: END, days: DAYS, seed: SEED + 1, database });
    }

    if (!opts.db && !opts.eventViewOnly && process.env.BENCH_DELIVERY !== "0") {
      // Its own fresh database: it switches lib/db over and back, so nothing else may be using it now.
      await disconnectDb();
      const events = Math.min(opts.events, DELIVERY_EVENTS);
      console.error(`bench: delivery of ${events.toLocaleString("en-US")} events to a local bucket`);
      report.delivery = { events, ...(await benchDelivery({ events, fresh: () => store.fresh("delivery") })) };
    }

    report.machine = finishMachineInfo(machine);
    printReport(report);
    if (Object.keys(plans).length) {
      console.log(opts.explain ? "\nquery plans:" : "\nquery plans of the queries that missed a target:");
      for (const [name, lines] of Object.entries(plans)) console.log(`  ${name}\n${lines.map((l) => `    ${l}`).join("\n")}`);
    }
    return report;
  } finally {
    await disconnectDb();
    if (opts.keep) console.log(`kept the ${kind} databases: ${product.where} (product)`);
    else for (const d of made) await d.drop();
    await store.close(opts.keep);
  }
}

/** The PostgreSQL settings that bear on the figures, for the report. */
async function pgSettings(reader: FloorDb): Promise<string> {
  const names = ["shared_buffers", "work_mem", "synchronous_commit", "fsync", "max_parallel_workers_per_gather"];
  const rows = await reader.query(`SELECT name, setting, unit FROM pg_settings WHERE name IN (${names.map((n) => `'${n}'`).join(", ")})`);
  const collation = (await reader.query("SELECT datcollate AS c FROM pg_database WHERE datname = current_database()"))[0].c;
  return [...rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` ${r.unit}` : ""}`), `collation ${collation}`].join(", ");
}

const DELIVERY_EVENTS = 20_000;

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
