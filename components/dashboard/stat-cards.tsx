import { Activity, AlertOctagon, PenLine, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";
import type { LinkFilter } from "@/lib/stats/links";
import type { Totals } from "@/lib/stats/dashboard";

const int = (n: number) => n.toLocaleString("en-US");
const share = (n: number, of: number) => (!n || !of ? "none in this window" : `${((n / of) * 100).toFixed(n / of < 0.01 ? 2 : 1)}% of events`);

/** The window's totals, each a link to the events it counts. */
export function StatCards({ window: w, totals }: { window: EventScope; totals: Totals }) {
  const cards: { label: string; value: number; note: string; filter: LinkFilter; icon: typeof Activity; tone: string }[] = [
    { label: "Events", value: totals.events, note: `${int(totals.read)} read · ${int(totals.write)} write`, filter: {}, icon: Activity, tone: "text-slate-500" },
    { label: "Write events", value: totals.write, note: share(totals.write, totals.events), filter: { eventRW: "Write" }, icon: PenLine, tone: "text-orange-600" },
    { label: "Failed events", value: totals.errors, note: share(totals.errors, totals.events), filter: { errorCode: "*" }, icon: AlertOctagon, tone: "text-red-600" },
    { label: "Sensitive operations", value: totals.sensitive, note: share(totals.sensitive, totals.events), filter: { sensitive: true }, icon: ShieldAlert, tone: "text-amber-600" },
  ];
  return (
    <ul aria-label="Totals" className="grid grid-cols-2 gap-4 xl:grid-cols-4">
      {cards.map(({ label, value, note, filter, icon: Icon, tone }) => (
        <li key={label}>
          <Link
            href={eventsUrl({ ...w, ...filter })}
            className="block h-full rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs transition-colors hover:border-orange-300"
          >
            <span className="flex items-center justify-between text-sm text-slate-600">
              {label}
              <Icon className={`size-4 ${tone}`} aria-hidden />
            </span>
            <span className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900">{int(value)}</span>
            <span className="block text-xs text-slate-500">{note}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
