"use client";

import { CellLink, defineColumns, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { DeliveryHistoryRow } from "@/lib/alerts/engine";

export function DeliveryStatusBadge({ status }: { status: string }) {
  const style =
    status === "delivered"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
      : status === "failed"
        ? "bg-red-50 text-red-700 ring-red-200"
        : "bg-amber-50 text-amber-800 ring-amber-200";
  const label = status === "delivered" ? "Delivered" : status === "failed" ? "Failed" : "Retrying";
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>{label}</span>;
}

function SourceLink({ kind, id }: { kind: string; id: string }) {
  if (kind === "delivery") {
    // "<trail>:<destination>:<failed|recovered|file>:…" (lib/delivery/notifications.ts): the trail's page.
    const [trail, destination, what] = id.split(":");
    return (
      <CellLink href={`/trails/${encodeURIComponent(trail)}`} className="text-xs" title={id}>
        {trail} {destination === "oss" ? "OSS" : "log store"}: {what === "file" ? "file delivered" : `delivery ${what}`}
      </CellLink>
    );
  }
  const href = kind === "insight" ? `/insights/${encodeURIComponent(id)}` : `/events/${encodeURIComponent(id)}`;
  return (
    <CellLink href={href} className="font-mono text-xs">
      {kind === "insight" ? `Insight #${id}` : id}
    </CellLink>
  );
}

function Attempts({ log }: { log: DeliveryHistoryRow["attemptLog"] }) {
  if (log.length === 0) return <span className="text-slate-500">Not sent yet</span>;
  return (
    <ol className="space-y-1">
      {log.map((a) => {
        const answer = a.statusCode ? `HTTP ${a.statusCode}` : "no response";
        return (
          <li key={a.attempt} className="text-xs break-words">
            <span className="font-medium">#{a.attempt}</span> <LocalTime iso={a.startedAt.toISOString()} /> ·{" "}
            <span className={a.error ? "text-red-700" : "text-emerald-700"}>{answer}</span> · {a.durationMs} ms
            {/* The recorded reason is generic (lib/delivery/backoff.ts errorText); a bare status is not repeated. */}
            {a.error && a.error !== answer && <span className="text-slate-600"> · {a.error}</span>}
            {a.nextRetryAt && (
              <span className="text-slate-500">
                {" "}
                · next try <LocalTime iso={a.nextRetryAt.toISOString()} />
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

const COLUMNS = defineColumns<DeliveryHistoryRow>([
  timeColumn({ id: "createdAt", header: "Queued", width: "12rem", className: "whitespace-nowrap text-slate-600", time: (d) => d.createdAt }),
  { id: "about", header: "About", width: "16rem", className: "truncate", cell: (d) => <SourceLink kind={d.sourceKind} id={d.sourceRef} /> },
  { id: "status", header: "Status", width: "7rem", cell: (d) => <DeliveryStatusBadge status={d.status} /> },
  { id: "attempts", header: "Attempts", cell: (d) => <Attempts log={d.attemptLog} /> },
]);

/** A rule's deliveries, newest first, each with every HTTP attempt. */
export function DeliveryHistory({ rows }: { rows: DeliveryHistoryRow[] }) {
  if (rows.length === 0) {
    return <p className="px-4 py-8 text-center text-slate-500">No notifications yet. They appear here as soon as something matches the rule.</p>;
  }
  return (
    <DataTable
      look="plain"
      fixed
      rowClassName="align-top"
      rowProps={() => ({ "data-testid": "alert-delivery" })}
      columns={COLUMNS}
      data={rows}
      getRowId={(d) => String(d.id)}
    />
  );
}
