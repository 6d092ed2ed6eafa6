// LookupEvents: ActionTrail's event query, on the same query code as the /events page. Past the query
// store's retention it reads a trail's log store when the request names the trail (TrailName): the query
// store for the part of the window it keeps, the log store for the older part, one NextToken across both
// (docs/actiontrail.md "LookupEvents").
import { createHash } from "node:crypto";
import { LOOKUP_ATTRIBUTES, lookupFilter, readLookupValue } from "@/lib/events/filter-spec";
import { ALL_REGIONS, DAY_MS, type EventFilters } from "@/lib/events/filters";
import { queryRetentionDays } from "@/lib/config/retention";
import { encodeCursor } from "@/lib/events/query";
import { logStoreName } from "@/lib/delivery/log-store";
import { getTrail } from "@/lib/trails/trails";
import { isRegionId } from "@/lib/events/regions";
import { invalidParameter, missingParameter, trailNotFound } from "../errors";
import { isoSeconds } from "../params";
import { CAN } from "@/lib/auth/roles";
import { read, type ActionTable, type ParamDoc } from "./define";
import { RawJson } from "../raw-json";
import { eventStore } from "@/lib/events/event-store";

export const DEFAULT_LOOKUP_WINDOW_MS = 7 * DAY_MS;
export const MAX_RESULTS = 50;

/** Which store a page reads: the query store, or the named trail's log store (its older part). */
type Phase = "q" | "l";

interface NextTokenBody {
  /** The cursor within the phase ("" = its start). */
  c: string;
  h: string;
  s: string;
  e: string;
  /** With TrailName: the phase the cursor is in, and the split time (frozen at the first page). */
  p?: Phase;
  x?: string;
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
    if (t.p !== undefined && t.p !== "q" && t.p !== "l") return undefined;
    if (t.x !== undefined && (typeof t.x !== "string" || Number.isNaN(Date.parse(t.x)))) return undefined;
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

/** The trail whose log store a lookup may read (TrailName), with that log store's retention. */
interface LogStoreSource {
  trail: string;
  logStore: string;
  retentionDays: number;
}

async function logStoreSource(params: Record<string, string>): Promise<LogStoreSource | undefined> {
  const name = params.TrailName;
  if (name === undefined || name === "") return undefined;
  if (name.length > 64) throw invalidParameter("TrailName", "TrailName is at most 64 characters.");
  const trail = await getTrail(name);
  if (!trail) throw trailNotFound(name);
  if (!trail.logStoreEnabled) throw invalidParameter("TrailName", `The trail ${name} has no log store to read older events from.`);
  return { trail: name, logStore: logStoreName(name), retentionDays: trail.logStoreRetentionDays };
}

/** StartTime/EndTime with ActionTrail's defaults (the last 7 days) and limit (the retention of what is read). */
function parseWindow(params: Record<string, string>, now: Date, source?: LogStoreSource): { start: Date; end: Date } {
  const end = parseTime("EndTime", params.EndTime) ?? now;
  const start = parseTime("StartTime", params.StartTime) ?? new Date(end.getTime() - DEFAULT_LOOKUP_WINDOW_MS);
  checkWindow(start, end, now, source);
  return { start, end };
}

function checkWindow(start: Date, end: Date, now: Date, source?: LogStoreSource): void {
  const days = queryRetentionDays();
  if (source) {
    if (start.getTime() < now.getTime() - source.retentionDays * DAY_MS) {
      throw invalidParameter("StartTime", `The log store ${source.logStore} keeps events for ${source.retentionDays} days; StartTime must be within them.`);
    }
  } else if (start.getTime() < now.getTime() - days * DAY_MS) {
    throw invalidParameter("StartTime", `Events are kept for ${days} days; StartTime must be within them, or name a trail whose log store keeps older events (TrailName).`);
  }
  if (start.getTime() > end.getTime()) throw invalidParameter("StartTime", "StartTime is after EndTime.");
}

/**
 * The parts of the window each store answers: the query store from the split time (the start of its
 * retention) on, the log store before it. Events of the log store's part never come from the query store
 * and the other way round, so none is listed twice.
 */
function phaseFilters(base: EventFilters, phase: Phase, split: string | undefined, source: LogStoreSource | undefined): EventFilters | undefined {
  if (!source || split === undefined) return phase === "q" ? base : undefined;
  if (phase === "q") {
    if (base.end < split) return undefined;
    return { ...base, start: base.start > split ? base.start : split };
  }
  if (base.start >= split) return undefined;
  const before = new Date(Date.parse(split) - 1).toISOString();
  return { ...base, logStore: source.logStore, end: base.end < before ? base.end : before };
}

/** One store's page in the direction asked: its rows in that order and the cursor to go on, if any. */
async function pageOf(f: EventFilters, direction: Direction, cursor: string, limit: number): Promise<{ rows: { raw: string }[]; next?: string }> {
  if (direction === "BACKWARD") {
    const page = await eventStore().page(f, { cursor: cursor || undefined, limit });
    return { rows: page.rows, next: page.nextCursor };
  }
  // Oldest first: the keyset walks up from the start of the window (a "newer" page of the same query code).
  const page = await eventStore().page(f, { cursor: cursor || encodeCursor({ eventTime: f.start, id: 0 }, "prev"), limit });
  return { rows: [...page.rows].reverse(), next: page.prevCursor };
}

export async function lookupEvents(params: Record<string, string>, now: Date = new Date()): Promise<Record<string, unknown>> {
  const attrs = parseAttributes(params);
  const region = lookupRegion(params);
  const direction = parseDirection(params);
  const source = await logStoreSource(params);

  let limit = MAX_RESULTS;
  if (params.MaxResults !== undefined && params.MaxResults !== "") {
    const n = Number(params.MaxResults);
    if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS) throw invalidParameter("MaxResults", "MaxResults is an integer from 1 to 50.");
    limit = n;
  }

  // The direction and the source select a different sequence, so a token of one cannot continue another.
  const hash = queryHash({ ...attrs, direction, ...(source ? { trailName: source.trail } : {}) }, region, params.StartTime ?? "", params.EndTime ?? "");

  let start: Date;
  let end: Date;
  let cursor = "";
  let phase: Phase | undefined;
  let split: string | undefined;
  if (params.NextToken) {
    const t = decodeNextToken(params.NextToken);
    if (!t || t.h !== hash || (source ? t.p === undefined || t.x === undefined : t.p !== undefined)) {
      throw invalidParameter("NextToken", "The token is malformed or belongs to another query.");
    }
    start = new Date(t.s);
    end = new Date(t.e);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw invalidParameter("NextToken");
    checkWindow(start, end, now, source);
    cursor = t.c;
    phase = t.p;
    split = t.x;
  } else {
    ({ start, end } = parseWindow(params, now, source));
    // Frozen for the whole walk: the boundary must not move between pages.
    if (source) split = new Date(now.getTime() - queryRetentionDays() * DAY_MS).toISOString();
  }

  const base: EventFilters = { ...attrs, region, start: start.toISOString(), end: end.toISOString() };
  const order: Phase[] = direction === "BACKWARD" ? ["q", "l"] : ["l", "q"];
  const rows: { raw: string }[] = [];
  let next: { phase: Phase; cursor: string } | undefined;
  for (let i = phase ? order.indexOf(phase) : 0; i < order.length; i++) {
    const f = phaseFilters(base, order[i], split, source);
    if (!f) continue;
    if (rows.length >= limit) {
      // The page is full: the next store is read by the next page.
      next = { phase: order[i], cursor: "" };
      break;
    }
    const page = await pageOf(f, direction, cursor, limit - rows.length);
    rows.push(...page.rows);
    cursor = "";
    if (page.next) {
      next = { phase: order[i], cursor: page.next };
      break;
    }
  }
  const out: Record<string, unknown> = {
    // The stored text itself, never parsed and serialised again (see lib/openapi/raw-json.ts).
    Events: rows.map((r) => new RawJson(r.raw)),
    StartTime: isoSeconds(start),
    EndTime: isoSeconds(end),
  };
  if (next) {
    out.NextToken = encodeNextToken({ c: next.cursor, h: hash, s: start.toISOString(), e: end.toISOString(), ...(source ? { p: next.phase, x: split } : {}) });
  }
  return out;
}

/**
 * GetEventsCount: how many events match, over the same attributes and window as LookupEvents (ActionTrail
 * documents the action without its parameters; Trailkeeper takes LookupEvents' and answers `EventsCount`).
 */
export async function getEventsCount(params: Record<string, string>, now: Date = new Date()): Promise<Record<string, unknown>> {
  const attrs = parseAttributes(params);
  const { start, end } = parseWindow(params, now);
  const count = await eventStore().count({ ...attrs, region: lookupRegion(params), start: start.toISOString(), end: end.toISOString() });
  return { EventsCount: count, StartTime: isoSeconds(start), EndTime: isoSeconds(end) };
}

const LOOKUP_ATTRIBUTES_TEXT = `LookupAttribute.N.Key / .Value, N = 1, 2, …: ${LOOKUP_ATTRIBUTES.map((a) => (a === "SensitiveAction" ? "SensitiveAction (true)" : a)).join(", ")}. Every attribute given applies (ActionTrail keeps two).`;
const WINDOW: ParamDoc = { name: "StartTime, EndTime", text: "ISO 8601 UTC, e.g. 2026-11-23T08:00:00Z. Default: the last 7 days. StartTime at most 90 days back (the query store's retention), or the log store's retention with TrailName." };

export const EVENT_ACTIONS: ActionTable = {
  LookupEvents: read(CAN.readEvents, (p, c) => lookupEvents(p, c.now), {
    group: "Events",
    summary: "Events of the last 90 days, newest first, with the same query code as the Event Detail Query page; older ones from a trail's log store with TrailName.",
    params: [
      { name: "LookupAttribute.N.Key/Value", text: LOOKUP_ATTRIBUTES_TEXT },
      WINDOW,
      { name: "MaxResults", text: "1–50, default 50." },
      { name: "NextToken", text: "From the previous page; only valid with the same attributes, times and Direction." },
      { name: "Direction", text: "BACKWARD (newest first, default) or FORWARD (oldest first)." },
      { name: "RegionId", text: "Limits to one region's events (global events are listed under ap-southeast-1). Absent: every region." },
      {
        name: "TrailName",
        text: "Trailkeeper's: a trail with a log store. The part of the window older than the query store's retention is read from its log store (actiontrail_<TrailName>), the rest from the query store; NextToken goes on across both, no event twice.",
      },
    ],
    returns: "Events (each event's stored JSON, exactly as ingested), NextToken (absent on the last page), StartTime, EndTime.",
    errors: [
      { code: "TrailNotFoundException", status: 404, when: "TrailName names no trail." },
      { code: "InvalidParameter", status: 400, when: "A bad attribute, time, MaxResults, Direction or NextToken; StartTime past the retention; a TrailName without a log store." },
    ],
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
