// "Top N" counts of the dashboard: which services, event names, users, source IPs, AccessKeys and error
// codes were busiest in a region and window. Every one of those columns has an index
// (query_region, column, event_time), which holds all a count needs; two plans use it:
// - few events in the window: walk the window on (query_region, event_time) and GROUP BY — cost grows
//   with the events in the window;
// - many: skip-scan the column's index, one value at a time (each next value is one index seek), and count
//   each value's window in the index alone — cost grows with the distinct values, never reads a row.
//   Unless the column has very many distinct values in the region: then GROUP BY again.
// Measured at 1M events (cn-hangzhou, 375k events): top users over 90 days 6.9 s -> 68 ms, over 24 h
// 8 -> 1 ms.
import { Prisma } from "@/generated/prisma/client";
import { ALL_REGIONS, type TextFilter } from "@/lib/events/filters";
import { db } from "@/lib/db/sql";
import { whereConditions } from "@/lib/events/query";
import type { EventScope } from "@/lib/events/scope";
import { ROLLUP_DIMENSIONS } from "@/lib/rollups/rollups";
import { REGIONS_CTE } from "./scope";

const sql = Prisma.sql;

/** The dimensions the dashboard ranks, by their /events filter parameter, with their column (also the rollups'). */
export const TOP_DIMENSIONS = ROLLUP_DIMENSIONS satisfies Partial<Record<TextFilter, string>>;
export type TopDimension = keyof typeof TOP_DIMENSIONS;

export interface TopValue {
  value: string;
  count: number;
}

export const TOP_LIMIT = 10;

/** Up to this many events in the window, GROUP BY over the window beats the skip-scan. */
export const GROUP_BY_MAX_EVENTS = 1_000;
/**
 * Past this many distinct values in a region (a scan from random IPs, say), the skip-scan's seeks cost
 * more than reading the window's rows: GROUP BY it is, whatever the window.
 */
export const SKIP_SCAN_MAX_VALUES = 5_000;

export type TopPlan = "group-by" | "skip-scan";

export function topPlanFor(eventsInWindow: number | undefined, distinctValues = 0): TopPlan {
  if (eventsInWindow !== undefined && eventsInWindow <= GROUP_BY_MAX_EVENTS) return "group-by";
  return distinctValues > SKIP_SCAN_MAX_VALUES ? "group-by" : "skip-scan";
}

/** How many distinct values the column has in the window's region(s), counted up to `cap` + 1 per region. */
export function buildDistinctValuesQuery(w: EventScope, dimension: TopDimension, cap = SKIP_SCAN_MAX_VALUES): Prisma.Sql {
  const column = Prisma.raw(TOP_DIMENSIONS[dimension]);
  return sql`WITH RECURSIVE ${regionsOf(w)},
    vals(r, x, k) AS (
      SELECT r, (SELECT min(${column}) FROM events WHERE query_region = regions.r), 1 FROM regions WHERE r IS NOT NULL
      UNION ALL
      SELECT r, (SELECT min(${column}) FROM events WHERE query_region = vals.r AND ${column} > vals.x), k + 1 FROM vals
        WHERE x IS NOT NULL AND k <= ${cap}
    )
    SELECT count(*) AS "n" FROM vals WHERE x IS NOT NULL`;
}

// Distinct counts change slowly: each (region, dimension) is counted at most every few minutes.
const DISTINCT_TTL_MS = 5 * 60_000;
const distinctCache = new Map<string, { n: number; at: number }>();

async function distinctValues(w: EventScope, dimension: TopDimension): Promise<number> {
  const key = `${w.region}|${dimension}`;
  const hit = distinctCache.get(key);
  if (hit && Date.now() - hit.at < DISTINCT_TTL_MS) return hit.n;
  const [row] = await db.all(buildDistinctValuesQuery(w, dimension));
  const n = Number(row?.n ?? 0);
  distinctCache.set(key, { n, at: Date.now() });
  return n;
}

/** GROUP BY over the window's events, most events first (ties by value). */
function groupByQuery(w: EventScope, column: Prisma.Sql, limit: number): Prisma.Sql {
  const where = [...whereConditions({ region: w.region, start: w.start, end: w.end }), sql`${column} IS NOT NULL`];
  return sql`SELECT ${column} AS "value", count(*) AS "n" FROM events WHERE ${Prisma.join(where, " AND ")}
    GROUP BY ${column} ORDER BY 2 DESC, 1 ASC LIMIT ${limit}`;
}

function regionsOf(w: EventScope): Prisma.Sql {
  return w.region === ALL_REGIONS ? REGIONS_CTE : sql`regions(r) AS (SELECT CAST(${w.region} AS TEXT))`;
}

/** The same answer by skip-scan: regions, then each region's distinct values, then each value's count. */
function skipScanQuery(w: EventScope, column: Prisma.Sql, limit: number): Prisma.Sql {
  // "All regions" walks the distinct regions the same way.
  return sql`WITH RECURSIVE
    ${regionsOf(w)},
    vals(r, x) AS (
      SELECT r, (SELECT min(${column}) FROM events WHERE query_region = regions.r) FROM regions WHERE r IS NOT NULL
      UNION ALL
      SELECT r, (SELECT min(${column}) FROM events WHERE query_region = vals.r AND ${column} > vals.x) FROM vals WHERE x IS NOT NULL
    ),
    counts(x, n) AS MATERIALIZED (
      SELECT x, (SELECT count(*) FROM events WHERE query_region = vals.r AND ${column} = vals.x
        AND event_time >= ${w.start} AND event_time <= ${w.end}) FROM vals WHERE x IS NOT NULL
    )
    SELECT x AS "value", CAST(sum(n) AS BIGINT) AS "n" FROM counts GROUP BY x HAVING sum(n) > 0 ORDER BY 2 DESC, 1 ASC LIMIT ${limit}`;
}

/** The cheaper plan for this window and dimension (see the top of this file). */
export async function chooseTopPlan(w: EventScope, dimension: TopDimension, eventsInWindow?: number): Promise<TopPlan> {
  if (topPlanFor(eventsInWindow) === "group-by") return "group-by";
  return topPlanFor(eventsInWindow, await distinctValues(w, dimension));
}

export function buildTopValuesQuery(w: EventScope, dimension: TopDimension, opts: { limit?: number; plan?: TopPlan } = {}): Prisma.Sql {
  const column = Prisma.raw(TOP_DIMENSIONS[dimension]);
  const limit = opts.limit ?? TOP_LIMIT;
  return (opts.plan ?? "skip-scan") === "group-by" ? groupByQuery(w, column, limit) : skipScanQuery(w, column, limit);
}

/**
 * The busiest values of a dimension in the window. The window's total (`eventsInWindow`, when known) and
 * the dimension's distinct values choose the plan; both plans give the same answer.
 */
export async function findTopValues(
  w: EventScope,
  dimension: TopDimension,
  opts: { limit?: number; eventsInWindow?: number } = {},
): Promise<TopValue[]> {
  const plan = await chooseTopPlan(w, dimension, opts.eventsInWindow);
  const q = buildTopValuesQuery(w, dimension, { limit: opts.limit, plan });
  const records = await db.all(q);
  return records.map((r) => ({ value: String(r.value), count: Number(r.n) }));
}
