// The dashboard's counts read from the rollups (lib/rollups/rollups.ts; docs/dashboard-rollups.md). A
// window is cut into the whole UTC hours (days, for the top-N lists) it contains, summed from the
// rollups, and its partial edges, counted from the events with the indexed queries of activity.ts and
// top.ts: exact to the millisecond. An hour's edge holds at most an hour of events; a day's edge is
// read from whichever side is shorter (topPieces), so at most half a day of events each.
import { ALL_REGIONS } from "@/lib/events/filters";
import { db, join, num, sql, type Sql } from "@/lib/db/sql";
import { whereConditions } from "@/lib/events/query";
import type { EventScope } from "@/lib/events/scope";
import { DAY_CHARS, HOUR_CHARS } from "@/lib/rollups/rollups";
import { countActivity, countServiceActivity, type ActivityPoint, type ServicePoint } from "./activity";
import { buildTopValuesQuery, chooseTopPlan, TOP_LIMIT, type TopDimension, type TopValue } from "./top";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A window cut at whole periods: the periods' prefixes [from, to) and the partial edges (0 to 2). */
export interface WindowCut {
  whole?: { from: string; to: string };
  edges: EventScope[];
}

export const HOUR_PERIOD = { ms: HOUR_MS, chars: HOUR_CHARS };

export function cutWindow(w: EventScope, periodMs: number, chars: number): WindowCut {
  const start = Date.parse(w.start);
  const end = Date.parse(w.end);
  // The window is inclusive at both ends: the whole periods start at or after `start` and end by `end + 1`.
  const first = Math.ceil(start / periodMs) * periodMs;
  const afterLast = Math.floor((end + 1) / periodMs) * periodMs;
  if (first >= afterLast) return { edges: [w] };
  const iso = (ms: number) => new Date(ms).toISOString();
  const edges: EventScope[] = [];
  if (start < first) edges.push({ region: w.region, start: w.start, end: iso(first - 1) });
  if (afterLast <= end) edges.push({ region: w.region, start: iso(afterLast), end: w.end });
  return { whole: { from: iso(first).slice(0, chars), to: iso(afterLast).slice(0, chars) }, edges };
}

function regionCondition(w: EventScope): Sql {
  return w.region === ALL_REGIONS ? sql`1 = 1` : sql`query_region = ${w.region}`;
}

/** Read/Write, failed and sensitive counts per whole hour of the rollups (all regions: summed per hour). */
export function buildRollupActivityQuery(w: EventScope, whole: { from: string; to: string }): Sql {
  return sql`SELECT hour, sum(reads) AS "read", sum(writes) AS "write", sum(failed) AS "errors", sum(sensitive) AS "sens"
    FROM event_rollup_hours WHERE ${regionCondition(w)} AND hour >= ${whole.from} AND hour < ${whole.to} GROUP BY hour`;
}

/** countActivity(w, "hour") answered from the rollups and the window's partial hours. */
export async function countActivityFromRollups(w: EventScope): Promise<ActivityPoint[]> {
  const cut = cutWindow(w, HOUR_MS, HOUR_CHARS);
  const points: ActivityPoint[] = [];
  for (const edge of cut.edges) points.push(...(await countActivity(edge, "hour")));
  if (cut.whole) {
    for (const r of await db.all(buildRollupActivityQuery(w, cut.whole))) {
      const p = { at: `${String(r.hour)}:00:00.000Z`, read: num(r.read), write: num(r.write), errors: num(r.errors), sensitive: num(r.sens) };
      if (p.read + p.write > 0) points.push(p);
    }
  }
  return points.sort((a, b) => a.at.localeCompare(b.at));
}

/** Events per whole hour of each of `services` from the rollups (all regions: summed). */
export function buildRollupServiceActivityQuery(w: EventScope, whole: { from: string; to: string }, services: readonly string[]): Sql {
  return sql`SELECT hour, service, sum(n) AS "n" FROM event_rollup_service_hours
    WHERE ${regionCondition(w)} AND service IN (${join(services)}) AND hour >= ${whole.from} AND hour < ${whole.to} GROUP BY hour, service`;
}

/** countServiceActivity(w, "hour", services) answered from the rollups and the window's partial hours. */
export async function countServiceActivityFromRollups(w: EventScope, services: readonly string[]): Promise<ServicePoint[]> {
  if (!services.length) return [];
  const cut = cutWindow(w, HOUR_MS, HOUR_CHARS);
  const points: ServicePoint[] = [];
  for (const edge of cut.edges) points.push(...(await countServiceActivity(edge, "hour", services)));
  if (cut.whole) {
    const byHour = new Map<string, ServicePoint>();
    for (const r of await db.all(buildRollupServiceActivityQuery(w, cut.whole, services))) {
      if (num(r.n) <= 0) continue;
      const at = `${String(r.hour)}:00:00.000Z`;
      let p = byHour.get(at);
      if (!p) byHour.set(at, (p = { at, counts: {} }));
      p.counts[String(r.service)] = num(r.n);
    }
    points.push(...byHour.values());
  }
  return points.sort((a, b) => a.at.localeCompare(b.at));
}

/** Every value's events over whole days of the rollups. */
export function buildRollupTopQuery(w: EventScope, dimension: TopDimension, days: { from: string; to: string }): Sql {
  return sql`SELECT value, sum(n) AS "n" FROM event_rollup_days
    WHERE dimension = ${dimension} AND ${regionCondition(w)} AND day >= ${days.from} AND day < ${days.to} GROUP BY value`;
}

// Enough for every value an edge (at most a day of events) can hold.
export const EDGE_VALUES = 1_000_000_000;

/**
 * How a top-N list covers its window: the days summed from the rollups, the events added (the part of a
 * partial day inside the window) and the events taken away (the part outside the window of a partial day
 * that is summed whole because that part is the shorter: "the last 24 hours" reads today's rollup minus
 * the rest of today, which has no events yet, instead of counting today's events).
 */
export interface TopPlanPieces {
  days?: { from: string; to: string };
  plus: EventScope[];
  minus: EventScope[];
}

export function topPieces(w: EventScope): TopPlanPieces {
  const start = Date.parse(w.start);
  const end = Date.parse(w.end);
  const iso = (ms: number) => new Date(ms).toISOString();
  const piece = (a: number, b: number): EventScope => ({ region: w.region, start: iso(a), end: iso(b) });
  const out: TopPlanPieces = { plus: [], minus: [] };
  let from: number | undefined;
  let to: number | undefined;
  for (let d = Math.floor(start / DAY_MS) * DAY_MS; d <= end; d += DAY_MS) {
    const inside = [Math.max(start, d), Math.min(end, d + DAY_MS - 1)] as const;
    const outside: [number, number][] = [];
    if (inside[0] > d) outside.push([d, inside[0] - 1]);
    if (inside[1] < d + DAY_MS - 1) outside.push([inside[1] + 1, d + DAY_MS - 1]);
    const outsideMs = outside.reduce((n, [a, b]) => n + b - a + 1, 0);
    if (outsideMs < inside[1] - inside[0] + 1) {
      from ??= d;
      to = d + DAY_MS;
      out.minus.push(...outside.map(([a, b]) => piece(a, b)));
    } else out.plus.push(piece(inside[0], inside[1]));
  }
  if (from !== undefined && to !== undefined) out.days = { from: iso(from).slice(0, DAY_CHARS), to: iso(to).slice(0, DAY_CHARS) };
  return out;
}

/** Events in a window, from the (query_region, event_time) index alone. */
export function buildCountQuery(w: EventScope): Sql {
  return sql`SELECT count(*) AS "n" FROM events WHERE ${join(whereConditions({ region: w.region, start: w.start, end: w.end }), " AND ")}`;
}

/** Orders as the stores do under the C collation: code point order, which UTF-16 order is outside surrogates. */
function byCountThenValue(a: TopValue, b: TopValue): number {
  if (a.count !== b.count) return b.count - a.count;
  const x = [...a.value];
  const y = [...b.value];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

/**
 * findTopValues answered from the day rollups and the events of the window's partial days (topPieces).
 * `eventsIn(piece)`, when the caller knows it for a piece inside the window (the dashboard has the
 * activity counts), picks that piece's cheaper plan at once; a piece outside is counted first.
 */
export async function findTopValuesFromRollups(
  w: EventScope,
  dimension: TopDimension,
  opts: { limit?: number; eventsIn?: (piece: EventScope) => number } = {},
): Promise<TopValue[]> {
  const pieces = topPieces(w);
  const counts = new Map<string, number>();
  const add = (rows: Record<string, unknown>[], sign: 1 | -1) => {
    for (const r of rows) counts.set(String(r.value), (counts.get(String(r.value)) ?? 0) + sign * num(r.n));
  };
  const countPiece = async (piece: EventScope, events: number | undefined, sign: 1 | -1) => {
    if (events === 0) return;
    const plan = await chooseTopPlan(piece, dimension, events);
    add(await db.all(buildTopValuesQuery(piece, dimension, { limit: EDGE_VALUES, plan })), sign);
  };
  for (const piece of pieces.plus) await countPiece(piece, opts.eventsIn?.(piece), 1);
  for (const piece of pieces.minus) await countPiece(piece, num((await db.one(buildCountQuery(piece)))?.n), -1);
  if (pieces.days) add(await db.all(buildRollupTopQuery(w, dimension, pieces.days)), 1);
  const values = [...counts].filter(([, n]) => n > 0).map(([value, count]) => ({ value, count }));
  return values.sort(byCountThenValue).slice(0, opts.limit ?? TOP_LIMIT);
}

/** The events of a window from activity points of it (points start at the window's hour or minute). */
export function eventsInFrom(points: readonly ActivityPoint[], unitMs: number): (edge: EventScope) => number {
  return (edge) => {
    const from = Math.floor(Date.parse(edge.start) / unitMs) * unitMs;
    const to = Date.parse(edge.end);
    let n = 0;
    for (const p of points) {
      const t = Date.parse(p.at);
      if (t >= from && t <= to) n += p.read + p.write;
    }
    return n;
  };
}
