"use client";

import Link from "next/link";
import { useMemo } from "react";
import { defineColumns, linkColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";
import type { SensitiveRow } from "@/lib/stats/dashboard";

/** Links that fit the dashboard's narrow card. */
const CELL_LINK = "block max-w-52 truncate";
/** The dashboard's compact look: small capitals in the header, rows split by the body's dividers. */
const LOOK = {
  table: "w-full text-sm",
  thead: "border-b border-slate-200 bg-slate-50",
  th: "px-3 py-2 text-left text-xs font-medium tracking-wide text-slate-500 uppercase",
  tbody: "divide-y divide-slate-100",
  row: "hover:bg-slate-50",
  cell: "px-3 py-2 align-middle",
};

/** The latest sensitive operations of the window; each row opens that event in Event Detail Query. */
export function SensitiveTable({ window: w, rows }: { window: EventScope; rows: SensitiveRow[] }) {
  const columns = useMemo(
    () =>
      defineColumns<SensitiveRow>([
        {
          id: "eventTime",
          header: "Event Time",
          className: "whitespace-nowrap text-slate-700",
          cell: (r) => (
            <Link href={eventsUrl({ ...w, eventId: r.eventId })} className="hover:text-orange-700 hover:underline" aria-label={`Open ${r.eventName} at ${r.eventTime}`}>
              <LocalTime iso={r.eventTime} />
            </Link>
          ),
        },
        linkColumn({ id: "eventName", header: "Event Name", text: (r) => r.eventName, href: (_, r) => eventsUrl({ ...w, eventId: r.eventId }), linkClassName: `${CELL_LINK} font-medium` }),
        {
          id: "serviceName",
          header: "Service",
          cell: (r) => (
            <span className="block max-w-32 truncate text-slate-700" title={r.serviceName}>
              {r.serviceName}
            </span>
          ),
        },
        linkColumn({ id: "userName", header: "Username", text: (r) => r.userName, href: (user) => eventsUrl({ ...w, user }), linkClassName: CELL_LINK }),
        linkColumn({ id: "sourceIp", header: "Source IP", text: (r) => r.sourceIp, href: (sourceIp) => eventsUrl({ ...w, sourceIp }), linkClassName: `${CELL_LINK} font-mono text-xs` }),
        {
          id: "errorCode",
          header: "Result",
          cell: ({ errorCode }) =>
            errorCode ? (
              <span className="inline-block max-w-44 truncate rounded bg-red-50 px-1.5 py-0.5 align-middle text-xs text-red-700" title={errorCode}>
                {errorCode}
              </span>
            ) : (
              <span className="text-xs text-emerald-700">Success</span>
            ),
        },
      ]),
    [w],
  );
  if (rows.length === 0) {
    return <p className="px-4 py-10 text-center text-slate-500">No sensitive operations in this window.</p>;
  }
  return <DataTable look="plain" classNames={LOOK} columns={columns} data={rows} getRowId={(r) => r.eventId} />;
}
