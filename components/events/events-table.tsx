"use client";

import { ShieldAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { ExpandToggle } from "@/components/ui/expand-toggle";
import { LocalTime, LocalZone } from "@/components/ui/local-time";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventFilters } from "@/lib/events/filters";
import type { TListedRow } from "@/lib/events/list-row";
import type { EventListRow } from "@/lib/events/query";
import { EventDetail } from "./event-detail";

const COLUMN = {
  toggle: "toggle",
  time: "eventTime",
  user: "userName",
  name: "eventName",
  resourceType: "resourceType",
  resourceName: "resourceName",
} as const;

type Row = TListedRow<EventListRow>;

const column = columnHelperFor<Row>();

export function EventsTable({ rows, filters }: { rows: Row[]; filters: EventFilters }) {
  const columns = useMemo<DataColumn<Row>[]>(() => {
    return [
      column.display({
        id: COLUMN.toggle,
        meta: { width: 44 },
        header: () => <span className="sr-only">Details</span>,
        cell: ({ row }) => (
          <ExpandToggle
            expanded={row.getIsExpanded()}
            onToggle={row.getToggleExpandedHandler()}
            label={`Details of ${row.original.eventName} at ${row.original.eventTime}`}
          />
        ),
      }),
      column.accessor("eventTime", {
        id: COLUMN.time,
        meta: { width: 190 },
        header: () => (
          <span>
            Event Time <span className="font-normal text-slate-400">(<LocalZone />)</span>
          </span>
        ),
        cell: (info) => <LocalTime iso={info.getValue()} />,
      }),
      column.accessor("userName", {
        id: COLUMN.user,
        header: "Username",
        cell: (info) => {
          const v = info.getValue();
          // The link keeps the page's region, window and conditions, and adds this user.
          return v ? (
            <Link href={eventsUrl({ ...filters, user: v })} className="text-orange-700 hover:underline" title={v}>
              {v}
            </Link>
          ) : (
            <span className="text-slate-400">—</span>
          );
        },
      }),
      column.accessor("eventName", {
        id: COLUMN.name,
        header: "Event Name",
        cell: ({ row }) => (
          <span className="flex min-w-0 items-center gap-1.5">
            <span className="truncate font-medium" title={row.original.eventName}>
              {row.original.eventName}
            </span>
            {row.original.errorCode && (
              <span title={`Failed: ${row.original.errorCode}`} className="inline-flex shrink-0 items-center gap-0.5 rounded bg-red-50 px-1 text-xs text-red-700">
                <TriangleAlert className="size-3" aria-hidden /> Error
              </span>
            )}
            {row.original.sensitive && (
              <span title="Sensitive operation" className="inline-flex shrink-0 items-center gap-0.5 rounded bg-amber-50 px-1 text-xs text-amber-800">
                <ShieldAlert className="size-3" aria-hidden /> Sensitive
              </span>
            )}
          </span>
        ),
      }),
      column.accessor("resourceType", {
        id: COLUMN.resourceType,
        header: "Resource Type",
        cell: (info) => <span title={info.getValue() ?? ""}>{info.getValue() ?? <span className="text-slate-400">—</span>}</span>,
      }),
      column.accessor("resourceName", {
        id: COLUMN.resourceName,
        header: "Resource Name",
        // A prefix only: an event may reference hundreds of resources.
        cell: (info) => {
          const v = info.getValue();
          return v ? <span title={v.slice(0, 2_000)}>{v.length > 300 ? `${v.slice(0, 300)}…` : v}</span> : <span className="text-slate-400">—</span>;
        },
      }),
    ];
  }, [filters]);

  return (
    <DataTable
      caption="Events, newest first"
      columns={columns}
      data={rows}
      getRowId={(r) => r.eventId}
      renderDetail={(r) => <EventDetail row={r} filters={filters} />}
    />
  );
}
