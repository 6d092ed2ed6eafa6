// `npm run bench`: builds a fresh SQLite database of generated events through the real ingestion code,
// times a fixed query mix through the page's own query code against the same SQL run raw (the floor),
// and compares ingestion with a raw bulk-insert floor. Options: see bench/options.ts (--help).
import "@/scripts/node-entry";
import fs from "node:fs";
import path from "node:path";
import { createBenchFiles, fileSizeMiB, openReadOnly, openWritable, removeBenchFiles } from "./database";
import { appendFloor, ingestFloor, ingestThroughProduct, type FloorResult, type IngestResult } from "./ingest";
import { finishMachineInfo, machineInfo, sampleLoad } from "./machine";
import { explain, measureCase, SkipCase, type CaseResult } from "./measure";
import { buildQueryMix } from "./mix";
import { misses, printReport, TARGETS, writeReport, type BenchReport } from "./report";
import { parseOptions } from "./options";
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
  const files = createBenchFiles();
  // Before the first use of lib/db: the shared client reads DATABASE_URL when it is first needed.
  process.env.DATABASE_URL = `file:${files.product}`;
  const { analyzeDatabase, disconnectDb, sqliteDriver } = await import("@/lib/db");

  const probe = openReadOnly(files.product);
  const machine = machineInfo((probe.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v);
  probe.close();

  try {
    let ingest: IngestResult | undefined;
    if (opts.db) {
      console.error(`bench: querying a copy of ${opts.db} in ${files.dir}`);
      fs.copyFileSync(opts.db, files.product);
    } else {
      console.error(`bench: ${opts.events.toLocaleString("en-US")} events into ${files.dir}`);
      ingest = await ingestThroughProduct({ count: opts.events, end: END, days: DAYS, seed: SEED }, opts.ingestBatch);
      if (ingest.failed) throw new Error(`${ingest.failed} generated events failed validation`);
      if (opts.analyze) {
        // As the seed and the CLI import do after a bulk load: fresh planner statistics.
        const t = performance.now();
        await analyzeDatabase();
        ingest.analyzeSeconds = (performance.now() - t) / 1000;
      }
      sqliteDriver().pragma("wal_checkpoint(TRUNCATE)");
    }
    if (opts.sql.length) {
      const writer = openWritable(files.product);
      for (const statement of opts.sql) {
        const t = performance.now();
        writer.exec(statement);
        console.error(`  ${statement}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      writer.close();
    }

    // The floors get the product connection's page cache, so they differ from it only in the code path.
    const cacheSize = sqliteDriver().pragma("cache_size", { simple: true }) as number;
    const reader = openReadOnly(files.product, cacheSize);
    let ingestFloorResult: FloorResult | undefined;
    let appendFloorResult: FloorResult | undefined;
    if (opts.ingestFloor && !opts.db) {
      const target = openWritable(files.floor, cacheSize);
      ingestFloorResult = ingestFloor(reader, target);
      target.close();
      const append = openWritable(files.append, cacheSize);
      appendFloorResult = appendFloor(reader, append);
      append.close();
    }

    const mix = buildQueryMix(reader, { end: END });
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
    for (const r of queries) if (opts.explain || misses(r).length) plans[r.name] = explain(reader, r.sql, r.values);
    const count = (t: string) => (reader.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      machine: finishMachineInfo(machine),
      dataset: {
        events: count("events"), resources: count("event_resources"), dbMiB: fileSizeMiB(files.product),
        end: END.toISOString(), days: DAYS, seed: SEED, cacheSize,
        plannerStatistics: !!reader.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get(),
      },
      runs: opts.runs,
      warmups: opts.warmups,
      targets: TARGETS,
      ingest,
      ingestFloor: ingestFloorResult,
      appendFloor: appendFloorResult,
      queries,
      skipped,
      plans,
      preparedWith: opts.sql,
    };
    reader.close();

    if (opts.api && !opts.dashboardOnly && !opts.eventViewOnly) {
      console.error("bench: LookupEvents over HTTP through the V2.0 SDK against the web server");
      report.api = await benchApi({ databaseFile: files.product, cases: apiCases(mix.cases), runs: opts.runs, warmups: opts.warmups });
    }

    console.error("bench: opening large and hostile events (findEventById + server render)");
    report.eventView = await benchEventView(Math.min(opts.runs, 20), Math.min(opts.warmups, 3));

    if (!opts.db && !opts.eventViewOnly && opts.chainCost) {
      // Its own fresh database, as delivery's below.
      await disconnectDb();
      console.error(`bench: ingestion with and without the store chain (alternate batches), ${opts.events.toLocaleString("en-US")} events`);
      report.chainCost = await benchChainCost({ events: opts.events, end: END, days: DAYS, seed: SEED + 1 });
    }

    if (!opts.db && !opts.eventViewOnly && process.env.BENCH_DELIVERY !== "0") {
      // Its own fresh database: it switches lib/db over and back, so nothing else may be using it now.
      await disconnectDb();
      const events = Math.min(opts.events, DELIVERY_EVENTS);
      console.error(`bench: delivery of ${events.toLocaleString("en-US")} events to a local bucket`);
      report.delivery = { events, ...(await benchDelivery({ events })) };
    }

    printReport(report);
    if (Object.keys(plans).length) {
      console.log(opts.explain ? "\nquery plans:" : "\nquery plans of the queries that missed a target:");
      for (const [name, lines] of Object.entries(plans)) console.log(`  ${name}\n${lines.map((l) => `    ${l}`).join("\n")}`);
    }
    if (opts.write) {
      const written = writeReport(report, path.join(__dirname, "results"));
      console.log(`\nwrote ${written.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
    }
  } finally {
    await disconnectDb();
    if (opts.keep) console.log(`kept the databases: ${files.product} (product), ${files.floor} (ingest floor)`);
    else removeBenchFiles(files);
  }
}

const DELIVERY_EVENTS = 20_000;

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
