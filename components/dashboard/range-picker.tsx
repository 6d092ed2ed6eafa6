import Link from "next/link";
import { RANGE_PRESETS, type RangePreset } from "@/lib/events/filters";
import { dashboardHref } from "@/lib/stats/links";
import type { StackBy } from "@/lib/stats/window";

export const PRESET_LABELS: Record<RangePreset, string> = { "1h": "1 h", "24h": "24 h", "7d": "7 d", "30d": "30 d", "90d": "90 d" };
export const PRESET_WORDS: Record<RangePreset, string> = {
  "1h": "the last hour", "24h": "the last 24 hours", "7d": "the last 7 days", "30d": "the last 30 days", "90d": "the last 90 days",
};

/** The time range presets of /events, as links that keep the region and the chart's stacking. */
export function RangePicker({ region, range, stack }: { region: string; range?: RangePreset; stack: StackBy }) {
  return (
    <nav aria-label="Time range" className="flex rounded-md border border-slate-300 bg-slate-50 p-0.5">
      {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((p) => (
        <Link
          key={p}
          href={dashboardHref({ region, range: p, stack })}
          aria-current={range === p ? "true" : undefined}
          className={`rounded px-2.5 py-1 text-sm ${range === p ? "bg-white font-medium text-orange-700 shadow-xs" : "text-slate-600 hover:text-slate-900"}`}
        >
          {PRESET_LABELS[p]}
        </Link>
      ))}
    </nav>
  );
}
