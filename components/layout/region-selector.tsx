"use client";

import { Globe } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { eventsUrl } from "@/lib/events/events-url";
import { ALL_REGIONS } from "@/lib/events/filters";
import { DEFAULT_REGION, GLOBAL_EVENTS_REGION, REGIONS } from "@/lib/events/regions";

/** Pages that read `region` themselves: changing it reloads the page in that region, keeping its other parameters. */
const REGION_PAGES = [/^\/dashboard$/, /^\/events$/, /^\/users\/[^/]+$/, /^\/access-keys(\/[^/]+)?$/, /^\/resources$/];

/** The top bar's region: the `region` URL parameter of the event pages. */
export function RegionSelector() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const region = params.get("region") ?? DEFAULT_REGION;

  function change(next: string) {
    if (!REGION_PAGES.some((re) => re.test(pathname))) return router.push(eventsUrl({ region: next }));
    const q = new URLSearchParams(params.toString());
    q.set("region", next);
    q.delete("cursor");
    router.push(`${pathname}?${q.toString()}`);
  }

  return (
    <label className="flex items-center gap-2 text-slate-600">
      <Globe className="size-4" aria-hidden />
      <span className="sr-only">Region</span>
      <select
        aria-label="Region"
        value={region}
        onChange={(e) => change(e.target.value)}
        className="rounded-md border border-slate-300 bg-white py-1 pr-8 pl-2 text-sm text-slate-900 focus:border-orange-500 focus:outline-none"
      >
        {REGIONS.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({r.id}){r.id === GLOBAL_EVENTS_REGION ? " · global events" : ""}
          </option>
        ))}
        <option value={ALL_REGIONS}>All regions</option>
      </select>
    </label>
  );
}
