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

/** The latest few events of a kind (failed, sensitive, sign-ins), each linking to its own page. */
export function LatestEvents({ rows, empty, signins = false }: { rows: (LatestEvent | SigninEvent)[]; empty: string; signins?: boolean }) {
  if (rows.length === 0) return <EmptyRow>{empty}</EmptyRow>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-left">
        <colgroup>
          <col className="w-44" />
          <col />
          <col className="w-40" />
        </colgroup>
        <TableHead columns={["Time", signins ? "Sign-in from" : "Event · source IP", signins ? "MFA / result" : "Result"]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.eventId} className="border-t border-slate-100">
              <td className="px-4 py-1.5 text-slate-600">
                <LocalTime iso={r.eventTime} />
              </td>
              <td className="truncate px-4 py-1.5">
                <Link href={`/events/${encodeURIComponent(r.eventId)}`} className="text-orange-700 hover:underline" title={`${r.serviceName} ${r.eventName}`}>
                  {signins ? (r.sourceIp ?? "unknown IP") : clip(r.eventName, 120)}
                </Link>
                {!signins && <span className="ml-2 text-xs text-slate-500">{r.sourceIp ?? "no IP"}</span>}
              </td>
              <td className="truncate px-4 py-1.5">
                <Result row={r} signin={signins} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
