"use client";

import { useMemo } from "react";
import { CellLink, defineColumns, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
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

/** The latest few events of a kind (failed, sensitive, sign-ins), each linking to its own page. */
export function LatestEvents({ rows, empty, signins = false }: { rows: Row[]; empty: string; signins?: boolean }) {
  const columns = useMemo(
    () =>
      defineColumns<Row>([
        timeColumn({ id: "eventTime", header: "Time", width: "11rem", className: "text-slate-600", time: (r) => r.eventTime }),
        {
          id: "event",
          header: signins ? "Sign-in from" : "Event · source IP",
          className: "truncate",
          cell: (r) => (
            <>
              <CellLink href={`/events/${encodeURIComponent(r.eventId)}`} title={`${r.serviceName} ${r.eventName}`}>
                {signins ? (r.sourceIp ?? "unknown IP") : clip(r.eventName, 120)}
              </CellLink>
              {!signins && <span className="ml-2 text-xs text-slate-500">{r.sourceIp ?? "no IP"}</span>}
            </>
          ),
        },
        { id: "result", header: signins ? "MFA / result" : "Result", width: "10rem", className: "truncate", cell: (r) => <Result row={r} signin={signins} /> },
      ]),
    [signins],
  );
  if (rows.length === 0) return <EmptyRow>{empty}</EmptyRow>;
  return <DataTable look="plain" fixed classNames={{ cell: "px-4 py-1.5" }} columns={columns} data={rows} getRowId={(r) => r.eventId} />;
}
