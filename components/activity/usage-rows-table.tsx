"use client";

import { Filter } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";

/** One line of a usage table as it crosses to the browser: the value already drawn, its link already built. */
export interface UsageLine {
  key: string;
  value: React.ReactNode;
  /** The whole value, on hover. */
  title: string;
  count: number;
  eventsHref: string;
  firstSeen: string;
  lastSeen: string;
}

const COLUMN = { value: "value", count: "count", first: "firstSeen", last: "lastSeen" } as const;
const column = columnHelperFor<UsageLine>();

export function UsageRowsTable({ label, lines, mono }: { label: string; lines: UsageLine[]; mono: boolean }) {
  const columns = useMemo<DataColumn<UsageLine>[]>(
    () => [
      column.accessor("value", {
        id: COLUMN.value,
        header: label,
        meta: { className: `truncate [unicode-bidi:isolate] ${mono ? "font-mono text-xs" : ""}`, title: (l: UsageLine) => l.title },
        cell: (c) => c.getValue(),
      }),
      column.accessor("count", {
        id: COLUMN.count,
        header: "Events",
        meta: { width: "6rem", className: "tabular-nums" },
        cell: ({ row: { original: l } }) => (
          <Link href={l.eventsHref} className="inline-flex items-center gap-1 text-orange-700 hover:underline" title="Show these events">
            {l.count.toLocaleString("en-US")}
            <Filter className="size-3" aria-hidden />
          </Link>
        ),
      }),
      column.accessor("firstSeen", { id: COLUMN.first, header: "First seen", meta: { width: "10rem", className: "text-slate-600" }, cell: (c) => <LocalTime iso={c.getValue()} /> }),
      column.accessor("lastSeen", { id: COLUMN.last, header: "Last seen", meta: { width: "10rem", className: "text-slate-600" }, cell: (c) => <LocalTime iso={c.getValue()} /> }),
    ],
    [label, mono],
  );
  return <DataTable look="plain" fixed classNames={{ cell: "px-4 py-1.5" }} columns={columns} data={lines} getRowId={(l) => l.key} />;
}
