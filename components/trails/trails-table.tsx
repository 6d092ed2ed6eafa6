"use client";

import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { regionName } from "@/lib/events/regions";
import type { TrailSummary } from "@/lib/trails/trails";
import { destinationsText, LoggingBadge } from "./trail-badges";

/** What the list shows of a trail (dates as ISO strings: they cross to the client). */
export type TrailRow = Pick<
  TrailSummary,
  "name" | "homeRegion" | "eventRW" | "trailRegion" | "ossBucketName" | "ossKeyPrefix" | "logStoreEnabled" | "isLogging" | "hasDeliveryError"
> & { latestDeliveryTime: string | null };

const COLUMN_IDS = { name: "name", home: "homeRegion", destinations: "destinations", rw: "eventRW", scope: "trailRegion", status: "status", latest: "latestDelivery" } as const;
const col = columnHelperFor<TrailRow>();

export function TrailsTable({ trails }: { trails: TrailRow[] }) {
  const columns = useMemo<DataColumn<TrailRow>[]>(
    () => [
      col.accessor("name", {
        id: COLUMN_IDS.name,
        header: "Trail name",
        meta: { width: 170 },
        cell: (c) => (
          <Link title={c.getValue()} href={`/trails/${encodeURIComponent(c.getValue())}`} className="font-medium text-orange-700 hover:underline">
            {c.getValue()}
          </Link>
        ),
      }),
      col.accessor("homeRegion", { id: COLUMN_IDS.home, header: "Home region", meta: { width: 150 }, cell: (c) => regionName(c.getValue()) }),
      col.display({
        id: COLUMN_IDS.destinations,
        header: "Destinations",
        // Wraps (the shared table truncates cells): the bucket path and log store name are the point.
        cell: (c) => (
          <span className="block text-xs leading-5 whitespace-normal [overflow-wrap:anywhere]">
            {destinationsText(c.row.original)
              .split(" · ")
              .map((d) => (
                <span key={d} className="block">
                  {d}
                </span>
              ))}
          </span>
        ),
      }),
      col.accessor("eventRW", { id: COLUMN_IDS.rw, header: "Event type", meta: { width: 96 } }),
      col.accessor("trailRegion", {
        id: COLUMN_IDS.scope,
        header: "Regions",
        meta: { width: 160 },
        cell: (c) => (c.getValue() === "All" ? "All regions" : `${c.getValue()} only`),
      }),
      col.accessor("isLogging", { id: COLUMN_IDS.status, header: "Status", meta: { width: 124 }, cell: (c) => <LoggingBadge isLogging={c.getValue()} /> }),
      col.accessor("latestDeliveryTime", {
        id: COLUMN_IDS.latest,
        header: "Latest delivery",
        meta: { width: 200 },
        cell: (c) => (
          <span className="block text-slate-600">
            {c.getValue() ? <LocalTime iso={c.getValue()!} /> : "—"}
            {c.row.original.hasDeliveryError && <span className="block text-xs font-medium text-red-700">Delivery error, see status</span>}
          </span>
        ),
      }),
    ],
    [],
  );
  return <DataTable columns={columns} data={trails} getRowId={(t) => t.name} caption="Trails" />;
}
