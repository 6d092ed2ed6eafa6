// LookupEvents: ActionTrail's event query, on the same query code as the /events page.
import { createHash } from "node:crypto";
import { LOOKUP_ATTRIBUTES, lookupFilter, readLookupValue } from "@/lib/events/filter-spec";
import { ALL_REGIONS, DAY_MS, type EventFilters } from "@/lib/events/filters";
import { queryRetentionDays } from "@/lib/config/retention";
import { buildEventPageQuery, countEvents, decodeCursor, encodeCursor, findEventPage, queryRows } from "@/lib/events/query";
import { isRegionId } from "@/lib/events/regions";
import { invalidParameter, missingParameter } from "../errors";
import { isoSeconds } from "../params";
import { CAN } from "@/lib/auth/roles";
import { read, type ActionTable, type ParamDoc } from "./define";
import { RawJson } from "../raw-json";

export const DEFAULT_LOOKUP_WINDOW_MS = 7 * DAY_MS;
export const MAX_RESULTS = 50;

interface NextTokenBody {
  c: string;
  h: string;
  s: string;
  e: string;
}

function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw invalidParameter(name, "Use ISO 8601, e.g. 2026-11-23T12:00:00Z.");
  return new Date(t);
}

/** The attribute filters of the request (every LookupAttribute.N given), without the window (lib/events/filter-spec.ts). */
export function parseAttributes(params: Record<string, string>): Omit<EventFilters, "region" | "start" | "end"> {
  const f: Record<string, string | true> = {};
  for (const name of Object.keys(params)) {
    const m = /^LookupAttribute\.(\d+)\.Key$/.exec(name);
    if (!m) continue;
    const key = params[name];
    const valueName = `LookupAttribute.${m[1]}.Value`;
    const value = params[valueName];
    if (value === undefined || value === "") throw missingParameter(valueName);
    const def = lookupFilter(key);
    if (!def) throw invalidParameter(name, `Unknown key "${key}"; use one of ${LOOKUP_ATTRIBUTES.join(", ")}.`);
    const read = readLookupValue(def, value);
    if (!read.ok) throw invalidParameter(valueName, read.message);
    if (read.value !== undefined) f[def.key] = read.value;
  }
  return f as Omit<EventFilters, "region" | "start" | "end">;
}

/** A hash of everything that selects the result (not the page size): a NextToken is bound to it. */
function queryHash(attrs: Record<string, unknown>, region: string, startParam: string, endParam: string): string {
  const sorted = Object.fromEntries(Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash("sha256").update(JSON.stringify([sorted, region, startParam, endParam])).digest("base64url").slice(0, 22);
}

export function encodeNextToken(t: NextTokenBody): string {
  return Buffer.from(JSON.stringify(t)).toString("base64url");
}

function decodeNextToken(token: string): NextTokenBody | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<NextTokenBody>;
    if (typeof t.c !== "string" || typeof t.h !== "string" || typeof t.s !== "string" || typeof t.e !== "string") return undefined;
    return t as NextTokenBody;
  } catch {
    return undefined;
  }
}

type Direction = "BACKWARD" | "FORWARD";

function parseDirection(params: Record<string, string>): Direction {
  const d = params.Direction;
  if (d === undefined || d === "") return "BACKWARD";
  if (d !== "BACKWARD" && d !== "FORWARD") throw invalidParameter("Direction", "Direction is FORWARD (oldest first) or BACKWARD (newest first, the default).");
  return d;
}

/** The region of a lookup: RegionId when it names one, else every region. */
function lookupRegion(params: Record<string, string>): string {
  const regionParam = params.RegionId ?? params.Region;
  return regionParam && isRegionId(regionParam) ? regionParam : ALL_REGIONS;
}

/** StartTime/EndTime with ActionTrail's defaults (the last 7 days) and limit (at most the query store's retention back). */
function parseWindow(params: Record<string, string>, now: Date): { start: Date; end: Date } {
  const end = parseTime("EndTime", params.EndTime) ?? now;
  const start = parseTime("StartTime", params.StartTime) ?? new Date(end.getTime() - DEFAULT_LOOKUP_WINDOW_MS);
  checkWindow(start, end, now);
  return { start, end };
}

function checkWindow(start: Date, end: Date, now: Date): void {
  const days = queryRetentionDays();
  if (start.getTime() < now.getTime() - days * DAY_MS) {
    throw invalidParameter("StartTime", `Events are kept for ${days} days; StartTime must be within them.`);
  }
  if (start.getTime() > end.getTime()) throw invalidParameter("StartTime", "StartTime is after EndTime.");
}

export async function lookupEvents(params: Record<string, string>, now: Date = new Date()): Promise<Record<string, unknown>> {
  const attrs = parseAttributes(params);
  const region = lookupRegion(params);
  const direction = parseDirection(params);

  let limit = MAX_RESULTS;
  if (params.MaxResults !== undefined && params.MaxResults !== "") {
    const n = Number(params.MaxResults);
    if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS) throw invalidParameter("MaxResults", "MaxResults is an integer from 1 to 50.");
    limit = n;
  }

  // The direction selects a different sequence, so a token of one direction cannot continue the other.
  const hash = queryHash({ ...attrs, direction }, region, params.StartTime ?? "", params.EndTime ?? "");

  let start: Date;
  let end: Date;
  let cursor: string | undefined;
  if (params.NextToken) {
    const t = decodeNextToken(params.NextToken);
    if (!t || t.h !== hash) throw invalidParameter("NextToken", "The token is malformed or belongs to another query.");
    start = new Date(t.s);
    end = new Date(t.e);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw invalidParameter("NextToken");
    checkWindow(start, end, now);
    cursor = t.c;
  } else {
    ({ start, end } = parseWindow(params, now));
  }

  const filters: EventFilters = { ...attrs, region, start: start.toISOString(), end: end.toISOString() };
  let rows: { raw: string }[];
  let next: string | undefined;
  if (direction === "BACKWARD") {
    const page = await findEventPage(filters, { cursor, limit });
    rows = page.rows;
    next = page.nextCursor;
  } else {
    // Oldest first: the keyset walks up from the start of the window.
    const after = (cursor ? decodeCursor(cursor)?.after : undefined) ?? { eventTime: filters.start, id: 0 };
    const found = await queryRows(buildEventPageQuery(filters, { after, direction: "prev", limit: limit + 1 }));
    const more = found.length > limit;
    if (more) found.pop();
    rows = found;
    if (more) next = encodeCursor(found[found.length - 1], "prev");
  }
  const out: Record<string, unknown> = {
    // The stored text itself, never parsed and serialised again (see lib/openapi/raw-json.ts).
    Events: rows.map((r) => new RawJson(r.raw)),
    StartTime: isoSeconds(start),
    EndTime: isoSeconds(end),
  };
  if (next) out.NextToken = encodeNextToken({ c: next, h: hash, s: start.toISOString(), e: end.toISOString() });
  return out;
}

/**
 * GetEventsCount: how many events match, over the same attributes and window as LookupEvents (ActionTrail
 * documents the action without its parameters; Trailkeeper takes LookupEvents' and answers `EventsCount`).
 */
export async function getEventsCount(params: Record<string, string>, now: Date = new Date()): Promise<Record<string, unknown>> {
  const attrs = parseAttributes(params);
  const { start, end } = parseWindow(params, now);
  const count = await countEvents({ ...attrs, region: lookupRegion(params), start: start.toISOString(), end: end.toISOString() });
  return { EventsCount: count, StartTime: isoSeconds(start), EndTime: isoSeconds(end) };
}

const LOOKUP_ATTRIBUTES_TEXT = `LookupAttribute.N.Key / .Value, N = 1, 2, …: ${LOOKUP_ATTRIBUTES.map((a) => (a === "SensitiveAction" ? "SensitiveAction (true)" : a)).join(", ")}. Every attribute given applies (ActionTrail keeps two).`;
const WINDOW: ParamDoc = { name: "StartTime, EndTime", text: "ISO 8601 UTC, e.g. 2026-11-23T08:00:00Z. Default: the last 7 days. StartTime at most 90 days back." };

export const EVENT_ACTIONS: ActionTable = {
  LookupEvents: read(CAN.readEvents, (p, c) => lookupEvents(p, c.now), {
    group: "Events",
    summary: "Events of the last 90 days, newest first, with the same query code as the Event Detail Query page.",
    params: [
      { name: "LookupAttribute.N.Key/Value", text: LOOKUP_ATTRIBUTES_TEXT },
      WINDOW,
      { name: "MaxResults", text: "1–50, default 50." },
      { name: "NextToken", text: "From the previous page; only valid with the same attributes, times and Direction." },
      { name: "Direction", text: "BACKWARD (newest first, default) or FORWARD (oldest first)." },
      { name: "RegionId", text: "Limits to one region's events (global events are listed under ap-southeast-1). Absent: every region." },
    ],
    returns: "Events (each event's stored JSON, exactly as ingested), NextToken (absent on the last page), StartTime, EndTime.",
    example: { params: { "LookupAttribute.1.Key": "EventRW", "LookupAttribute.1.Value": "Write", MaxResults: "10" } },
  }),
  GetEventsCount: read(CAN.readEvents, (p, c) => getEventsCount(p, c.now), {
    group: "Events",
    summary: "How many events match: the same attributes, window and RegionId as LookupEvents.",
    params: [{ name: "LookupAttribute.N.Key/Value", text: "As for LookupEvents." }, { ...WINDOW, text: "As for LookupEvents." }],
    returns: "EventsCount, StartTime, EndTime.",
    example: { params: { "LookupAttribute.1.Key": "EventRW", "LookupAttribute.1.Value": "Write" } },
  }),
};
