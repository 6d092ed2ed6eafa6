// The dashboard's URL state: the region and window of /events (lib/events/scope.ts: same parameter
// names, same rules) plus how the activity chart is stacked. Client-safe: the chart builds its links
// from these types.
import { DAY_MS, type RawSearchParams } from "@/lib/events/filters";
import { parseScopeSearch, type EventScope, type ScopeSearch } from "@/lib/events/scope";

/** The SQL bucket: `substr(event_time, 1, n)` of the canonical ISO time. */
export type SqlBucketUnit = "minute" | "hour";

/** Characters of `2026-01-02T03:04:05.000Z` that name the minute / the hour. */
export const BUCKET_PREFIX_LENGTH: Record<SqlBucketUnit, number> = { minute: 16, hour: 13 };

/** How the activity chart stacks its bars: Read/Write, or the top services. */
export type StackBy = "rw" | "service";

export interface DashboardSearch extends ScopeSearch {
  stack: StackBy;
  unit: SqlBucketUnit;
}

/** Windows up to this long are counted per minute (the 1 h preset); longer ones per hour. */
const MINUTE_BUCKETS_UP_TO_MS = 2 * 3_600_000;

export function sqlBucketUnit(w: EventScope): SqlBucketUnit {
  return Date.parse(w.end) - Date.parse(w.start) <= MINUTE_BUCKETS_UP_TO_MS ? "minute" : "hour";
}

/** Parses /dashboard's URL: `region`, `range` (or `start`/`end`) exactly as /events does, and `stack`. */
export function parseDashboardSearch(params: RawSearchParams, now: Date = new Date()): DashboardSearch {
  const search = parseScopeSearch(params, { now });
  const stack: StackBy = params.stack === "service" ? "service" : "rw";
  return { ...search, stack, unit: sqlBucketUnit(search.scope) };
}

/** The display bucket for a window: minutes, hours, 6-hour blocks or days (all in the viewer's time zone). */
export type DisplayBucket = "minute" | "hour" | "6h" | "day";

export function displayBucketFor(w: EventScope): DisplayBucket {
  const ms = Date.parse(w.end) - Date.parse(w.start);
  if (ms <= MINUTE_BUCKETS_UP_TO_MS) return "minute";
  if (ms <= 2 * DAY_MS) return "hour";
  if (ms <= 10 * DAY_MS) return "6h";
  return "day";
}
