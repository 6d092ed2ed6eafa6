// URL state of the activity pages (user, AccessKey, resource): the top bar's `region` and a window, read
// by parseScopeSearch (lib/events/scope.ts) with a page-specific default window.
import { ALL_REGIONS } from "@/lib/events/filters";
import { regionName } from "@/lib/events/regions";
import type { ScopeSearch } from "@/lib/events/scope";

/** The query string that keeps an activity page's region and window (for links between these pages). */
export function scopeQuery(search: ScopeSearch, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams({ region: search.scope.region });
  if (search.range) q.set("range", search.range);
  else {
    q.set("start", search.scope.start);
    q.set("end", search.scope.end);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

export function regionLabel(region: string): string {
  return region === ALL_REGIONS ? "all regions" : `${regionName(region)} (${region})`;
}
