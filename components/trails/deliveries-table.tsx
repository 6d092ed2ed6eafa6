"use client";

import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { DeliveryRow } from "@/lib/trails/status";

const COLUMN = { destination: "destination", location: "location", events: "eventCount", delivered: "deliveredAt" } as const;
const column = columnHelperFor<DeliveryRow>();

/** A trail's latest Delivery rows: one file or log store batch each, history job batches marked. */
export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  const columns = useMemo<DataColumn<DeliveryRow>[]>(
    () => [
      column.accessor("destination", {
        id: COLUMN.destination,
        header: "Destination",
        meta: { width: "7rem" },
        cell: (c) => (c.getValue() === "oss" ? "OSS" : "Log store"),
      }),
      column.accessor("location", {
        id: COLUMN.location,
        header: "File / batch",
        meta: { className: "truncate font-mono text-xs", title: (d: DeliveryRow) => d.location },
        cell: ({ row: { original: d } }) => (
          <>
            {d.location}
            {d.historyJobId !== null && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-slate-600">job #{d.historyJobId}</span>}
          </>
        ),
      }),
      column.accessor("eventCount", {
        id: COLUMN.events,
        header: "Events",
        meta: { width: "6rem", headerClassName: "text-right", className: "text-right tabular-nums" },
        cell: (c) => c.getValue().toLocaleString("en-US"),
      }),
      column.accessor("deliveredAt", {
        id: COLUMN.delivered,
        header: "Delivered",
        meta: { width: "12rem", className: "text-slate-600" },
        cell: (c) => <LocalTime iso={c.getValue().toISOString()} />,
      }),
    ],
    [],
  );
  return <DataTable look="plain" fixed columns={columns} data={rows} getRowId={(d) => String(d.id)} />;
}
