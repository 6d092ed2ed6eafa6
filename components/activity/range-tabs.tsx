import Link from "next/link";
import { RANGE_PRESETS, type RangePreset } from "@/lib/events/filters";

const LABELS: Record<RangePreset, string> = { "1h": "1 hour", "24h": "24 hours", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

/** The window presets of an activity page, as links that keep every other URL parameter. */
export function RangeTabs({ path, current, params }: { path: string; current?: RangePreset; params: Record<string, string | undefined> }) {
  return (
    <nav aria-label="Time range" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
      {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((r) => {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) if (v && k !== "start" && k !== "end" && k !== "range") q.set(k, v);
        q.set("range", r);
        const active = r === current;
        return (
          <Link
            key={r}
            href={`${path}?${q.toString()}`}
            aria-current={active ? "true" : undefined}
            className={`rounded px-2.5 py-1 ${active ? "bg-orange-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {LABELS[r]}
          </Link>
        );
      })}
    </nav>
  );
}
