// Shared pieces of the activity queries (users, AccessKeys, resources): region scoping, running a
// statement on either store, and reading aggregate rows. Every query here is an aggregate or a bounded
// list over an index that leads with query_region; none reads all events into memory.
import { db, join, num, sql, type Sql } from "@/lib/db/sql";
import { ALL_REGIONS } from "@/lib/events/filters";
import { REGION_IDS } from "@/lib/events/regions";

export { num, sql, type Sql };

/**
 * The region condition on a table with a `query_region` column. "All regions" is written as the list of
 * every region so the planner still walks the (query_region, …) indexes, one range per region.
 */
export function regionCondition(region: string, column = sql`query_region`): Sql {
  if (region === ALL_REGIONS) return sql`${column} IN (${join(REGION_IDS as string[])})`;
  return sql`${column} = ${region}`;
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** One value seen in a set of events: how often, and when first and last. */
export interface UsageRow {
  value: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** Rows of `SELECT <value> AS value, COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last`. */
export function usageRows(records: Record<string, unknown>[]): UsageRow[] {
  return records.map((r) => ({ value: String(r.value), count: num(r.n), firstSeen: String(r.first), lastSeen: String(r.last) }));
}

/** Where else a user, key or resource appears: the regions with its latest event there. */
export interface RegionSighting {
  region: string;
  lastSeen: string;
}

/** What a sighting looks for: a user's name, an AccessKey ID, or the name of a referenced resource. */
export type SightingSubject = "user" | "accessKey" | "resourceName";

/** The table and column of each subject, both led by query_region in an index. */
const SIGHTING_COLUMNS: Record<SightingSubject, { table: Sql; column: Sql }> = {
  user: { table: sql`events`, column: sql`user_name` },
  accessKey: { table: sql`events`, column: sql`access_key_id` },
  resourceName: { table: sql`event_resources`, column: sql`resource_name` },
};

/**
 * The regions in which the subject has events (any age in the query store), newest first: one index
 * seek per region, for the "seen in another region" hints of the empty states.
 */
export async function findRegionSightings(subject: SightingSubject, value: string): Promise<RegionSighting[]> {
  const { table, column } = SIGHTING_COLUMNS[subject];
  const parts = REGION_IDS.map(
    (r) => sql`SELECT CAST(${r} AS TEXT) AS region, (SELECT MAX(event_time) FROM ${table} WHERE query_region = ${r} AND ${column} = ${value}) AS last`,
  );
  const rows = await db.all(sql`${join(parts, " UNION ALL ")}`);
  return rows
    .filter((r) => r.last !== null && r.last !== undefined)
    .map((r) => ({ region: String(r.region), lastSeen: String(r.last) }))
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

/**
 * Sums grouped rows into per-value usage (count, first, last) in memory: the rows come from one GROUP BY
 * over several columns, so one pass over the events answers several lists. Bounded by distinct groups.
 */
export class UsageTally<K extends string = string> {
  private readonly map = new Map<K, UsageRow>();

  add(value: K | null, count: number, first: string, last: string): void {
    if (value === null) return;
    const cur = this.map.get(value);
    if (!cur) this.map.set(value, { value, count, firstSeen: first, lastSeen: last });
    else {
      cur.count += count;
      if (first < cur.firstSeen) cur.firstSeen = first;
      if (last > cur.lastSeen) cur.lastSeen = last;
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** Most used first, ties by value; at most `limit`. */
  top(limit: number): UsageRow[] {
    return [...this.map.values()]
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, limit);
  }
}
