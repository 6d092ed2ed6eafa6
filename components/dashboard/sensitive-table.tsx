"use client";

import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";
import type { SensitiveRow } from "@/lib/stats/dashboard";

const CELL_LINK = "block max-w-52 truncate text-orange-700 hover:underline";
/** The dashboard's compact look: small capitals in the header, rows split by the body's dividers. */
const LOOK = {
  table: "w-full text-sm",
  thead: "border-b border-slate-200 bg-slate-50",
  th: "px-3 py-2 text-left text-xs font-medium tracking-wide text-slate-500 uppercase",
  tbody: "divide-y divide-slate-100",
  row: "hover:bg-slate-50",
  cell: "px-3 py-2 align-middle",
};
const COLUMN = { time: "eventTime", name: "eventName", service: "serviceName", user: "userName", ip: "sourceIp", result: "errorCode" } as const;
const column = columnHelperFor<SensitiveRow>();

/** The latest sensitive operations of the window; each row opens that event in Event Detail Query. */
export function SensitiveTable({ window: w, rows }: { window: EventScope; rows: SensitiveRow[] }) {
  const columns = useMemo<DataColumn<SensitiveRow>[]>(
    () => [
      column.accessor("eventTime", {
        id: COLUMN.time,
        header: "Event Time",
        meta: { className: "whitespace-nowrap text-slate-700" },
        cell: ({ row: { original: r } }) => (
          <Link href={eventsUrl({ ...w, eventId: r.eventId })} className="hover:text-orange-700 hover:underline" aria-label={`Open ${r.eventName} at ${r.eventTime}`}>
            <LocalTime iso={r.eventTime} />
          </Link>
        ),
      }),
      column.accessor("eventName", {
        id: COLUMN.name,
        header: "Event Name",
        cell: ({ row: { original: r } }) => (
          <Link href={eventsUrl({ ...w, eventId: r.eventId })} className={`${CELL_LINK} font-medium`} title={r.eventName}>
            {r.eventName}
          </Link>
        ),
      }),
      column.accessor("serviceName", {
        id: COLUMN.service,
        header: "Service",
        cell: (c) => (
          <span className="block max-w-32 truncate text-slate-700" title={c.getValue()}>
            {c.getValue()}
          </span>
        ),
      }),
      column.accessor("userName", {
        id: COLUMN.user,
        header: "Username",
        cell: (c) => {
          const user = c.getValue();
          return user ? (
            <Link href={eventsUrl({ ...w, user })} className={CELL_LINK} title={user}>
              {user}
            </Link>
          ) : (
            <span className="text-slate-400">—</span>
          );
        },
      }),
      column.accessor("sourceIp", {
        id: COLUMN.ip,
        header: "Source IP",
        cell: (c) => {
          const sourceIp = c.getValue();
          return sourceIp ? (
            <Link href={eventsUrl({ ...w, sourceIp })} className={`${CELL_LINK} font-mono text-xs`} title={sourceIp}>
              {sourceIp}
            </Link>
          ) : (
            <span className="text-slate-400">—</span>
          );
        },
      }),
      column.accessor("errorCode", {
        id: COLUMN.result,
        header: "Result",
        cell: (c) => {
          const errorCode = c.getValue();
          return errorCode ? (
            <span className="inline-block max-w-44 truncate rounded bg-red-50 px-1.5 py-0.5 align-middle text-xs text-red-700" title={errorCode}>
              {errorCode}
            </span>
          ) : (
            <span className="text-xs text-emerald-700">Success</span>
          );
        },
      }),
    ],
    [w],
  );
  if (rows.length === 0) {
    return <p className="px-4 py-10 text-center text-slate-500">No sensitive operations in this window.</p>;
  }
  return <DataTable look="plain" classNames={LOOK} columns={columns} data={rows} getRowId={(r) => r.eventId} />;
}
