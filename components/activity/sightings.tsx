import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { RegionSighting } from "@/lib/activity/sql";
import { regionName } from "@/lib/events/regions";

/** "Seen in other regions": links that switch the page to a region where the thing has events. */
export function Sightings({ sightings, hrefFor }: { sightings: RegionSighting[]; hrefFor: (region: string) => string }) {
  if (sightings.length === 0) return null;
  return (
    <div className="mx-auto mt-4 max-w-md text-left">
      <p className="text-xs font-medium text-slate-500">It has events in these regions (latest first):</p>
      <ul className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
        {sightings.map((s) => (
          <li key={s.region} className="flex items-center justify-between gap-3 px-3 py-1.5">
            <Link href={hrefFor(s.region)} className="text-orange-700 hover:underline">
              {regionName(s.region)} ({s.region})
            </Link>
            <span className="text-xs text-slate-500">
              last <LocalTime iso={s.lastSeen} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The designed empty state of an activity page: what was looked up, and where to look instead. */
export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="status" className="rounded-lg border border-slate-200 bg-white px-6 py-12 text-center shadow-xs">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-1 break-words text-slate-500 [unicode-bidi:isolate]">{children}</div>
    </div>
  );
}
