// The benchmark's output: a table on stdout, bench/results/latest.{json,md} (SQLite) and
// latest-postgres.{json,md}, and side-by-side.md once both stores have results.
import fs from "node:fs";
import path from "node:path";
import type { ChainCostResult } from "./chain-cost";
import type { FloorResult, IngestResult } from "./ingest";
import { describeMachine, type MachineInfo } from "./machine";
import type { CaseResult } from "./measure";
import { DASHBOARD_P95_MS, DASHBOARD_RATIO } from "./dashboard";
import { describeFilters } from "./mix";
import { EVENT_VIEW_P95_MS, type EventViewResult } from "./event-view";
import { API_P95_MS, type ApiCaseResult } from "./api";

// Ingestion: issue 13's 10,000 events/s at 1M events on SQLite, 20,000 on PostgreSQL.
export const TARGETS = { queryP95Ms: 50, queryFloorRatio: 1.5, ingestEventsPerSec: 10_000, ingestEventsPerSecPostgres: 20_000 } as const;

export interface BenchReport {
  /** Absent in results written before PostgreSQL was benchmarked: SQLite. */
  store?: "sqlite" | "postgres";
  generatedAt: string;
  machine: MachineInfo;
  dataset: {
    events: number; resources: number; dbMiB: number; end: string; days: number; seed: number;
    /** PRAGMA cache_size of the product connection, given to the floors too. */
    cacheSize: number;
    /** Whether planner statistics existed when the queries ran (sqlite_stat1; pg_stats on events). */
    plannerStatistics: boolean;
    /** PostgreSQL: the server settings that bear on the figures. */
    settings?: string;
  };
  runs: number;
  warmups: number;
  targets: { queryP95Ms: number; queryFloorRatio: number; ingestEventsPerSec: number };
  /** Absent when the run queried a kept database (--db). */
  ingest?: IngestResult;
  ingestFloor?: FloorResult;
  /** The same rows appended to tables without indexes: the physical floor. */
  appendFloor?: FloorResult;
  queries: CaseResult[];
  /** Cases of the mix the data could not support (only in small runs). */
  skipped: string[];
  /** EXPLAIN QUERY PLAN of the queries that missed a target. */
  plans: Record<string, string[]>;
  /** Statements run before the queries (--sql), if any: the figures are then an experiment. */
  preparedWith: string[];
  /** Trail delivery to a local bucket (bench/delivery.ts), on its own fresh database. */
  delivery?: { events: number; eventsPerSecond: number; ingestToReadableMs: { p50: number; p95: number } };
  /** Ingestion with and without the query store chain (bench/chain-cost.ts), on its own fresh database. */
  chainCost?: ChainCostResult;
  /** Opening one large or hostile event on the server (bench/event-view.ts). */
  eventView?: EventViewResult[];
  /** LookupEvents end to end over HTTP through the V2.0 SDK against the real web server (bench/api.ts). */
  api?: ApiCaseResult[];
}

function apiLines(rep: BenchReport): string[] {
  return (rep.api ?? []).map((a) => {
    const ok = a.product.p95 <= API_P95_MS ? "PASS" : `MISS (p95 > ${API_P95_MS} ms)`;
    return `api: ${a.name} (${a.rows} events): p50 ${fmt(a.product.p50)} ms, p95 ${fmt(a.product.p95)} ms ${ok}` +
      `; floor (the same SDK call to a server answering the same bytes at once) p50 ${fmt(a.floor.p50)} ms, p95 ${fmt(a.floor.p95)} ms; the server's share p50 ${fmt(a.serverMs)} ms`;
  });
}

function eventViewLines(rep: BenchReport): string[] {
  if (!rep.eventView?.length) return [];
  return rep.eventView.map((v) => {
    const ok = v.product.p95 <= EVENT_VIEW_P95_MS ? "PASS" : `MISS (> ${int(EVENT_VIEW_P95_MS)} ms)`;
    return `event view: ${v.name} (${int(v.bytes / 1024)} KB): findEventById + render p50 ${fmt(v.product.p50)} ms, p95 ${fmt(v.product.p95)} ms ${ok}` +
      `; floor (the row read + its text as one <pre>) p50 ${fmt(v.floor.p50)} ms, p95 ${fmt(v.floor.p95)} ms; ratio ${v.ratio.toFixed(1)}`;
  });
}

function deliveryLines(rep: BenchReport): string[] {
  const d = rep.delivery;
  if (!d) return [];
  return [
    `delivery: ${int(d.events)} events to a local bucket at ${int(Math.round(d.eventsPerSecond))} events/s; ` +
      `ingest to file readable p50 ${Math.round(d.ingestToReadableMs.p50)} ms, p95 ${Math.round(d.ingestToReadableMs.p95)} ms (worker tick 1 s)`,
  ];
}

export function misses(r: CaseResult): string[] {
  const out: string[] = [];
  const target = r.targetP95Ms ?? TARGETS.queryP95Ms;
  if (r.product.p95 > target) out.push(`p95 ${fmt(r.product.p95)} > ${target} ms`);
  const ratio = r.targetRatio ?? TARGETS.queryFloorRatio;
  if (r.ratio > ratio) out.push(`ratio ${r.ratio.toFixed(2)} > ${ratio}`);
  return out;
}

function fmt(ms: number): string {
  return Math.abs(ms) >= 100 ? ms.toFixed(0) : Math.abs(ms) >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");

const HEAD = ["query", "filters", "rows", "p50 ms", "p95 ms", "floor p50", "floor p95", "ratio", "+ms", "result"];

function cells(r: CaseResult): string[] {
  const m = misses(r);
  const described = describeFilters(r.filters);
  const filters = (described.length > 60 ? described.slice(0, 57) + "…" : described || "—") + (r.secondPage ? " (cursor)" : "");
  return [
    r.name, filters, String(r.rows),
    fmt(r.product.p50), fmt(r.product.p95), fmt(r.floor.p50), fmt(r.floor.p95), r.ratio.toFixed(2),
    fmt(Math.abs(r.product.p50 - r.floor.p50) < 0.005 ? 0 : r.product.p50 - r.floor.p50), m.length ? `MISS (${m.join("; ")})` : "PASS",
  ];
}

function settings(rep: BenchReport): string {
  const d = rep.dataset;
  if (rep.store === "postgres") return `planner statistics (pg_stats): ${d.plannerStatistics ? "yes" : "NO"}; ${d.settings ?? ""}`;
  const cache = d.cacheSize < 0 ? `${Math.round(-d.cacheSize / 1024)} MiB` : `${d.cacheSize} pages`;
  return `planner statistics (sqlite_stat1): ${d.plannerStatistics ? "yes" : "NO"}; page cache ${cache} (product and floor connections)`;
}

function ingestLines(rep: BenchReport): string[] {
  const i = rep.ingest;
  if (!i) return ["ingest: not measured (queried a kept database)"];
  const target = rep.targets.ingestEventsPerSec;
  const ok = i.eventsPerSec >= target ? "PASS" : `MISS (< ${int(target)})`;
  const callers = (i.clients ?? 1) > 1 ? ` by ${i.clients} concurrent callers (wall time)` : "";
  const lines = [
    `ingest: ${int(i.events)} events through ingestEvents, ${int(i.batchSize ?? 1000)} per call${callers}, in ${i.seconds.toFixed(1)} s = ${int(i.eventsPerSec)} events/s ${ok}` +
      ` (generation + JSON.stringify ${i.generationSeconds.toFixed(1)} s, excluded; validation + normalisation alone` +
      ` ${i.validateMicrosPerEvent.toFixed(1)} µs/event, included)`,
    i.analyzeSeconds === undefined
      ? "planner statistics: analyzeDatabase() NOT run after the load (--no-analyze)"
      : `planner statistics: analyzeDatabase() after the load, as the seed and the CLI import do: ${i.analyzeSeconds.toFixed(1)} s (not in the ingest time)`,
  ];
  const c = rep.chainCost;
  if (c) {
    const verdict = c.cost <= 0.1 ? "PASS" : "MISS (> 10%)";
    lines.push(
      `store chain: ${int(c.events)} events in alternate batches of 1,000 with and without the block append: ` +
        `${int(c.withChain.eventsPerSec)} vs ${int(c.withoutChain.eventsPerSec)} events/s, the chain costs ${(c.cost * 100).toFixed(1)}% ${verdict}`,
    );
  }
  const f = rep.ingestFloor;
  if (f) {
    const how = rep.store === "postgres" ? "plain pg, one unnest INSERT per table (the product's statements)" : "prepared INSERTs";
    lines.push(
      `ingest floor: ${int(f.events)} events + ${int(f.resources)} resource rows by ${how}, 1,000 per transaction,` +
        ` in ${f.seconds.toFixed(1)} s = ${int(f.eventsPerSec)} events/s (ingestEvents = ${(f.eventsPerSec / i.eventsPerSec).toFixed(2)}× slower)`,
    );
  }
  const a = rep.appendFloor;
  if (a) {
    lines.push(
      `physical floor: the same ${int(a.events)} events + ${int(a.resources)} resource rows appended to tables without any index, 1,000 per transaction,` +
        ` in ${a.seconds.toFixed(1)} s = ${int(a.eventsPerSec)} events/s (ingestEvents = ${(a.eventsPerSec / i.eventsPerSec).toFixed(2)}× slower` +
        `${f ? `; the schema's indexes alone = ${(a.eventsPerSec / f.eventsPerSec).toFixed(2)}×` : ""})`,
    );
  }
  return lines;
}

function noteLines(rep: BenchReport): string[] {
  return rep.queries.filter((r) => r.note).map((r) => `${r.name}: ${r.note}`);
}

function summaryLine(rep: BenchReport): string {
  const missed = rep.queries.filter((r) => misses(r).length);
  const ingest = !rep.ingest ? "not measured" : rep.ingest.eventsPerSec >= rep.targets.ingestEventsPerSec ? "passes" : "misses";
  return `targets: query p95 <= ${TARGETS.queryP95Ms} ms (dashboard queries <= ${DASHBOARD_P95_MS} ms), query/floor <= ${TARGETS.queryFloorRatio} (dashboard ${DASHBOARD_RATIO}), ingest >= ${int(rep.targets.ingestEventsPerSec)} events/s — ` +
    `${rep.queries.length - missed.length}/${rep.queries.length} queries pass, ingest ${ingest}`;
}

export function printReport(rep: BenchReport): void {
  const rows = rep.queries.map(cells);
  const widths = HEAD.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const right = new Set([2, 3, 4, 5, 6, 7, 8]);
  const line = (r: string[]) => r.map((v, c) => (right.has(c) ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join("  ").trimEnd();
  const d = rep.dataset;
  console.log("");
  console.log(`Trailkeeper benchmark (${storeName(rep)}) — ${int(d.events)} events (${int(d.resources)} resource rows, ${d.dbMiB} MiB), ` +
    `${d.days} days ending ${d.end}; ${rep.runs} runs per query after ${rep.warmups} warm-ups; times in ms`);
  console.log(settings(rep));
  if (rep.preparedWith.length) console.log(`EXPERIMENT: before the queries ran: ${rep.preparedWith.join("; ")}`);
  console.log("");
  console.log(line(HEAD));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log("");
  if (rep.skipped.length) console.log(`skipped: ${rep.skipped.join("; ")}`);
  for (const l of noteLines(rep)) console.log(l);
  for (const l of ingestLines(rep)) console.log(l);
  for (const l of deliveryLines(rep)) console.log(l);
  for (const l of eventViewLines(rep)) console.log(l);
  for (const l of apiLines(rep)) console.log(l);
  console.log(summaryLine(rep));
  console.log(`machine: ${describeMachine(rep.machine)}`);
}

function markdown(rep: BenchReport): string {
  const d = rep.dataset;
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const out = [
    `${storeName(rep)}: ${int(d.events)} generated events (${int(d.resources)} resource rows, ${d.dbMiB} MiB ${rep.store === "postgres" ? "database" : "SQLite file"}), ${d.days} days;` +
      ` default window 24 h, region cn-hangzhou unless noted; ${rep.runs} timed runs per query after ${rep.warmups} warm-ups.` +
      (rep.store === "postgres"
        ? ` "floor" is the same SQL text and values run by plain \`pg\` (one unnamed statement per call) on a second connection;`
        : ` "floor" is the same SQL text and values run by better-sqlite3 (prepare + all) on a second, read-only connection;`) +
      ` ratio = p50 / floor p50; +ms = p50 − floor p50; times in ms. ${settings(rep)}.`,
    "",
    `| ${HEAD.join(" | ")} |`,
    `| ${HEAD.map((_, c) => (c >= 2 && c <= 8 ? "---:" : "---")).join(" | ")} |`,
    ...rep.queries.map((r) => `| ${cells(r).map(esc).join(" | ")} |`),
    "",
    ...noteLines(rep).map((l) => `- ${l}`),
    ...ingestLines(rep).map((l) => `- ${l}`),
    ...deliveryLines(rep).map((l) => `- ${l}`),
    ...eventViewLines(rep).map((l) => `- ${l}`),
    ...apiLines(rep).map((l) => `- ${l}`),
    `- ${summaryLine(rep)}`,
    `- machine: ${describeMachine(rep.machine)}`,
    `- generated ${rep.generatedAt} by \`npm run bench${rep.store === "postgres" ? " -- --store postgres" : ""}\``,
    "",
  ];
  return out.join("\n");
}

export function writeReport(rep: BenchReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const round = (k: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
  // The SQL text is the same for every query (it is in lib/events/query.ts); keep the JSON small.
  const slim = { ...rep, queries: rep.queries.map(({ sql: _sql, text: _text, values: _values, ...r }) => ({ ...r, misses: misses(r as CaseResult) })) };
  const base = rep.store === "postgres" ? "latest-postgres" : "latest";
  const json = path.join(dir, `${base}.json`);
  const md = path.join(dir, `${base}.md`);
  fs.writeFileSync(json, JSON.stringify(slim, round, 2) + "\n");
  fs.writeFileSync(md, markdown(rep));
  return [json, md];
}

function storeName(rep: BenchReport): string {
  return rep.store === "postgres" ? "PostgreSQL" : "SQLite";
}

type SlimCase = Omit<CaseResult, "sql" | "text" | "values">;
type SlimReport = Omit<BenchReport, "queries"> & { queries: SlimCase[] };

/**
 * bench/results/side-by-side.md: every case of the newest SQLite and PostgreSQL results in one table
 * (when both files exist), with each store's own floor and verdict, and the ingestion figures.
 */
export function writeSideBySide(dir: string): string | undefined {
  const read = (f: string): SlimReport | undefined => {
    const file = path.join(dir, f);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as SlimReport) : undefined;
  };
  const lite = read("latest.json");
  const pgr = read("latest-postgres.json");
  if (!lite || !pgr) return undefined;
  const byName = (r: SlimReport) => new Map(r.queries.map((q) => [q.name, q]));
  const a = byName(lite);
  const b = byName(pgr);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  const verdict = (q: SlimCase | undefined) => (!q ? "—" : misses(q as CaseResult).length ? "MISS" : "PASS");
  const t = (q: SlimCase | undefined, f: (c: SlimCase) => number) => (q ? fmt(f(q)) : "—");
  const ingest = (r: SlimReport) => {
    const i = r.ingest;
    if (!i) return "not measured";
    const floor = r.ingestFloor ? `; floor ${int(r.ingestFloor.eventsPerSec)} events/s` : "";
    return `${int(i.eventsPerSec)} events/s (${int(i.events)} events${(i.clients ?? 1) > 1 ? `, ${i.clients} callers` : ""}${floor})`;
  };
  const out = [
    `# SQLite and PostgreSQL side by side`,
    "",
    `SQLite: ${int(lite.dataset.events)} events, run ${lite.generatedAt}; PostgreSQL: ${int(pgr.dataset.events)} events, run ${pgr.generatedAt}.` +
      ` Each store's floor is the same SQL on its own plain driver (bench/results/latest.md, latest-postgres.md). Times in ms.`,
    "",
    "| case | SQLite p50 | SQLite p95 | SQLite floor p95 | SQLite | PostgreSQL p50 | PostgreSQL p95 | PostgreSQL floor p95 | PostgreSQL |",
    "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
    ...names.map((n) => {
      const x = a.get(n);
      const y = b.get(n);
      return `| ${n.replace(/\|/g, "\\|")} | ${t(x, (c) => c.product.p50)} | ${t(x, (c) => c.product.p95)} | ${t(x, (c) => c.floor.p95)} | ${verdict(x)} | ` +
        `${t(y, (c) => c.product.p50)} | ${t(y, (c) => c.product.p95)} | ${t(y, (c) => c.floor.p95)} | ${verdict(y)} |`;
    }),
    "",
    `- ingest, SQLite: ${ingest(lite)}`,
    `- ingest, PostgreSQL: ${ingest(pgr)}`,
    `- machine (SQLite run): ${describeMachine(lite.machine)}`,
    `- machine (PostgreSQL run): ${describeMachine(pgr.machine)}`,
    "",
  ];
  const file = path.join(dir, "side-by-side.md");
  fs.writeFileSync(file, out.join("\n"));
  return file;
}
