// LookupEvents: ActionTrail's event query, on the same query code as the /events page.
import { createHash } from "node:crypto";
import { ALL_REGIONS, DAY_MS, RETENTION_DAYS, type EventFilters } from "@/lib/events/filters";
import { findEventPage } from "@/lib/events/query";
import { isRegionId } from "@/lib/events/regions";
import { invalidParameter, missingParameter } from "../errors";

export const DEFAULT_LOOKUP_WINDOW_MS = 7 * DAY_MS;
export const MAX_RESULTS = 50;

type TextKey = "eventId" | "eventName" | "service" | "user" | "resourceType" | "resourceName" | "accessKeyId" | "sourceIp";
const TEXT_ATTRIBUTES: Record<string, TextKey> = {
  EventId: "eventId",
  EventName: "eventName",
  ServiceName: "service",
  User: "user",
  ResourceType: "resourceType",
  ResourceName: "resourceName",
  EventAccessKeyId: "accessKeyId",
  SourceIpAddress: "sourceIp",
};
const EVENT_TYPES = ["ApiCall", "ConsoleSignin", "ConsoleOperation", "AliyunServiceEvent"];

interface NextTokenBody {
  c: string;
  h: string;
  s: string;
  e: string;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw invalidParameter(name, "Use ISO 8601, e.g. 2026-11-23T12:00:00Z.");
  return new Date(t);
}

/** The attribute filters of the request (every LookupAttribute.N given), without the window. */
export function parseAttributes(params: Record<string, string>): Omit<EventFilters, "region" | "start" | "end"> {
  const f: Omit<EventFilters, "region" | "start" | "end"> = {};
  for (const name of Object.keys(params)) {
    const m = /^LookupAttribute\.(\d+)\.Key$/.exec(name);
    if (!m) continue;
    const key = params[name];
    const valueName = `LookupAttribute.${m[1]}.Value`;
    const value = params[valueName];
    if (value === undefined || value === "") throw missingParameter(valueName);
    if (value.length > 512) throw invalidParameter(valueName, "At most 512 characters.");
    if (key in TEXT_ATTRIBUTES) f[TEXT_ATTRIBUTES[key]] = value;
    else if (key === "EventRW") {
      if (value !== "Read" && value !== "Write") throw invalidParameter(valueName, "EventRW is Read or Write.");
      f.eventRW = value;
    } else if (key === "EventType") {
      if (!EVENT_TYPES.includes(value)) throw invalidParameter(valueName, `EventType is one of ${EVENT_TYPES.join(", ")}.`);
      f.eventType = value;
    } else if (key === "SensitiveAction") {
      if (value !== "true" && value !== "false") throw invalidParameter(valueName, "SensitiveAction is true or false.");
      if (value === "true") f.sensitive = true;
    } else {
      throw invalidParameter(name, `Unknown key "${key}"; use one of ${[...Object.keys(TEXT_ATTRIBUTES), "EventRW", "EventType", "SensitiveAction"].join(", ")}.`);
    }
  }
  return f;
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

export async function lookupEvents(params: Record<string, string>, now: Date = new Date()): Promise<Record<string, unknown>> {
  const attrs = parseAttributes(params);
  const regionParam = params.RegionId ?? params.Region;
  const region = regionParam && isRegionId(regionParam) ? regionParam : ALL_REGIONS;

  let limit = MAX_RESULTS;
  if (params.MaxResults !== undefined && params.MaxResults !== "") {
    const n = Number(params.MaxResults);
    if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS) throw invalidParameter("MaxResults", "MaxResults is an integer from 1 to 50.");
    limit = n;
  }

  const startParam = params.StartTime ?? "";
  const endParam = params.EndTime ?? "";
  const hash = queryHash(attrs, region, startParam, endParam);

  let start: Date;
  let end: Date;
  let cursor: string | undefined;
  if (params.NextToken) {
    const t = decodeNextToken(params.NextToken);
    if (!t || t.h !== hash) throw invalidParameter("NextToken", "The token is malformed or belongs to another query.");
    start = new Date(t.s);
    end = new Date(t.e);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw invalidParameter("NextToken");
    cursor = t.c;
  } else {
    end = parseTime("EndTime", endParam) ?? now;
    start = parseTime("StartTime", startParam) ?? new Date(end.getTime() - DEFAULT_LOOKUP_WINDOW_MS);
  }
  if (start.getTime() < now.getTime() - RETENTION_DAYS * DAY_MS) {
    throw invalidParameter("StartTime", `Events are kept for ${RETENTION_DAYS} days; StartTime must be within them.`);
  }
  if (start.getTime() > end.getTime()) throw invalidParameter("StartTime", "StartTime is after EndTime.");

  const filters: EventFilters = { ...attrs, region, start: start.toISOString(), end: end.toISOString() };
  const page = await findEventPage(filters, { cursor, limit });
  const out: Record<string, unknown> = {
    Events: page.rows.map((r) => JSON.parse(r.raw) as unknown),
    StartTime: isoSeconds(start),
    EndTime: isoSeconds(end),
  };
  if (page.nextCursor) out.NextToken = encodeNextToken({ c: page.nextCursor, h: hash, s: start.toISOString(), e: end.toISOString() });
  return out;
}
