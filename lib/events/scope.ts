// The region and time window of the pages that count events (the dashboard, a user's, an AccessKey's and
// a resource's activity) and of every query behind them. Read from the URL by the Event Detail Query's
// own parser, so a link from one of these pages to /events and back keeps both. No server imports.
import { parseEventSearch, type RangePreset, type RawSearchParams } from "./filters";

/** Where and when: a region (or "all") and a window of canonical ISO times, both inclusive. */
export interface EventScope {
  region: string;
  start: string;
  end: string;
}

export interface ScopeSearch {
  scope: EventScope;
  /** The preset the window came from; none for a custom start/end. */
  range?: RangePreset;
  /** What was wrong with the URL, said plainly (parseEventSearch). */
  problems: string[];
}

/**
 * `region` and `range` (or `start`/`end`) exactly as /events reads them; `defaultRange` is the window of
 * a URL that names none (/events and the dashboard: the last 24 hours).
 */
export function parseScopeSearch(params: RawSearchParams, { defaultRange, now = new Date() }: { defaultRange?: RangePreset; now?: Date } = {}): ScopeSearch {
  const withDefault = !defaultRange || params.range || params.start || params.end ? params : { ...params, range: defaultRange };
  const { filters, range, problems } = parseEventSearch(withDefault, now);
  return { scope: { region: filters.region, start: filters.start, end: filters.end }, range, problems };
}
