// URL state of the activity pages: the top bar's `region` and a window (`range` preset or start/end),
// parsed by the Event Detail Query's own parser so both read a URL the same way.
import { ALL_REGIONS, filtersToSearchParams, parseEventSearch, type EventFilters, type RangePreset, type RawSearchParams } from "@/lib/events/filters";
import { regionName } from "@/lib/events/regions";
import type { ActivityScope } from "./sql";

export interface ActivitySearch {
  scope: ActivityScope;
  range?: RangePreset;
  problems: string[];
}

/** Like /events, with a page-specific default window when the URL names none. */
export function parseActivitySearch(params: RawSearchParams, defaultRange: RangePreset, now = new Date()): ActivitySearch {
  const withDefault = params.range || params.start || params.end ? params : { ...params, range: defaultRange };
  const { filters, range, problems } = parseEventSearch(withDefault, now);
  return { scope: { region: filters.region, start: filters.start, end: filters.end }, range, problems };
}

/** The query string that keeps an activity page's region and window (for links between these pages). */
export function scopeQuery(search: ActivitySearch, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams({ region: search.scope.region });
  if (search.range) q.set("range", search.range);
  else {
    q.set("start", search.scope.start);
    q.set("end", search.scope.end);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

/** A link to the Event Detail Query with this scope's region and window and the given conditions. */
export function eventsHref(scope: ActivityScope, conditions: Partial<EventFilters>): string {
  return `/events?${filtersToSearchParams({ region: scope.region, start: scope.start, end: scope.end, ...conditions }).toString()}`;
}

export function regionLabel(region: string): string {
  return region === ALL_REGIONS ? "all regions" : `${regionName(region)} (${region})`;
}
