import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";
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

/** The latest few events of a kind (failed, sensitive, sign-ins), each linking to its own page. */
export function LatestEvents({ rows, empty, signins = false }: { rows: (LatestEvent | SigninEvent)[]; empty: string; signins?: boolean }) {
  if (rows.length === 0) return <EmptyRow>{empty}</EmptyRow>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-left">
        <colgroup>
          <col className="w-44" />
          <col />
          <col className="w-32" />
          <col className="w-36" />
        </colgroup>
        <TableHead columns={["Time", "Event", "Source IP", signins ? "MFA" : "Result"]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.eventId} className="border-t border-slate-100">
              <td className="px-4 py-1.5 text-slate-600">
                <LocalTime iso={r.eventTime} />
              </td>
              <td className="truncate px-4 py-1.5">
                <Link href={`/events/${encodeURIComponent(r.eventId)}`} className="text-orange-700 hover:underline" title={`${r.serviceName} ${r.eventName}`}>
                  {clip(r.eventName, 120)}
                </Link>
              </td>
              <td className="truncate px-4 py-1.5 text-slate-700">{r.sourceIp ?? "—"}</td>
              <td className="truncate px-4 py-1.5">
                {signins && "mfaUsed" in r ? (
                  r.errorCode ? (
                    <span className="font-mono text-xs text-red-700">{clip(r.errorCode, 60)}</span>
                  ) : (
                    <MfaBadge used={r.mfaUsed} />
                  )
                ) : r.errorCode ? (
                  <span className="font-mono text-xs text-red-700" title={r.errorCode}>
                    {clip(r.errorCode, 60)}
                  </span>
                ) : (
                  <span className="text-emerald-700">Success</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
