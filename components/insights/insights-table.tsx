"use client";

import { defineColumns, linkColumn, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { InsightRow } from "@/lib/insights/insights";
import { InsightStatusBadge, InsightTypeBadge } from "./insight-badges";

/** What the list shows of an insight: `summary` is insightSummary's sentence (lib/insights/insights.ts, server-side). */
export type InsightListRow = Pick<InsightRow, "id" | "startTime" | "type" | "subjectKind" | "subject" | "status"> & { summary: string };

const COLUMNS = defineColumns<InsightListRow>([
  timeColumn({ id: "startTime", header: "Start time", width: "12rem", className: "whitespace-nowrap text-slate-600", time: (i) => i.startTime }),
  { id: "type", header: "Type", width: "13rem", cell: (i) => <InsightTypeBadge type={i.type} /> },
  {
    id: "subject",
    header: "Subject",
    width: "16rem",
    className: "truncate font-mono text-xs",
    title: (i) => i.subject,
    cell: (i) => (
      <>
        <span className="mr-1 font-sans text-slate-500">{i.subjectKind === "accessKey" ? "AccessKey" : "User"}</span>
        {i.subject}
      </>
    ),
  },
  linkColumn({ id: "summary", header: "What happened", className: "break-words", text: (i) => i.summary, href: (_, i) => `/insights/${i.id}`, linkTitle: false }),
  { id: "status", header: "Status", width: "6rem", cell: (i) => <InsightStatusBadge status={i.status} /> },
]);

export function InsightsTable({ rows }: { rows: InsightListRow[] }) {
  return <DataTable look="plain" fixed rowClassName="align-top hover:bg-slate-50" columns={COLUMNS} data={rows} getRowId={(i) => String(i.id)} />;
}
