import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";
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
  const href = kind === "insight" ? `/insights/${encodeURIComponent(id)}` : `/events/${encodeURIComponent(id)}`;
  return (
    <Link href={href} className="font-mono text-xs text-orange-700 hover:underline">
      {kind === "insight" ? `Insight #${id}` : id}
    </Link>
  );
}

/** A rule's deliveries, newest first, each with every HTTP attempt. */
export function DeliveryHistory({ rows }: { rows: DeliveryHistoryRow[] }) {
  if (rows.length === 0) {
    return <p className="px-4 py-8 text-center text-slate-500">No notifications yet. They appear here as soon as something matches the rule.</p>;
  }
  return (
    <table className="w-full table-fixed text-left">
      <colgroup>
        <col className="w-48" />
        <col className="w-64" />
        <col className="w-28" />
        <col />
      </colgroup>
      <TableHead columns={["Queued", "About", "Status", "Attempts"]} />
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} className="border-t border-slate-100 align-top" data-testid="alert-delivery">
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">
              <LocalTime iso={d.createdAt.toISOString()} />
            </td>
            <td className="truncate px-4 py-2">
              <SourceLink kind={d.sourceKind} id={d.sourceRef} />
            </td>
            <td className="px-4 py-2">
              <DeliveryStatusBadge status={d.status} />
            </td>
            <td className="px-4 py-2">
              {d.attemptLog.length === 0 ? (
                <span className="text-slate-500">Not sent yet</span>
              ) : (
                <ol className="space-y-1">
                  {d.attemptLog.map((a) => {
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
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
