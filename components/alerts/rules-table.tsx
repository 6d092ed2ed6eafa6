"use client";

import { defineColumns, linkColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { DeliveryStatusBadge } from "./delivery-history";

/** What the list shows of a rule: `sends` is describeRule's sentence (lib/alerts/rules.ts, server-side). */
export interface RuleRow {
  id: number;
  name: string;
  sends: string;
  webhookUrl: string;
  enabled: boolean;
  latest: { status: string; createdAt: Date } | null;
}

const COLUMNS = defineColumns<RuleRow>([
  linkColumn({ id: "name", header: "Rule", width: "14rem", className: "truncate", text: (r) => r.name, href: (_, r) => `/alerts/${r.id}`, linkTitle: false, linkClassName: "font-medium" }),
  { id: "sends", header: "Sends", className: "break-words", cell: (r) => r.sends },
  { id: "webhookUrl", header: "Webhook", width: "18rem", className: "truncate font-mono text-xs", title: (r) => r.webhookUrl, cell: (r) => r.webhookUrl },
  { id: "enabled", header: "State", width: "6rem", cell: (r) => (r.enabled ? "Enabled" : <span className="text-slate-500">Disabled</span>) },
  {
    id: "latest",
    header: "Latest notification",
    width: "16rem",
    cell: ({ latest }) =>
      latest ? (
        <span className="flex items-center gap-2">
          <DeliveryStatusBadge status={latest.status} />
          <span className="whitespace-nowrap text-slate-600">
            <LocalTime iso={latest.createdAt.toISOString()} withSeconds={false} />
          </span>
        </span>
      ) : (
        <span className="text-slate-500">None yet</span>
      ),
  },
]);

export function RulesTable({ rules }: { rules: RuleRow[] }) {
  return <DataTable look="plain" fixed rowClassName="align-top hover:bg-slate-50" columns={COLUMNS} data={rules} getRowId={(r) => String(r.id)} />;
}
