"use client";

import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { InsightRow } from "@/lib/insights/insights";
import { InsightStatusBadge, InsightTypeBadge } from "./insight-badges";

/** What the list shows of an insight: `summary` is insightSummary's sentence (lib/insights/insights.ts, server-side). */
export type InsightListRow = Pick<InsightRow, "id" | "startTime" | "type" | "subjectKind" | "subject" | "status"> & { summary: string };

const COLUMN = { start: "startTime", type: "type", subject: "subject", summary: "summary", status: "status" } as const;
const column = columnHelperFor<InsightListRow>();

export function InsightsTable({ rows }: { rows: InsightListRow[] }) {
  const columns = useMemo<DataColumn<InsightListRow>[]>(
    () => [
      column.accessor("startTime", {
        id: COLUMN.start,
        header: "Start time",
        meta: { width: "12rem", className: "whitespace-nowrap text-slate-600" },
        cell: (c) => <LocalTime iso={c.getValue()} />,
      }),
      column.accessor("type", { id: COLUMN.type, header: "Type", meta: { width: "13rem" }, cell: (c) => <InsightTypeBadge type={c.getValue()} /> }),
      column.accessor("subject", {
        id: COLUMN.subject,
        header: "Subject",
        meta: { width: "16rem", className: "truncate font-mono text-xs", title: (i: InsightListRow) => i.subject },
        cell: ({ row: { original: i } }) => (
          <>
            <span className="mr-1 font-sans text-slate-500">{i.subjectKind === "accessKey" ? "AccessKey" : "User"}</span>
            {i.subject}
          </>
        ),
      }),
      column.accessor("summary", {
        id: COLUMN.summary,
        header: "What happened",
        meta: { className: "break-words" },
        cell: ({ row: { original: i } }) => (
          <Link href={`/insights/${i.id}`} className="text-orange-700 hover:underline">
            {i.summary}
          </Link>
        ),
      }),
      column.accessor("status", { id: COLUMN.status, header: "Status", meta: { width: "6rem" }, cell: (c) => <InsightStatusBadge status={c.getValue()} /> }),
    ],
    [],
  );
  return <DataTable look="plain" fixed rowClassName="align-top hover:bg-slate-50" columns={columns} data={rows} getRowId={(i) => String(i.id)} />;
}
