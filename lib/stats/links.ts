// The dashboard's links: to itself with some state changed, and the condition a chart bar or a card adds
// to the dashboard's region and window on its link to the Event Detail Query (eventsUrl).
import type { EventFilters } from "@/lib/events/filters";
import type { StackBy } from "./window";

/** The condition of a bar, a card or a row: never the region or window, which are the dashboard's. */
export type LinkFilter = Omit<Partial<EventFilters>, "region" | "start" | "end" | "logStore">;

/** The dashboard's own URL with some of its state changed (the range presets, the stack toggle). */
export function dashboardHref(state: { region: string; range?: string; start?: string; end?: string; stack?: StackBy }): string {
  const q = new URLSearchParams({ region: state.region });
  if (state.range) q.set("range", state.range);
  else if (state.start) {
    q.set("start", state.start);
    if (state.end) q.set("end", state.end);
  }
  if (state.stack && state.stack !== "rw") q.set("stack", state.stack);
  return `/dashboard?${q.toString()}`;
}

/** "1 event", "12,400 events". */
export function eventCount(n: number): string {
  return `${n.toLocaleString("en-US")} event${n === 1 ? "" : "s"}`;
}
