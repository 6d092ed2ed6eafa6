"use client";

import { CirclePlus, CircleX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { EventDetail } from "@/components/events/event-detail";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { ExpandToggle } from "@/components/ui/expand-toggle";
import { LocalTime, LocalZone } from "@/components/ui/local-time";
import type { TimelineEvent } from "@/lib/activity/resources";
import type { TListedRow } from "@/lib/events/list-row";
import type { EventFilters } from "@/lib/events/filters";

type Row = TListedRow<TimelineEvent>;

const column = columnHelperFor<Row>();

/** Marks an operation that creates or deletes a resource (by its event name, see lifecycleOf). */
function LifecycleBadge({ kind }: { kind: TimelineEvent["lifecycle"] }) {
  if (kind === "create")
    return (
      <span className="inline-flex shrink-0 items-center gap-0.5 rounded bg-emerald-50 px-1 text-xs font-medium text-emerald-700">
        <CirclePlus className="size-3" aria-hidden /> Create
      </span>
    );
  if (kind === "delete")
    return (
      <span className="inline-flex shrink-0 items-center gap-0.5 rounded bg-red-50 px-1 text-xs font-medium text-red-700">
        <CircleX className="size-3" aria-hidden /> Delete
      </span>
    );
  return null;
}

/** Every event that referenced one resource, in time order; a row expands to the event's details. */
export function ResourceTimeline({ events, filters }: { events: Row[]; filters: EventFilters }) {
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      column.display({
        id: "toggle",
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
        id: "eventTime",
        meta: { width: 190 },
        header: () => (
          <span>
            Time <span className="font-normal text-slate-400">(<LocalZone />)</span>
          </span>
        ),
        cell: (info) => <LocalTime iso={info.getValue()} />,
      }),
      column.accessor("eventName", {
        id: "eventName",
        header: "Event",
        cell: ({ row }) => (
          <span className="flex min-w-0 items-center gap-1.5" data-lifecycle={row.original.lifecycle ?? undefined}>
            <Link href={`/events/${encodeURIComponent(row.original.eventId)}`} className="truncate font-medium text-slate-900 hover:text-orange-700 hover:underline" title={row.original.eventName}>
              {row.original.eventName}
            </Link>
            <LifecycleBadge kind={row.original.lifecycle} />
          </span>
        ),
      }),
      column.accessor("userName", {
        id: "userName",
        header: "Who",
        cell: (info) => {
          const v = info.getValue();
          return v ? (
            <Link href={`/users/${encodeURIComponent(v)}?region=${encodeURIComponent(filters.region)}`} className="text-orange-700 hover:underline" title={v}>
              {v}
            </Link>
          ) : (
            <span className="text-slate-400">—</span>
          );
        },
      }),
      column.accessor("sourceIp", {
        id: "sourceIp",
        meta: { width: 150 },
        header: "From",
        cell: (info) => info.getValue() ?? <span className="text-slate-400">—</span>,
      }),
      column.accessor("errorCode", {
        id: "result",
        meta: { width: 200 },
        header: "Result",
        cell: (info) => {
          const v = info.getValue();
          return v ? (
            <span className="inline-flex min-w-0 items-center gap-1 font-mono text-xs text-red-700" title={v}>
              <TriangleAlert className="size-3 shrink-0" aria-hidden />
              <span className="truncate">{v}</span>
            </span>
          ) : (
            <span className="text-emerald-700">Success</span>
          );
        },
      }),
    ],
    [filters.region],
  );
  return (
    <DataTable
      caption="Events that referenced the resource"
      columns={columns}
      data={events}
      getRowId={(r) => `${r.eventId}|${r.matchedType}`}
      renderDetail={(r) => <EventDetail row={r} filters={filters} />}
    />
  );
}
