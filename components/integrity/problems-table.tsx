"use client";

import { defineColumns } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";

/** One problem of a verification, by file (the kinds are lib/integrity/verify.ts PROBLEM_KINDS). */
export interface ProblemRow {
  kind: string;
  target: string;
  detail: string;
}

const COLUMNS = defineColumns<ProblemRow>([
  {
    id: "kind",
    header: "Problem",
    width: 140,
    cell: (p) => <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200">{p.kind}</span>,
  },
  { id: "target", header: "File or rows", width: "42%", className: "font-mono text-xs whitespace-normal [overflow-wrap:anywhere]", cell: (p) => p.target },
  { id: "detail", header: "What was found", className: "text-xs whitespace-normal text-slate-700", cell: (p) => p.detail },
]);

export function ProblemsTable({ problems, caption }: { problems: ProblemRow[]; caption: string }) {
  return <DataTable look="plain" rowClassName="align-top" columns={COLUMNS} data={problems} getRowId={(p, i) => `${i}-${p.kind}-${p.target}`} caption={caption} />;
}
