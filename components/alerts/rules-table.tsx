import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";
import { describeRule, type AlertRuleRow } from "@/lib/alerts/rules";
import { DeliveryStatusBadge } from "./delivery-history";

export function RulesTable({ rules, latest }: { rules: AlertRuleRow[]; latest: Map<number, { status: string; createdAt: Date }> }) {
  return (
    <table className="w-full table-fixed text-left">
      <colgroup>
        <col className="w-56" />
        <col />
        <col className="w-72" />
        <col className="w-24" />
        <col className="w-64" />
      </colgroup>
      <TableHead columns={["Rule", "Sends", "Webhook", "State", "Latest notification"]} />
      <tbody>
        {rules.map((r) => {
          const last = latest.get(r.id);
          return (
            <tr key={r.id} className="border-t border-slate-100 align-top hover:bg-slate-50">
              <td className="truncate px-4 py-2">
                <Link href={`/alerts/${r.id}`} className="font-medium text-orange-700 hover:underline">
                  {r.name}
                </Link>
              </td>
              <td className="px-4 py-2 break-words">{describeRule(r)}</td>
              <td className="truncate px-4 py-2 font-mono text-xs" title={r.webhookUrl}>
                {r.webhookUrl}
              </td>
              <td className="px-4 py-2">{r.enabled ? "Enabled" : <span className="text-slate-500">Disabled</span>}</td>
              <td className="px-4 py-2">
                {last ? (
                  <span className="flex items-center gap-2">
                    <DeliveryStatusBadge status={last.status} />
                    <span className="whitespace-nowrap text-slate-600">
                      <LocalTime iso={last.createdAt.toISOString()} withSeconds={false} />
                    </span>
                  </span>
                ) : (
                  <span className="text-slate-500">None yet</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
