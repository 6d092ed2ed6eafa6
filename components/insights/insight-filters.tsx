import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { INSIGHT_LABELS, INSIGHT_TYPES } from "@/lib/insights/config";
import type { TInsightSearch } from "@/lib/insights/insights";

const RANGE_LABELS = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" } as const;

/** The /insights conditions as a plain GET form: the URL is the filter state, and it works without JS. */
export function InsightFilters({ search }: { search: TInsightSearch }) {
  return (
    <form method="get" action="/insights" role="search" aria-label="Insight filters" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <Field label="Type" htmlFor="insight-type" className="w-56">
        <Select id="insight-type" name="type" defaultValue={search.type ?? ""}>
          <option value="">All types</option>
          {INSIGHT_TYPES.map((t) => (
            <option key={t} value={t}>
              {INSIGHT_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Subject (user or AccessKey ID)" htmlFor="insight-subject" className="w-72">
        <Input id="insight-subject" name="subject" defaultValue={search.subject ?? ""} maxLength={256} placeholder="e.g. alice.wang" />
      </Field>
      <Field label="Time" htmlFor="insight-range" className="w-44">
        <Select id="insight-range" name="range" defaultValue={search.range}>
          {Object.entries(RANGE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit">Search</Button>
      <ButtonLink href="/insights" variant="ghost">
        Reset
      </ButtonLink>
    </form>
  );
}
