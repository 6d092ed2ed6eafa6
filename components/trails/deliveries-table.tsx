"use client";

import { defineColumns, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { DeliveryRow } from "@/lib/trails/status";

const COLUMNS = defineColumns<DeliveryRow>([
  { id: "destination", header: "Destination", width: "7rem", cell: (d) => (d.destination === "oss" ? "OSS" : "Log store") },
  {
    id: "location",
    header: "File / batch",
    className: "truncate font-mono text-xs",
    title: (d) => d.location,
    cell: (d) => (
      <>
        {d.location}
        {d.historyJobId !== null && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-slate-600">job #{d.historyJobId}</span>}
      </>
    ),
  },
  { id: "eventCount", header: "Events", width: "6rem", headerClassName: "text-right", className: "text-right tabular-nums", cell: (d) => d.eventCount.toLocaleString("en-US") },
  timeColumn({ id: "deliveredAt", header: "Delivered", width: "12rem", className: "text-slate-600", time: (d) => d.deliveredAt }),
]);

/** A trail's latest Delivery rows: one file or log store batch each, history job batches marked. */
export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  return <DataTable look="plain" fixed columns={COLUMNS} data={rows} getRowId={(d) => String(d.id)} />;
}
