"use client";

import { Filter } from "lucide-react";
import { useMemo } from "react";
import { CellLink, defineColumns, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";

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

export function UsageRowsTable({ label, lines, mono }: { label: string; lines: UsageLine[]; mono: boolean }) {
  const columns = useMemo(
    () =>
      defineColumns<UsageLine>([
        { id: "value", header: label, className: `truncate [unicode-bidi:isolate] ${mono ? "font-mono text-xs" : ""}`, title: (l) => l.title, cell: (l) => l.value },
        {
          id: "count",
          header: "Events",
          width: "6rem",
          className: "tabular-nums",
          cell: (l) => (
            <CellLink href={l.eventsHref} className="inline-flex items-center gap-1" title="Show these events">
              {l.count.toLocaleString("en-US")}
              <Filter className="size-3" aria-hidden />
            </CellLink>
          ),
        },
        timeColumn({ id: "firstSeen", header: "First seen", width: "10rem", className: "text-slate-600", time: (l) => l.firstSeen }),
        timeColumn({ id: "lastSeen", header: "Last seen", width: "10rem", className: "text-slate-600", time: (l) => l.lastSeen }),
      ]),
    [label, mono],
  );
  return <DataTable look="plain" fixed classNames={{ cell: "px-4 py-1.5" }} columns={columns} data={lines} getRowId={(l) => l.key} />;
}
