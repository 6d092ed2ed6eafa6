"use client";

import { format } from "date-fns";
import { Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { ProblemNotes } from "@/components/ui/problem-notes";
import { eventsUrl, type EventsLink } from "@/lib/events/events-url";
import { FILTER_SPEC, filterDef } from "@/lib/events/filter-spec";
import { DAY_MS, RANGE_PRESETS, type EventFilters, type LogStoreInfo, type RangePreset } from "@/lib/events/filters";

type Suggestions = { service: string[]; eventName: string[]; resourceType: string[] };

/** The text filters of lib/events/filter-spec.ts, in its order, with its labels. */
const TEXT_FIELDS = FILTER_SPEC.filter((d) => d.field === "text");

const PRESET_LABELS: Record<RangePreset, string> = { "1h": "1 h", "24h": "24 h", "7d": "7 d", "30d": "30 d", "90d": "90 d" };

/** datetime-local wants local wall time without a zone. */
function toLocalInput(iso: string) {
  return format(new Date(iso), "yyyy-MM-dd'T'HH:mm");
}

export function EventFiltersForm({
  filters,
  range,
  problems,
  suggestions,
  logStores = [],
  defaultLogStore,
  queryRetentionDays,
}: {
  filters: EventFilters;
  range?: RangePreset;
  problems: string[];
  suggestions: Suggestions;
  /** The log stores the Source selector offers besides the query store. */
  logStores?: LogStoreInfo[];
  /** The default trail's log store: marked, and the source of windows the query store no longer holds. */
  defaultLogStore?: string;
  /** The query store's retention in days (lib/config/retention.ts, read on the server). */
  queryRetentionDays: number;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<RangePreset | "custom">(range ?? "custom");
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState(filters.logStore ?? "");
  const sourceStore = logStores.find((s) => s.name === source);
  const retentionDays = sourceStore?.retentionDays ?? queryRetentionDays;

  function navigate(form: HTMLFormElement, nextMode = mode) {
    const data = new FormData(form);
    // In this order: region, source, window, then the filters in the spec's order.
    const link: EventsLink = { region: filters.region, logStore: String(data.get("logStore") ?? "") || undefined };
    if (nextMode === "custom") {
      const start = String(data.get("start") ?? "");
      const end = String(data.get("end") ?? "");
      const startMs = Date.parse(start);
      const endMs = end ? Date.parse(end) : Date.now();
      if (!start || Number.isNaN(startMs)) return setError("Enter a start time.");
      if (Number.isNaN(endMs)) return setError("The end time is not a valid date.");
      if (startMs >= endMs) return setError("The start time must be before the end time.");
      if (startMs < Date.now() - retentionDays * DAY_MS) {
        const after = format(Date.now() - retentionDays * DAY_MS + 60_000, "yyyy-MM-dd HH:mm");
        return setError(
          sourceStore
            ? `The log store ${sourceStore.name} keeps events for ${retentionDays} days: choose a start time after ${after}.`
            : `Events are kept for ${queryRetentionDays} days: choose a start time after ${after}. Older events have left the query store; pick a trail's log store as the source to search them.`,
        );
      }
      link.start = new Date(startMs).toISOString();
      if (end) link.end = new Date(endMs).toISOString();
    } else if (nextMode !== "24h") {
      link.range = nextMode;
    }
    link.eventRW = String(data.get("eventRW") ?? "") || undefined;
    link.origin = String(data.get("origin") ?? "") || undefined;
    for (const { key } of TEXT_FIELDS) link[key] = String(data.get(key) ?? "").trim() || undefined;
    if (data.get("sensitive")) link.sensitive = true;
    setError(null);
    router.push(eventsUrl(link));
  }

  return (
    <form
      role="search"
      aria-label="Event filters"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(e.currentTarget);
      }}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
    >
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Source" htmlFor="filter-logStore" className="w-80">
          <Select
            id="filter-logStore"
            name="logStore"
            value={source}
            onChange={(e) => {
              setSource(e.target.value);
              // A preset keeps its meaning on either source: search again at once.
              if (mode !== "custom") navigate(e.currentTarget.form!);
            }}
          >
            <option value="">Query store ({queryRetentionDays} days)</option>
            {logStores.map((s) => (
              <option key={s.name} value={s.name}>
                Log store {s.name} ({s.retentionDays} days){s.name === defaultLogStore ? ", default trail" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="min-w-0">
          <legend className="mb-1 text-xs font-medium text-slate-600">Time range</legend>
          <div className="flex flex-wrap rounded-md border border-slate-300 bg-slate-50 p-0.5" role="group">
            {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={mode === p}
                onClick={(e) => {
                  setMode(p);
                  navigate(e.currentTarget.form!, p);
                }}
                className={`rounded px-2.5 py-1 text-sm ${mode === p ? "bg-white font-medium text-orange-700 shadow-xs" : "text-slate-600 hover:text-slate-900"}`}
              >
                {PRESET_LABELS[p]}
              </button>
            ))}
            <button
              type="button"
              aria-pressed={mode === "custom"}
              onClick={() => setMode("custom")}
              className={`rounded px-2.5 py-1 text-sm ${mode === "custom" ? "bg-white font-medium text-orange-700 shadow-xs" : "text-slate-600 hover:text-slate-900"}`}
            >
              Custom
            </button>
          </div>
        </fieldset>
        {mode === "custom" && (
          <>
            <Field label="Start" htmlFor="filter-start">
              <Input
                id="filter-start"
                name="start"
                type="datetime-local"
                defaultValue={toLocalInput(filters.start)}
                aria-describedby="filter-time-error"
              />
            </Field>
            <Field label="End" htmlFor="filter-end">
              <Input id="filter-end" name="end" type="datetime-local" defaultValue={toLocalInput(filters.end)} aria-describedby="filter-time-error" />
            </Field>
          </>
        )}
        <Field label={filterDef("eventRW").label} htmlFor="filter-eventRW" className="w-36">
          <Select id="filter-eventRW" name="eventRW" defaultValue={filters.eventRW ?? ""}>
            <option value="">All</option>
            {filterDef("eventRW").choices!.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </Select>
        </Field>
        <Field label={filterDef("origin").label} htmlFor="filter-origin" className="w-36">
          <Select id="filter-origin" name="origin" defaultValue={filters.origin ?? ""}>
            <option value="">Any</option>
            {filterDef("origin").choices!.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </Select>
        </Field>
        <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" name="sensitive" defaultChecked={filters.sensitive === true} className="size-4 accent-orange-600" />
          {filterDef("sensitive").label}
        </label>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
        {TEXT_FIELDS.map((f) => (
          <Field key={f.key} label={f.label} htmlFor={`filter-${f.key}`}>
            <Input
              id={`filter-${f.key}`}
              name={f.key}
              defaultValue={filters[f.key] ?? ""}
              placeholder={f.placeholder}
              list={"suggestions" in f ? `suggest-${f.suggestions}` : undefined}
              autoComplete="off"
              maxLength={512}
            />
          </Field>
        ))}
        <div className="flex items-end gap-2">
          <Button type="submit">
            <Search className="size-4" aria-hidden /> Search
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setError(null);
              router.push(eventsUrl({ region: filters.region, logStore: source || undefined }));
            }}
          >
            <X className="size-4" aria-hidden /> Reset
          </Button>
        </div>
      </div>
      {(["service", "eventName", "resourceType"] as const).map((k) => (
        <datalist key={k} id={`suggest-${k}`}>
          {suggestions[k].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      ))}
      {error && (
        <p id="filter-time-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {error}
        </p>
      )}
      <ProblemNotes problems={problems} />
    </form>
  );
}
