import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";
import type { SensitiveRow } from "@/lib/stats/dashboard";

const TH = "px-3 py-2 text-left text-xs font-medium tracking-wide text-slate-500 uppercase";
const TD = "px-3 py-2 align-middle";
const CELL_LINK = "block max-w-52 truncate text-orange-700 hover:underline";

/** The latest sensitive operations of the window; each row opens that event in Event Detail Query. */
export function SensitiveTable({ window: w, rows }: { window: EventScope; rows: SensitiveRow[] }) {
  if (rows.length === 0) {
    return <p className="px-4 py-10 text-center text-slate-500">No sensitive operations in this window.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th className={TH}>Event Time</th>
            <th className={TH}>Event Name</th>
            <th className={TH}>Service</th>
            <th className={TH}>Username</th>
            <th className={TH}>Source IP</th>
            <th className={TH}>Result</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.eventId} className="hover:bg-slate-50">
              <td className={`${TD} whitespace-nowrap text-slate-700`}>
                <Link href={eventsUrl({ ...w, eventId: r.eventId })} className="hover:text-orange-700 hover:underline" aria-label={`Open ${r.eventName} at ${r.eventTime}`}>
                  <LocalTime iso={r.eventTime} />
                </Link>
              </td>
              <td className={TD}>
                <Link href={eventsUrl({ ...w, eventId: r.eventId })} className={`${CELL_LINK} font-medium`} title={r.eventName}>
                  {r.eventName}
                </Link>
              </td>
              <td className={TD}>
                <span className="block max-w-32 truncate text-slate-700" title={r.serviceName}>{r.serviceName}</span>
              </td>
              <td className={TD}>
                {r.userName ? (
                  <Link href={eventsUrl({ ...w, user: r.userName })} className={CELL_LINK} title={r.userName}>
                    {r.userName}
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={TD}>
                {r.sourceIp ? (
                  <Link href={eventsUrl({ ...w, sourceIp: r.sourceIp })} className={`${CELL_LINK} font-mono text-xs`} title={r.sourceIp}>
                    {r.sourceIp}
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={TD}>
                {r.errorCode ? (
                  <span className="inline-block max-w-44 truncate rounded bg-red-50 px-1.5 py-0.5 align-middle text-xs text-red-700" title={r.errorCode}>
                    {r.errorCode}
                  </span>
                ) : (
                  <span className="text-xs text-emerald-700">Success</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
