import { z } from "zod";
import { filtersFromUrl, filtersToUrl, TEXT_FILTER_KEYS, type FilterKey, type FilterValues } from "./filter-spec";
import { DEFAULT_REGION, REGION_IDS } from "./regions";
import { queryRetentionDays } from "@/lib/config/retention";

export const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_MS = DAY_MS;
export const PAGE_SIZE = 50;
/** `region=all` lists every region at once (ActionTrail makes you pick one; we allow both). */
export const ALL_REGIONS = "all";

/**
 * The conditions of an event query: where (region), when (the window), and every filter of
 * lib/events/filter-spec.ts that is given; every given one applies (AND).
 */
export type EventFilters = FilterValues & {
  region: string;
  /** Canonical ISO times, start inclusive, end inclusive. */
  start: string;
  end: string;
  /**
   * Read from this log store (`actiontrail_<trail>`) instead of the query store; the window may
   * then reach back to the log store's retention.
   */
  logStore?: string;
};

/** A log store the page can read from: a trail with its log store enabled. */
export interface LogStoreInfo {
  name: string;
  trail: string;
  retentionDays: number;
}

/** The text filters, in the order the page shows them (their URL parameter is their key). */
export const TEXT_FILTERS = TEXT_FILTER_KEYS;
export type TextFilter = FilterKey;

/** The URL state of /events (and the export route): the window, paging, source and every filter. Bad values fall back to defaults. */
export const ZEventSearchParams = z.object({
  region: z
    .string()
    .refine((r) => r === ALL_REGIONS || REGION_IDS.includes(r))
    .optional()
    .catch(undefined),
  range: z.enum(["1h", "24h", "7d", "30d", "90d"]).optional().catch(undefined),
  start: z.string().optional().catch(undefined),
  end: z.string().optional().catch(undefined),
  cursor: z.string().max(512).optional().catch(undefined),
  logStore: z
    .string()
    .trim()
    .max(512)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
});

/** Relative windows the page offers as presets (`range=7d`): always "the last …" when the link is opened. */
export const RANGE_PRESETS = { "1h": 3_600_000, "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, "90d": 90 * DAY_MS } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

export type RawSearchParams = Record<string, string | string[] | undefined>;

export interface ParsedEventSearch {
  filters: EventFilters;
  /** The preset the window came from, if any (no start/end given means the default, 24h). */
  range?: RangePreset;
  cursor?: string;
  /** What was wrong with the URL, said plainly; the query ran with the defaults instead. */
  problems: string[];
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseTime(value: string | undefined): Date | undefined | null {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * Parses the URL state. `logStores` are the log stores that exist (see listLogStores): a `logStore`
 * parameter naming one of them selects it as the source and its retention as the window limit.
 * `queryRetention`: the query store's retention in days (server side: queryRetentionDays(), which
 * reads TRAILKEEPER_QUERY_RETENTION_DAYS; the window never reaches further back).
 */
export function parseEventSearch(
  params: RawSearchParams | URLSearchParams,
  now: Date = new Date(),
  logStores: readonly LogStoreInfo[] = [],
  queryRetention: number = queryRetentionDays(),
): ParsedEventSearch {
  const flat: Record<string, string | undefined> = {};
  if (params instanceof URLSearchParams) params.forEach((v, k) => (flat[k] ??= v));
  else for (const [k, v] of Object.entries(params)) flat[k] = first(v);
  const p = ZEventSearchParams.parse(flat);
  const problems: string[] = [];

  if (flat.region && !p.region) problems.push(`Unknown region "${flat.region}"; showing ${DEFAULT_REGION}.`);

  const logStore = p.logStore ? logStores.find((s) => s.name === p.logStore) : undefined;
  if (p.logStore && !logStore) {
    problems.push(`There is no log store "${p.logStore}" (no trail with that log store enabled); showing the query store (${queryRetention} days).`);
  }
  const retentionDays = logStore?.retentionDays ?? queryRetention;
  const kept = logStore ? `The log store ${logStore.name} keeps events for ${retentionDays} days` : `Events are kept for ${queryRetention} days`;

  const end = parseTime(p.end);
  const start = parseTime(p.start);
  if (end === null) problems.push(`The end time "${p.end}" is not a date; using now.`);
  if (start === null) problems.push(`The start time "${p.start}" is not a date; using 24 hours before the end.`);
  let endDate = end ?? now;
  if (endDate.getTime() > now.getTime()) endDate = now;
  const range: RangePreset | undefined = start ? undefined : (p.range ?? (p.end ? undefined : "24h"));
  let startDate = start ?? new Date(endDate.getTime() - (range ? RANGE_PRESETS[range] : DEFAULT_WINDOW_MS));
  const oldest = now.getTime() - retentionDays * DAY_MS;
  if (startDate.getTime() >= endDate.getTime()) {
    problems.push("The start time is after the end time; showing the 24 hours before the end.");
    startDate = new Date(endDate.getTime() - DEFAULT_WINDOW_MS);
  }
  if (startDate.getTime() < oldest) {
    problems.push(`${kept}; the start time was moved to ${new Date(oldest).toISOString()}.`);
    startDate = new Date(oldest);
    if (endDate.getTime() <= startDate.getTime()) {
      endDate = now;
      problems.push(`The end time was also older than ${retentionDays} days; using now.`);
    }
  }

  const filters: EventFilters = {
    region: p.region ?? DEFAULT_REGION,
    start: startDate.toISOString(),
    end: endDate.toISOString(),
    ...filtersFromUrl(flat),
  };
  if (logStore) filters.logStore = logStore.name;
  return { filters, range, cursor: p.cursor, problems };
}

/** The URL query string of a filter set (the inverse of parseEventSearch), without the cursor. */
export function filtersToSearchParams(filters: Partial<EventFilters>): URLSearchParams {
  const out = new URLSearchParams();
  const spec = new Map(filtersToUrl(filters));
  // In the object's own order, so a link reads as it was built.
  for (const [k, v] of Object.entries(filters)) {
    if (spec.has(k)) out.set(k, spec.get(k)!);
    else if ((k === "region" || k === "start" || k === "end" || k === "logStore") && typeof v === "string" && v) out.set(k, v);
  }
  return out;
}
