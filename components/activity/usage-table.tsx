import { Filter } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";
import type { UsageRow } from "@/lib/activity/sql";
import { EmptyRow } from "./section";

/** Long values (user agents, hostile names) are shown as a prefix with the rest on hover. */
export function clip(v: string, max = 160): string {
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

/**
 * Values seen in a set of events with their count and first/last time. The count links to those events
 * in the Event Detail Query; `renderValue` may link the value itself somewhere more specific.
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
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-left">
        <colgroup>
          <col />
          <col className="w-24" />
          <col className="w-40" />
          <col className="w-40" />
        </colgroup>
        <TableHead columns={[label, "Events", "First seen", "Last seen"]} />
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.value}|${i}`} className="border-t border-slate-100">
              <td className={`truncate px-4 py-1.5 [unicode-bidi:isolate] ${mono ? "font-mono text-xs" : ""}`} title={clip(r.value, 2_000)}>
                {renderValue ? renderValue(r) : clip(r.value)}
              </td>
              <td className="px-4 py-1.5 tabular-nums">
                <Link href={eventsHref(r)} className="inline-flex items-center gap-1 text-orange-700 hover:underline" title="Show these events">
                  {r.count.toLocaleString("en-US")}
                  <Filter className="size-3" aria-hidden />
                </Link>
              </td>
              <td className="px-4 py-1.5 text-slate-600">
                <LocalTime iso={r.firstSeen} />
              </td>
              <td className="px-4 py-1.5 text-slate-600">
                <LocalTime iso={r.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
