// THE link to the Event Detail Query page: every `/events?…` the console, the alert payloads and the
// insights build comes from here, with the parameters parseEventSearch reads (lib/events/filters.ts).
// No server imports: client components build their links with it too.
import { filtersToSearchParams, type EventFilters, type RangePreset } from "./filters";

/** What a link may carry: a region, a window (start/end, or a preset), filters, a source, a page cursor. */
export type EventsLink = Partial<EventFilters> & { range?: RangePreset; cursor?: string };

/**
 * `/events` with the given state. Parameters come in the object's own key order (links read as they
 * were built, and tests compare them); empty values are left out.
 */
export function eventsUrl(link: EventsLink = {}): string {
  const filters = filtersToSearchParams(link);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(link)) {
    if (k === "range" || k === "cursor") {
      if (typeof v === "string" && v) q.set(k, v);
    } else if (filters.has(k)) q.set(k, filters.get(k)!);
  }
  const query = q.toString();
  return query ? `/events?${query}` : "/events";
}
