import type { UsageRow } from "@/lib/activity/sql";
import { EmptyRow } from "./section";
import { UsageRowsTable } from "./usage-rows-table";

/** Long values (user agents, hostile names) are shown as a prefix with the rest on hover. */
export function clip(v: string, max = 160): string {
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

/**
 * Values seen in a set of events with their count and first/last time. The count links to those events
 * in the Event Detail Query; `renderValue` may link the value itself somewhere more specific. Both are
 * called here, on the server, so the table that draws the lines in the browser gets only their results.
 */
export function UsageTable<T extends UsageRow>({
  label,
  rows,
  eventsHref,
  renderValue,
  empty,
  mono = false,
}: {
  label: string;
  rows: T[];
  eventsHref: (row: T) => string;
  renderValue?: (row: T) => React.ReactNode;
  empty: string;
  mono?: boolean;
}) {
  if (rows.length === 0) return <EmptyRow>{empty}</EmptyRow>;
  const lines = rows.map((r, i) => ({
    key: `${r.value}|${i}`,
    value: renderValue ? renderValue(r) : clip(r.value),
    title: clip(r.value, 2_000),
    count: r.count,
    eventsHref: eventsHref(r),
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
  }));
  return <UsageRowsTable label={label} lines={lines} mono={mono} />;
}
