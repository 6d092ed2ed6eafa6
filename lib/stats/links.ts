// Links from the dashboard to the Event Detail Query page, with the /events URL parameters
// (lib/events/filters.ts): the dashboard's region and exact window, plus the clicked bar's condition.
import { filtersToSearchParams, type EventFilters } from "@/lib/events/filters";
import type { StackBy, StatsWindow } from "./window";

export type LinkFilter = Omit<Partial<EventFilters>, "region" | "start" | "end" | "logStore">;

export function eventsHref(w: StatsWindow, filter: LinkFilter = {}, window?: { start: string; end: string }): string {
  const q = filtersToSearchParams({ region: w.region, start: window?.start ?? w.start, end: window?.end ?? w.end, ...filter });
  return `/events?${q.toString()}`;
}

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
