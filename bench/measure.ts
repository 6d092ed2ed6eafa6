// Times one query case: the product path (findEventPage, the page's own call) against the floor
// (the same SQL text and values run directly by the plain driver on a second connection: better-sqlite3
// read-only and prepared on every call, or `pg`; bench/store.ts). The product keeps its prepared
// statements on SQLite, so it can come in just under the floor.
import type { FloorDb } from "./store";
import { buildEventPageQuery, buildResourceProbeQuery, decodeCursor, findEventPage, resourcePksFromProbe } from "@/lib/events/query";
import { PAGE_SIZE } from "@/lib/events/filters";
import type { QueryCase } from "./mix";

export interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface CaseResult {
  name: string;
  filters: QueryCase["filters"];
  secondPage: boolean;
  /** Rows on the page (at most PAGE_SIZE). */
  rows: number;
  product: Timing;
  floor: Timing;
  /** product p50 / floor p50. */
  ratio: number;
  sql: string;
  /** The SQL with PostgreSQL's $1 placeholders (what EXPLAIN runs there). */
  text: string;
  values: unknown[];
  /** The p95 this case must meet, when not the event query target (TARGETS.queryP95Ms). */
  targetP95Ms?: number;
  /** The product/floor ratio this case must meet, when not TARGETS.queryFloorRatio. */
  targetRatio?: number;
  /** What a check before the timing found (the dashboard page: equal to the direct aggregate, and its time). */
  note?: string;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summarise(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), min: s[0], max: s[s.length - 1] };
}

/**
 * Times the product beside its floor: `warmups` untimed rounds, then `runs` timed ones, alternating which
 * goes first so that neither always runs on a cache the other just warmed.
 */
export async function timeAgainstFloor(
  product: () => Promise<{ ms: number }>,
  floor: () => { ms: number } | Promise<{ ms: number }>,
  runs: number,
  warmups: number,
): Promise<{ product: Timing; floor: Timing }> {
  for (let i = 0; i < warmups; i++) {
    await product();
    await floor();
  }
  const productMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      productMs.push((await product()).ms);
      floorMs.push((await floor()).ms);
    } else {
      floorMs.push((await floor()).ms);
      productMs.push((await product()).ms);
    }
  }
  return { product: summarise(productMs), floor: summarise(floorMs) };
}

/** A case the data cannot support (e.g. no second page in a tiny data set): reported, not timed. */
export class SkipCase extends Error {}

export async function measureCase(c: QueryCase, floorDb: FloorDb, runs: number, warmups: number): Promise<CaseResult> {
  let cursor: string | undefined;
  if (c.secondPage) {
    cursor = (await findEventPage(c.filters, { limit: PAGE_SIZE })).nextCursor;
    if (!cursor) throw new SkipCase(`${c.name}: page one has no next page`);
  }
  const position = decodeCursor(cursor);
  // A resource filter in one region is probed first (the product does the same): the floor runs both
  // statements, the probe and the page it selects.
  const probe = buildResourceProbeQuery(c.filters);
  const pageQuery = (resourcePks?: number[]) =>
    buildEventPageQuery(c.filters, { after: position?.after, direction: position?.direction, limit: PAGE_SIZE + 1, resourcePks });
  const probed = probe ? resourcePksFromProbe(await floorDb.run(probe)) : undefined;
  const q = pageQuery(probed);
  const values = q.values as unknown[];

  let rows = 0;
  const product = async () => {
    const t = performance.now();
    const page = await findEventPage(c.filters, { cursor, limit: PAGE_SIZE });
    const ms = performance.now() - t;
    rows = page.rows.length;
    return { ms, ids: page.rows.map((r) => r.id) };
  };
  const floor = async () => {
    const t = performance.now();
    let page = q;
    if (probe) page = pageQuery(resourcePksFromProbe(await floorDb.run(probe)));
    const result = await floorDb.run(page);
    return { ms: performance.now() - t, ids: result.map((r) => Number(r.id)) };
  };

  // Both paths must see the same rows: the page is the floor's first PAGE_SIZE.
  const [a, b] = [await product(), await floor()];
  if (a.ids.join() !== b.ids.slice(0, PAGE_SIZE).join()) throw new Error(`${c.name}: the page and the raw SQL disagree`);

  const { product: p, floor: f } = await timeAgainstFloor(product, floor, runs, warmups);
  return {
    name: c.name,
    filters: c.filters,
    secondPage: !!c.secondPage,
    rows,
    product: p,
    floor: f,
    ratio: p.p50 / f.p50,
    sql: q.sql,
    text: q.text,
    values,
  };
}
