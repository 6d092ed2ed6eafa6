// The dashboard's cases of `npm run bench`: each aggregate query of lib/stats through the product code
// (cached statements, result mapping) against the same SQL run raw (the floor), and the whole page's
// queries together, for windows from 1 hour to 90 days. The page reads the rollups (lib/stats/rollups.ts)
// for whole hours and days and the events for the partial edges; before any timing, each page case checks
// that its figures equal the same counts taken directly from the events (countDashboardFromEvents), and
// times that direct aggregate once for comparison.
import type { Prisma } from "@/generated/prisma/client";
import { ALL_REGIONS } from "@/lib/events/filters";
import { buildEventPageQuery } from "@/lib/events/query";
import { DEFAULT_REGION } from "@/lib/events/regions";
import type { EventScope } from "@/lib/events/scope";
import { buildActivityQuery, buildServiceActivityQuery, countActivity, countServiceActivity } from "@/lib/stats/activity";
import { countDashboardFromEvents, getDashboard, LATEST_SENSITIVE, STACKED_SERVICES, TOP_ERROR_CODES } from "@/lib/stats/dashboard";
import {
  buildCountQuery, buildRollupActivityQuery, buildRollupServiceActivityQuery, buildRollupTopQuery, countActivityFromRollups,
  countServiceActivityFromRollups, cutWindow, EDGE_VALUES, eventsInFrom,
  findTopValuesFromRollups, HOUR_PERIOD, topPieces,
} from "@/lib/stats/rollups";
import { db } from "@/lib/db/sql";
import { buildTopValuesQuery, chooseTopPlan, TOP_DIMENSIONS, type TopDimension } from "@/lib/stats/top";
import { sqlBucketUnit } from "@/lib/stats/window";
import { timeAgainstFloor, type CaseResult } from "./measure";
import type { FloorDb } from "./store";

/** A dashboard query must answer within this (p95), whatever the window. */
export const DASHBOARD_P95_MS = 200;
/**
 * The product may take this much longer than its raw SQL: besides running it, it turns rows into chart
 * points (Read and Write rows into one point per bucket, services into one map per bucket).
 */
export const DASHBOARD_RATIO = 2;

interface DashboardCase {
  name: string;
  window: EventScope;
  /** The SQL the product runs for this case (the whole page runs several), for the floor and EXPLAIN. */
  queries: Prisma.Sql[];
  /** The product path; returns how many rows (or, for the page, chart points) it produced. */
  run: () => Promise<number>;
  /** The product returns the SQL's rows as they are (the charts' queries merge rows per bucket). */
  sameRows?: boolean;
  /** Run once before timing: throws unless the product's answer equals the direct aggregate; returns what to print. */
  check?: () => Promise<string>;
}

/** The SQL of the activity counts per hour from the rollups: the partial hours' and the whole hours'. */
function rollupActivityQueries(w: EventScope): Prisma.Sql[] {
  const cut = cutWindow(w, HOUR_PERIOD.ms, HOUR_PERIOD.chars);
  return [...cut.edges.map((e) => buildActivityQuery(e, "hour")), ...(cut.whole ? [buildRollupActivityQuery(w, cut.whole)] : [])];
}

/** The SQL of the top services per hour from the rollups: the partial hours' and the whole hours'. */
function rollupServiceQueries(w: EventScope, services: string[]): Prisma.Sql[] {
  const cut = cutWindow(w, HOUR_PERIOD.ms, HOUR_PERIOD.chars);
  return [...cut.edges.map((e) => buildServiceActivityQuery(e, "hour", services)), ...(cut.whole ? [buildRollupServiceActivityQuery(w, cut.whole, services)] : [])];
}

/** The SQL of a top-N list from the rollups: the partial days' events (added or taken away) and the days' sums. */
async function rollupTopQueries(w: EventScope, d: TopDimension, eventsIn: (e: EventScope) => number): Promise<Prisma.Sql[]> {
  const pieces = topPieces(w);
  const out: Prisma.Sql[] = [];
  for (const e of pieces.plus) {
    if (eventsIn(e) === 0) continue;
    out.push(buildTopValuesQuery(e, d, { limit: EDGE_VALUES, plan: await chooseTopPlan(e, d, eventsIn(e)) }));
  }
  for (const e of pieces.minus) {
    out.push(buildCountQuery(e));
    const [row] = await db.all(buildCountQuery(e));
    const n = Number(row?.n ?? 0);
    if (n) out.push(buildTopValuesQuery(e, d, { limit: EDGE_VALUES, plan: await chooseTopPlan(e, d, n) }));
  }
  if (pieces.days) out.push(buildRollupTopQuery(w, d, pieces.days));
  return out;
}

const HOURS: Record<string, number> = { "1 h": 1, "24 h": 24, "7 d": 24 * 7, "30 d": 24 * 30, "90 d": 24 * 90 };

/** Builds the cases against a database already filled by the generator (the window ends at `end`). */
export async function buildDashboardMix(end: Date): Promise<DashboardCase[]> {
  const cases: DashboardCase[] = [];
  const windowOf = (span: string, region = DEFAULT_REGION): EventScope => ({
    region, start: new Date(end.getTime() - HOURS[span] * 3_600_000).toISOString(), end: end.toISOString(),
  });

  for (const [span, region, only] of [
    ["1 h", DEFAULT_REGION, ["activity"]],
    ["24 h", DEFAULT_REGION, ["activity", "top", "services", "page"]],
    ["7 d", DEFAULT_REGION, ["activity", "top-some", "page"]],
    ["30 d", DEFAULT_REGION, ["page"]],
    ["90 d", DEFAULT_REGION, ["activity", "top", "services", "page"]],
    ["24 h", ALL_REGIONS, ["activity", "top-some", "page"]],
    ["90 d", ALL_REGIONS, ["page"]],
  ] as const) {
    const w = windowOf(span, region);
    const unit = sqlBucketUnit(w);
    const label = (what: string) => `dashboard: ${what} (${span}${region === ALL_REGIONS ? ", all regions" : ""})`;
    const has = (k: string) => (only as readonly string[]).includes(k);
    // The page picks each partial day's top-N plan from the activity counts: so does the bench.
    const activity = unit === "hour" ? await countActivityFromRollups(w) : await countActivity(w, unit);
    const eventsIn = eventsInFrom(activity, unit === "hour" ? 3_600_000 : 60_000);

    if (has("activity")) {
      cases.push(
        unit === "hour"
          ? { name: label("events per hour, Read/Write [rollups]"), window: w, queries: rollupActivityQueries(w), run: async () => (await countActivityFromRollups(w)).length }
          : { name: label(`events per ${unit}, Read/Write`), window: w, queries: [buildActivityQuery(w, unit)], run: async () => (await countActivity(w, unit)).length },
      );
    }
    const dims: TopDimension[] = has("top") ? (Object.keys(TOP_DIMENSIONS) as TopDimension[]) : has("top-some") ? ["user", "sourceIp"] : [];
    for (const d of dims) {
      const limit = d === "errorCode" ? TOP_ERROR_CODES : undefined;
      cases.push({
        name: label(`top ${d} [rollups]`),
        window: w,
        queries: await rollupTopQueries(w, d, eventsIn),
        run: async () => (await findTopValuesFromRollups(w, d, { limit, eventsIn })).length,
      });
    }
    if (has("services")) {
      const services = (await findTopValuesFromRollups(w, "service", { limit: STACKED_SERVICES, eventsIn })).map((v) => v.value);
      cases.push({
        name: label(`top ${STACKED_SERVICES} services per ${unit}${unit === "hour" ? " [rollups]" : ""}`),
        window: w,
        queries: unit === "hour" ? rollupServiceQueries(w, services) : [buildServiceActivityQuery(w, unit, services)],
        run: async () => (unit === "hour" ? await countServiceActivityFromRollups(w, services) : await countServiceActivity(w, unit, services)).length,
      });
    }
    if (has("page")) {
      const queries = [
        ...(unit === "hour" ? rollupActivityQueries(w) : [buildActivityQuery(w, unit)]),
        ...(await Promise.all((Object.keys(TOP_DIMENSIONS) as TopDimension[]).map((d) => rollupTopQueries(w, d, eventsIn)))).flat(),
        buildEventPageQuery({ ...w, sensitive: true }, { limit: LATEST_SENSITIVE + 1 }),
      ];
      cases.push({
        name: label("whole page"),
        window: w,
        queries,
        run: async () => {
          const d = await getDashboard(w, { unit, stack: "rw" });
          return d.activity.length;
        },
        check: async () => {
          const page = await getDashboard(w, { unit, stack: "rw" });
          const t = performance.now();
          const direct = await countDashboardFromEvents(w, unit);
          const directMs = performance.now() - t;
          const mine = JSON.stringify({ totals: page.totals, activity: page.activity, top: page.top });
          if (mine !== JSON.stringify(direct)) throw new Error(`${label("whole page")}: the rollups and the direct aggregate over the events disagree`);
          return `equal to the direct aggregate over the events (${direct.totals.events.toLocaleString("en-US")} events; direct: ${directMs.toFixed(0)} ms once)`;
        },
      });
    }
  }
  return cases;
}

export async function measureDashboardCase(c: DashboardCase, floorDb: FloorDb, runs: number, warmups: number): Promise<CaseResult> {
  const floor = async () => {
    const t = performance.now();
    let rows = 0;
    for (const q of c.queries) rows = (await floorDb.run(q)).length;
    return { ms: performance.now() - t, rows };
  };
  const product = async () => {
    const t = performance.now();
    const rows = await c.run();
    return { ms: performance.now() - t, rows };
  };
  const note = c.check ? await c.check() : undefined;
  const first = await product();
  if (c.sameRows && first.rows !== (await floor()).rows) {
    throw new Error(`${c.name}: the product and the raw SQL disagree`);
  }
  const { product: p, floor: f } = await timeAgainstFloor(product, floor, runs, warmups);
  return {
    name: c.name,
    filters: { region: c.window.region, start: c.window.start, end: c.window.end },
    secondPage: false,
    rows: first.rows,
    product: p,
    floor: f,
    ratio: p.p50 / f.p50,
    sql: c.queries[0].sql,
    text: c.queries[0].text,
    values: c.queries[0].values as unknown[],
    targetP95Ms: DASHBOARD_P95_MS,
    targetRatio: DASHBOARD_RATIO,
    note,
  };
}
