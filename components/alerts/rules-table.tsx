"use client";

import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
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

const COLUMN = { name: "name", sends: "sends", webhook: "webhookUrl", state: "enabled", latest: "latest" } as const;
const column = columnHelperFor<RuleRow>();

export function RulesTable({ rules }: { rules: RuleRow[] }) {
  const columns = useMemo<DataColumn<RuleRow>[]>(
    () => [
      column.accessor("name", {
        id: COLUMN.name,
        header: "Rule",
        meta: { width: "14rem", className: "truncate" },
        cell: ({ row: { original: r } }) => (
          <Link href={`/alerts/${r.id}`} className="font-medium text-orange-700 hover:underline">
            {r.name}
          </Link>
        ),
      }),
      column.accessor("sends", { id: COLUMN.sends, header: "Sends", meta: { className: "break-words" }, cell: (c) => c.getValue() }),
      column.accessor("webhookUrl", {
        id: COLUMN.webhook,
        header: "Webhook",
        meta: { width: "18rem", className: "truncate font-mono text-xs", title: (r: RuleRow) => r.webhookUrl },
        cell: (c) => c.getValue(),
      }),
      column.accessor("enabled", {
        id: COLUMN.state,
        header: "State",
        meta: { width: "6rem" },
        cell: (c) => (c.getValue() ? "Enabled" : <span className="text-slate-500">Disabled</span>),
      }),
      column.accessor("latest", {
        id: COLUMN.latest,
        header: "Latest notification",
        meta: { width: "16rem" },
        cell: (c) => {
          const last = c.getValue();
          return last ? (
            <span className="flex items-center gap-2">
              <DeliveryStatusBadge status={last.status} />
              <span className="whitespace-nowrap text-slate-600">
                <LocalTime iso={last.createdAt.toISOString()} withSeconds={false} />
              </span>
            </span>
          ) : (
            <span className="text-slate-500">None yet</span>
          );
        },
      }),
    ],
    [],
  );
  return <DataTable look="plain" fixed rowClassName="align-top hover:bg-slate-50" columns={columns} data={rules} getRowId={(r) => String(r.id)} />;
}
