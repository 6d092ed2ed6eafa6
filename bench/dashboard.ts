// The dashboard's cases of `npm run bench`: each aggregate query of lib/stats through the product code
// (cached statements, result mapping) against the same SQL run raw (the floor), and the whole page's
// queries together, for windows from 1 hour to 90 days.
import type Database from "better-sqlite3";
import type { Prisma } from "@/generated/prisma/client";
import { ALL_REGIONS } from "@/lib/events/filters";
import { buildEventPageQuery } from "@/lib/events/query";
import { DEFAULT_REGION } from "@/lib/events/regions";
import type { EventScope } from "@/lib/events/scope";
import { buildActivityQuery, buildServiceActivityQuery, countActivity, countServiceActivity } from "@/lib/stats/activity";
import { getDashboard, LATEST_SENSITIVE, STACKED_SERVICES, sumActivity, TOP_ERROR_CODES } from "@/lib/stats/dashboard";
import { buildTopValuesQuery, chooseTopPlan, findTopValues, TOP_DIMENSIONS, type TopDimension, type TopPlan } from "@/lib/stats/top";
import { sqlBucketUnit } from "@/lib/stats/window";
import { timeAgainstFloor, type CaseResult } from "./measure";

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
    // The page picks the top-N plan from the window's total: so does the bench.
    const totals = sumActivity(await countActivity(w, unit));

    if (has("activity")) {
      cases.push({ name: label(`events per ${unit}, Read/Write`), window: w, queries: [buildActivityQuery(w, unit)], run: async () => (await countActivity(w, unit)).length });
    }
    const dims: TopDimension[] = has("top") ? (Object.keys(TOP_DIMENSIONS) as TopDimension[]) : has("top-some") ? ["user", "sourceIp"] : [];
    const plans = new Map<TopDimension, TopPlan>();
    for (const d of Object.keys(TOP_DIMENSIONS) as TopDimension[]) plans.set(d, await chooseTopPlan(w, d, totals.events));
    for (const d of dims) {
      const limit = d === "errorCode" ? TOP_ERROR_CODES : undefined;
      const plan = plans.get(d)!;
      cases.push({
        name: label(`top ${d} [${plan}]`),
        window: w,
        queries: [buildTopValuesQuery(w, d, { limit, plan })],
        run: async () => (await findTopValues(w, d, { limit, eventsInWindow: totals.events })).length,
        sameRows: true,
      });
    }
    if (has("services")) {
      const services = (await findTopValues(w, "service", { limit: STACKED_SERVICES, eventsInWindow: totals.events })).map((v) => v.value);
      cases.push({
        name: label(`top ${STACKED_SERVICES} services per ${unit}`),
        window: w,
        queries: [buildServiceActivityQuery(w, unit, services)],
        run: async () => (await countServiceActivity(w, unit, services)).length,
      });
    }
    if (has("page")) {
      const queries = [
        buildActivityQuery(w, unit),
        ...(Object.keys(TOP_DIMENSIONS) as TopDimension[]).map((d) => buildTopValuesQuery(w, d, { limit: d === "errorCode" ? TOP_ERROR_CODES : undefined, plan: plans.get(d) })),
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
      });
    }
  }
  return cases;
}

export async function measureDashboardCase(c: DashboardCase, floorDb: Database.Database, runs: number, warmups: number): Promise<CaseResult> {
  const floor = () => {
    const t = performance.now();
    let rows = 0;
    for (const q of c.queries) rows = floorDb.prepare(q.sql).all(...(q.values as unknown[])).length;
    return { ms: performance.now() - t, rows };
  };
  const product = async () => {
    const t = performance.now();
    const rows = await c.run();
    return { ms: performance.now() - t, rows };
  };
  const first = await product();
  if (c.sameRows && first.rows !== floor().rows) {
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
    values: c.queries[0].values as unknown[],
    targetP95Ms: DASHBOARD_P95_MS,
    targetRatio: DASHBOARD_RATIO,
  };
}
