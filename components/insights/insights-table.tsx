import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";
import { insightSummary, type InsightRow } from "@/lib/insights/insights";
import { InsightStatusBadge, InsightTypeBadge } from "./insight-badges";

export function InsightsTable({ rows }: { rows: InsightRow[] }) {
  return (
    <table className="w-full table-fixed text-left">
      <colgroup>
        <col className="w-48" />
        <col className="w-52" />
        <col className="w-64" />
        <col />
        <col className="w-24" />
      </colgroup>
      <TableHead columns={["Start time", "Type", "Subject", "What happened", "Status"]} />
      <tbody>
        {rows.map((i) => (
          <tr key={i.id} className="border-t border-slate-100 align-top hover:bg-slate-50">
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">
              <LocalTime iso={i.startTime} />
            </td>
            <td className="px-4 py-2">
              <InsightTypeBadge type={i.type} />
            </td>
            <td className="truncate px-4 py-2 font-mono text-xs" title={i.subject}>
              <span className="mr-1 font-sans text-slate-500">{i.subjectKind === "accessKey" ? "AccessKey" : "User"}</span>
              {i.subject}
            </td>
            <td className="px-4 py-2 break-words">
              <Link href={`/insights/${i.id}`} className="text-orange-700 hover:underline">
                {insightSummary(i)}
              </Link>
            </td>
            <td className="px-4 py-2">
              <InsightStatusBadge status={i.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
