"use client";

import { defineColumns, linkColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { regionName } from "@/lib/events/regions";
import type { TrailSummary } from "@/lib/trails/trails";
import { destinationsText, LoggingBadge } from "./trail-badges";

/** What the list shows of a trail (dates as ISO strings: they cross to the client). */
export type TrailRow = Pick<
  TrailSummary,
  "name" | "homeRegion" | "eventRW" | "trailRegion" | "ossBucketName" | "ossKeyPrefix" | "logStoreEnabled" | "isLogging" | "hasDeliveryError"
> & { latestDeliveryTime: string | null };

const COLUMNS = defineColumns<TrailRow>([
  linkColumn({ id: "name", header: "Trail name", width: 170, text: (t) => t.name, href: (name) => `/trails/${encodeURIComponent(name)}`, linkClassName: "font-medium" }),
  { id: "homeRegion", header: "Home region", width: 150, cell: (t) => regionName(t.homeRegion) },
  {
    id: "destinations",
    header: "Destinations",
    // Wraps (the shared table truncates cells): the bucket path and log store name are the point.
    cell: (t) => (
      <span className="block text-xs leading-5 whitespace-normal [overflow-wrap:anywhere]">
        {destinationsText(t)
          .split(" · ")
          .map((d) => (
            <span key={d} className="block">
              {d}
            </span>
          ))}
      </span>
    ),
  },
  { id: "eventRW", header: "Event type", width: 96, cell: (t) => t.eventRW },
  { id: "trailRegion", header: "Regions", width: 160, cell: (t) => (t.trailRegion === "All" ? "All regions" : `${t.trailRegion} only`) },
  { id: "status", header: "Status", width: 124, cell: (t) => <LoggingBadge isLogging={t.isLogging} /> },
  {
    id: "latestDelivery",
    header: "Latest delivery",
    width: 200,
    cell: (t) => (
      <span className="block text-slate-600">
        {t.latestDeliveryTime ? <LocalTime iso={t.latestDeliveryTime} /> : "—"}
        {t.hasDeliveryError && <span className="block text-xs font-medium text-red-700">Delivery error, see status</span>}
      </span>
    ),
  },
]);

export function TrailsTable({ trails }: { trails: TrailRow[] }) {
  return <DataTable columns={COLUMNS} data={trails} getRowId={(t) => t.name} caption="Trails" />;
}
