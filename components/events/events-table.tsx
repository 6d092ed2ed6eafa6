"use client";

import { ShieldAlert, TriangleAlert } from "lucide-react";
import { useMemo } from "react";
import { defineColumns, expandColumn, linkColumn, NoValue, zonedTimeColumn, type ColumnSpec } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventFilters } from "@/lib/events/filters";
import type { TListedRow } from "@/lib/events/list-row";
import type { EventListRow } from "@/lib/events/query";
import { EventDetail } from "./event-detail";

type Row = TListedRow<EventListRow>;

/**
 * The first columns of every event list: the toggle that opens the event's details (its label is how
 * people and the e2e specs find an event's row) and the event's time in the viewer's zone.
 */
export function eventLeadColumns<T extends Pick<EventListRow, "eventName" | "eventTime">>(timeHeader: string): ColumnSpec<T>[] {
  return [expandColumn((r) => `Details of ${r.eventName} at ${r.eventTime}`), zonedTimeColumn("eventTime", timeHeader, (r) => r.eventTime)];
}

export function EventsTable({ rows, filters }: { rows: Row[]; filters: EventFilters }) {
  const columns = useMemo(
    () =>
      defineColumns<Row>([
        ...eventLeadColumns<Row>("Event Time"),
        // The link keeps the page's region, window and conditions, and adds this user.
        linkColumn({ id: "userName", header: "Username", text: (r) => r.userName, href: (user) => eventsUrl({ ...filters, user }) }),
        {
          id: "eventName",
          header: "Event Name",
          cell: (r) => (
            <span className="flex min-w-0 items-center gap-1.5">
              <span className="truncate font-medium" title={r.eventName}>
                {r.eventName}
              </span>
              {r.errorCode && (
                <span title={`Failed: ${r.errorCode}`} className="inline-flex shrink-0 items-center gap-0.5 rounded bg-red-50 px-1 text-xs text-red-700">
                  <TriangleAlert className="size-3" aria-hidden /> Error
                </span>
              )}
              {r.sensitive && (
                <span title="Sensitive operation" className="inline-flex shrink-0 items-center gap-0.5 rounded bg-amber-50 px-1 text-xs text-amber-800">
                  <ShieldAlert className="size-3" aria-hidden /> Sensitive
                </span>
              )}
            </span>
          ),
        },
        { id: "resourceType", header: "Resource Type", cell: (r) => <span title={r.resourceType ?? ""}>{r.resourceType ?? <NoValue />}</span> },
        // A prefix only: an event may reference hundreds of resources.
        {
          id: "resourceName",
          header: "Resource Name",
          cell: ({ resourceName: v }) => (v ? <span title={v.slice(0, 2_000)}>{v.length > 300 ? `${v.slice(0, 300)}…` : v}</span> : <NoValue />),
        },
      ]),
    [filters],
  );

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
