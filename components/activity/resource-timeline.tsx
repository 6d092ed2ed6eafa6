"use client";

import { CirclePlus, CircleX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { EventDetail } from "@/components/events/event-detail";
import { eventLeadColumns } from "@/components/events/events-table";
import { defineColumns, linkColumn, NoValue } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { TimelineEvent } from "@/lib/activity/resources";
import type { TListedRow } from "@/lib/events/list-row";
import type { EventFilters } from "@/lib/events/filters";

type Row = TListedRow<TimelineEvent>;

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
  const columns = useMemo(
    () =>
      defineColumns<Row>([
        ...eventLeadColumns<Row>("Time"),
        {
          id: "eventName",
          header: "Event",
          cell: (r) => (
            <span className="flex min-w-0 items-center gap-1.5" data-lifecycle={r.lifecycle ?? undefined}>
              <Link href={`/events/${encodeURIComponent(r.eventId)}`} className="truncate font-medium text-slate-900 hover:text-orange-700 hover:underline" title={r.eventName}>
                {r.eventName}
              </Link>
              <LifecycleBadge kind={r.lifecycle} />
            </span>
          ),
        },
        linkColumn({
          id: "userName",
          header: "Who",
          text: (r) => r.userName,
          href: (user) => `/users/${encodeURIComponent(user)}?region=${encodeURIComponent(filters.region)}`,
        }),
        { id: "sourceIp", header: "From", width: 150, cell: (r) => r.sourceIp ?? <NoValue /> },
        {
          id: "result",
          header: "Result",
          width: 200,
          cell: ({ errorCode: v }) =>
            v ? (
              <span className="inline-flex min-w-0 items-center gap-1 font-mono text-xs text-red-700" title={v}>
                <TriangleAlert className="size-3 shrink-0" aria-hidden />
                <span className="truncate">{v}</span>
              </span>
            ) : (
              <span className="text-emerald-700">Success</span>
            ),
        },
      ]),
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
