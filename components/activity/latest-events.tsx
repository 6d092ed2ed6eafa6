"use client";

import Link from "next/link";
import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { LatestEvent, SigninEvent } from "@/lib/activity/user-activity";
import { EmptyRow } from "./section";
import { clip } from "./usage-table";

function MfaBadge({ used }: { used: boolean | null }) {
  if (used === null) return <span className="text-slate-400">not recorded</span>;
  return used ? (
    <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">MFA</span>
  ) : (
    <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800">no MFA</span>
  );
}

function Result({ row, signin }: { row: LatestEvent | SigninEvent; signin: boolean }) {
  if (row.errorCode)
    return (
      <span className="font-mono text-xs text-red-700" title={clip(row.errorCode, 2_000)}>
        {clip(row.errorCode, 60)}
      </span>
    );
  if (signin && "mfaUsed" in row) return <MfaBadge used={row.mfaUsed} />;
  return <span className="text-emerald-700">Success</span>;
}

type Row = LatestEvent | SigninEvent;
const COLUMN = { time: "eventTime", event: "event", result: "result" } as const;
const column = columnHelperFor<Row>();

/** The latest few events of a kind (failed, sensitive, sign-ins), each linking to its own page. */
export function LatestEvents({ rows, empty, signins = false }: { rows: Row[]; empty: string; signins?: boolean }) {
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      column.accessor("eventTime", { id: COLUMN.time, header: "Time", meta: { width: "11rem", className: "text-slate-600" }, cell: (c) => <LocalTime iso={c.getValue()} /> }),
      column.display({
        id: COLUMN.event,
        header: signins ? "Sign-in from" : "Event · source IP",
        meta: { className: "truncate" },
        cell: ({ row: { original: r } }) => (
          <>
            <Link href={`/events/${encodeURIComponent(r.eventId)}`} className="text-orange-700 hover:underline" title={`${r.serviceName} ${r.eventName}`}>
              {signins ? (r.sourceIp ?? "unknown IP") : clip(r.eventName, 120)}
            </Link>
            {!signins && <span className="ml-2 text-xs text-slate-500">{r.sourceIp ?? "no IP"}</span>}
          </>
        ),
      }),
      column.display({
        id: COLUMN.result,
        header: signins ? "MFA / result" : "Result",
        meta: { width: "10rem", className: "truncate" },
        cell: ({ row }) => <Result row={row.original} signin={signins} />,
      }),
    ],
    [signins],
  );
  if (rows.length === 0) return <EmptyRow>{empty}</EmptyRow>;
  return <DataTable look="plain" fixed classNames={{ cell: "px-4 py-1.5" }} columns={columns} data={rows} getRowId={(r) => r.eventId} />;
}
