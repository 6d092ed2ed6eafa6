// The insight actions of the compatible API and the default trail, on lib/insights: per-trail insight
// selectors, the insight events in ActionTrail's format (LookupInsightEvents, counts, IPs, time series)
// and the IP allow/deny lists (lib/insights/ip-lists.ts). Field names, types and paging follow the
// generated V2 SDK models where ActionTrail publishes them; the rest are Trailkeeper's, in the same
// style (docs/insight-events.md "The API").
import { createHash } from "node:crypto";
import { CAN } from "@/lib/auth/roles";
import { ownAccountId } from "@/lib/config/account";
import { AppError } from "@/lib/errors";
import { countInsightEvents, findInsightEventPage, insightCountsPerPeriod, insightIps, type InsightEventFilter } from "@/lib/insights/insight-event-query";
import { ACTIONTRAIL_INSIGHT_TYPES, isActionTrailInsightType } from "@/lib/insights/insight-events";
import { addIpListEntry, listIpListEntries, MAX_IP_LIST_ENTRIES, removeIpListEntry, type IpListKind } from "@/lib/insights/ip-lists";
import { getDefaultTrail, getTrailInsights, insightTypesFor, listInsightEnabledTrails, putInsightSelectors, removeDefaultTrail, setDefaultTrail, type TrailInsights } from "@/lib/insights/trail-insights";
import { parseCidr } from "@/lib/net/cidr";
import { invalidParameter, missingParameter, trailNotFound } from "../errors";
import { isoSeconds, optional, optionalInteger, required, type Params } from "../params";
import { EXAMPLE_TRAIL, read, write, type ActionContext, type ActionTable, type ErrorDoc, type ParamDoc } from "./define";

const DAY_MS = 86_400_000;
/** LookupInsightEvents: a longer window is cut to its last 93 days (ActionTrail's rule). */
export const MAX_LOOKUP_DAYS = 93;
const DEFAULT_LOOKUP_DAYS = 7;
const MAX_SELECTORS_CHARS = 4_096;
const MAX_IPS_PER_CALL = 100;
const MAX_DATAPOINTS = 1_440;
const MAX_NOTE_CHARS = 200;

function trailArn(t: Pick<TrailInsights, "name" | "homeRegion">): string {
  return `acs:actiontrail:${t.homeRegion}:${ownAccountId()}:trail/${t.name}`;
}

function parseTime(p: Params, name: string): Date | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  const t = Date.parse(v);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(v) || Number.isNaN(t)) throw invalidParameter(name, "Use yyyy-MM-ddTHH:mm:ssZ (UTC), e.g. 2026-11-23T08:00:00Z.");
  return new Date(t);
}

/** The insight types a call covers: TrailName's, else the default trail's, else all. */
async function typesOf(p: Params) {
  const name = optional(p, "TrailName") || undefined;
  if (name && !(await getTrailInsights(name))) throw trailNotFound(name);
  return insightTypesFor(name);
}

/** StartTime/EndTime or Date (yyyy-MM-dd, which wins) for the counts; default the last 24 hours. */
function countWindow(p: Params, now: Date): { start: Date; end: Date } {
  const date = optional(p, "Date");
  if (date) {
    if (!/^\d{4}-\d\d-\d\d$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw invalidParameter("Date", "Use yyyy-MM-dd, e.g. 2026-11-23.");
    const start = new Date(`${date}T00:00:00.000Z`);
    return { start, end: new Date(start.getTime() + DAY_MS - 1) };
  }
  const end = parseTime(p, "EndTime") ?? now;
  const start = parseTime(p, "StartTime") ?? new Date(end.getTime() - DAY_MS);
  if (start > end) throw invalidParameter("StartTime", "StartTime is after EndTime.");
  return { start, end };
}

// ---- selectors -------------------------------------------------------------------------------------

/** InsightSelectors: a JSON array of {"insightType": …} objects, as the SDK sends it. */
function parseSelectorsParam(p: Params): string[] {
  const text = required(p, "InsightSelectors");
  if (text.length > MAX_SELECTORS_CHARS) throw invalidParameter("InsightSelectors", `At most ${MAX_SELECTORS_CHARS} characters.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidParameter("InsightSelectors", 'It is not JSON; use e.g. [{"insightType":"IpInsight"},{"insightType":"AkInsight"}].');
  }
  if (!Array.isArray(value)) throw invalidParameter("InsightSelectors", 'Use a JSON array, e.g. [{"insightType":"IpInsight"}]; [] turns insights off.');
  return value.map((item, i) => {
    const type = item && typeof item === "object" ? (item as Record<string, unknown>).insightType : undefined;
    if (!isActionTrailInsightType(type)) throw invalidParameter("InsightSelectors", `Item ${i + 1}: insightType is one of ${ACTIONTRAIL_INSIGHT_TYPES.join(", ")}.`);
    return type;
  });
}

async function putInsightSelectorsAction(p: Params, ctx: ActionContext) {
  const name = required(p, "TrailName");
  const types = parseSelectorsParam(p);
  if (!(await getTrailInsights(name))) throw trailNotFound(name);
  const t = await putInsightSelectors(name, types, { actor: ctx.actor });
  return { InsightSelectors: t.selectors, TrailArn: trailArn(t) };
}

/** The named trail, else the default trail (Trailkeeper: TrailName may be left out when one is set). */
async function namedOrDefault(p: Params): Promise<TrailInsights> {
  const name = optional(p, "TrailName") || undefined;
  if (!name) {
    const d = await getDefaultTrail();
    if (!d) throw missingParameter("TrailName");
    return d;
  }
  const t = await getTrailInsights(name);
  if (!t) throw trailNotFound(name);
  return t;
}

async function getInsightSelectorsAction(p: Params) {
  const t = await namedOrDefault(p);
  return { InsightSelectors: t.selectors, TrailArn: trailArn(t) };
}

async function describeInsightEnabledTrailsAction() {
  const [trails, d] = await Promise.all([listInsightEnabledTrails(), getDefaultTrail()]);
  return {
    TrailList: trails.map((t) => ({
      Name: t.name,
      HomeRegion: t.homeRegion,
      TrailArn: trailArn(t),
      Status: t.isLogging ? "Enable" : "Disable",
      InsightSelectors: t.selectors,
      IsDefaultTrail: d?.name === t.name,
    })),
  };
}

// ---- the default trail -----------------------------------------------------------------------------

async function getDefaultTrailAction() {
  const d = await getDefaultTrail();
  return { TrailName: d?.name ?? "", HomeRegion: d?.homeRegion ?? "", TrailArn: d ? trailArn(d) : "", InsightSelectors: d?.selectors ?? [] };
}

async function setDefaultTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "TrailName");
  if (!(await getTrailInsights(name))) throw trailNotFound(name);
  const t = await setDefaultTrail(name, { actor: ctx.actor });
  return { TrailName: t.name, TrailArn: trailArn(t) };
}

async function removeDefaultTrailAction(p: Params, ctx: ActionContext) {
  const name = optional(p, "TrailName") || undefined;
  const d = await getDefaultTrail();
  // Naming a trail that is not the default would silently unset another one: refused.
  if (name && d?.name !== name) throw invalidParameter("TrailName", d ? `The default trail is ${d.name}, not ${name}.` : "No trail is the default trail.");
  const removed = await removeDefaultTrail({ actor: ctx.actor });
  return { TrailName: removed ?? "" };
}

// ---- insight events --------------------------------------------------------------------------------

/** LookupAttribute key → the filter it sets. ServiceName and EventName are accepted and match none. */
const LOOKUP_KEYS = {
  InsightType: "insightType",
  EventId: "eventId",
  SourceIpAddress: "sourceIp",
  AccessKeyId: "accessKeyId",
  InsightObject: "insightObject",
  ServiceName: undefined,
  EventName: undefined,
} as const satisfies Record<string, keyof InsightEventFilter | undefined>;
const MAX_LOOKUP_ATTRIBUTES = 2;

function lookupAttributes(p: Params): { filter: Partial<InsightEventFilter>; none: boolean; key: string } {
  const filter: Record<string, string> = {};
  let none = false;
  const seen: string[] = [];
  for (const name of Object.keys(p)) {
    const m = /^LookupAttribute\.(\d+)\.Key$/.exec(name);
    if (!m) continue;
    const key = p[name];
    const valueName = `LookupAttribute.${m[1]}.Value`;
    const value = p[valueName];
    if (!Object.hasOwn(LOOKUP_KEYS, key)) throw invalidParameter(name, `Unknown key "${key}"; use one of ${Object.keys(LOOKUP_KEYS).join(", ")}.`);
    if (value === undefined || value === "") throw missingParameter(valueName);
    if (value.length > 256) throw invalidParameter(valueName, "At most 256 characters.");
    seen.push(`${key}=${value}`);
    const field = LOOKUP_KEYS[key as keyof typeof LOOKUP_KEYS];
    if (!field) none = true;
    else if (filter[field] !== undefined && filter[field] !== value) none = true;
    else filter[field] = value;
  }
  if (seen.length > MAX_LOOKUP_ATTRIBUTES) throw invalidParameter("LookupAttribute", `At most ${MAX_LOOKUP_ATTRIBUTES} conditions.`);
  if (filter.insightType && !isActionTrailInsightType(filter.insightType)) {
    throw invalidParameter("LookupAttribute.N.Value", `InsightType is one of ${ACTIONTRAIL_INSIGHT_TYPES.join(", ")}.`);
  }
  return { filter, none, key: seen.sort().join("&") };
}

interface LookupToken {
  t: string;
  i: number;
  h: string;
  s: string;
  e: string;
}

function decodeToken(token: string): LookupToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<LookupToken>;
    if (typeof t.t !== "string" || typeof t.i !== "number" || typeof t.h !== "string" || typeof t.s !== "string" || typeof t.e !== "string") return undefined;
    return t as LookupToken;
  } catch {
    return undefined;
  }
}

async function lookupInsightEventsAction(p: Params, ctx: ActionContext) {
  const { filter, none, key } = lookupAttributes(p);
  const limit = optionalInteger(p, "MaxResults", 1, 50) ?? 20;
  const { types, trail } = await typesOf(p);
  const hash = createHash("sha256").update(JSON.stringify([key, trail?.name ?? "", types, p.StartTime ?? "", p.EndTime ?? ""])).digest("base64url").slice(0, 22);
  let start: Date;
  let end: Date;
  let after: { eventTime: string; id: number } | undefined;
  if (p.NextToken) {
    const t = decodeToken(p.NextToken);
    if (!t || t.h !== hash) throw invalidParameter("NextToken", "The token is malformed or belongs to another query.");
    start = new Date(t.s);
    end = new Date(t.e);
    after = { eventTime: t.t, id: t.i };
  } else {
    end = parseTime(p, "EndTime") ?? ctx.now;
    start = parseTime(p, "StartTime") ?? new Date(end.getTime() - DEFAULT_LOOKUP_DAYS * DAY_MS);
    if (start > end) throw invalidParameter("StartTime", "StartTime is after EndTime.");
    const earliest = new Date(end.getTime() - MAX_LOOKUP_DAYS * DAY_MS);
    if (start < earliest) start = earliest;
  }
  if (none) return { Events: [] };
  const page = await findInsightEventPage({ ...filter, types, start: start.toISOString(), end: end.toISOString() }, { limit, after });
  const out: Record<string, unknown> = { Events: page.rows.map((r) => JSON.parse(r.raw) as unknown) };
  if (page.next) {
    const token: LookupToken = { t: page.next.eventTime, i: page.next.id, h: hash, s: start.toISOString(), e: end.toISOString() };
    out.NextToken = Buffer.from(JSON.stringify(token)).toString("base64url");
  }
  return out;
}

async function countFilter(p: Params, now: Date): Promise<InsightEventFilter & { window: { start: Date; end: Date } }> {
  const window = countWindow(p, now);
  const { types } = await typesOf(p);
  const insightType = optional(p, "InsightType") || undefined;
  if (insightType && !isActionTrailInsightType(insightType)) throw invalidParameter("InsightType", `Use one of ${ACTIONTRAIL_INSIGHT_TYPES.join(", ")}.`);
  return { types, insightType, start: window.start.toISOString(), end: window.end.toISOString(), window };
}

async function insightsEventsCountAction(p: Params, ctx: ActionContext) {
  const f = await countFilter(p, ctx.now);
  const groups = await countInsightEvents(f);
  return { Data: groups.map((g) => ({ Count: g.count, InsightType: g.insightType, RegionId: g.region })) };
}

async function getInsightIpCountAction(p: Params, ctx: ActionContext) {
  const f = await countFilter(p, ctx.now);
  const ips = await insightIps(f);
  return { IpCount: ips.length, StartTime: isoSeconds(f.window.start), EndTime: isoSeconds(f.window.end) };
}

async function describeInsightIpListAction(p: Params, ctx: ActionContext) {
  const f = await countFilter(p, ctx.now);
  const pageNumber = optionalInteger(p, "PageNumber", 1, 100_000) ?? 1;
  const pageSize = optionalInteger(p, "PageSize", 1, 100) ?? 20;
  const ips = await insightIps(f);
  return {
    IpList: ips.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((i) => ({
      Ip: i.ip,
      InsightCount: i.count,
      InsightTypes: i.types.sort(),
      FirstInsightTime: isoSeconds(new Date(i.first)),
      LastInsightTime: isoSeconds(new Date(i.last)),
    })),
    TotalCount: ips.length,
    PageNumber: pageNumber,
    PageSize: pageSize,
  };
}

async function describeInsightMetricDataAction(p: Params, ctx: ActionContext) {
  const f = await countFilter(p, ctx.now);
  const period = optionalInteger(p, "Period", 60, 86_400) ?? 3_600;
  if (period % 60 !== 0) throw invalidParameter("Period", "Period is a whole number of minutes in seconds (60, 300, 3600 …).");
  const points = Math.floor((f.window.end.getTime() - Math.floor(f.window.start.getTime() / (period * 1000)) * period * 1000) / (period * 1000)) + 1;
  if (points > MAX_DATAPOINTS) throw invalidParameter("Period", `The window holds ${points} periods of ${period} s; at most ${MAX_DATAPOINTS}: choose a longer Period or a shorter window.`);
  const series = await insightCountsPerPeriod(f, period * 1000);
  return {
    InsightType: f.insightType ?? "",
    Period: period,
    StartTime: isoSeconds(f.window.start),
    EndTime: isoSeconds(f.window.end),
    Datapoints: series.map((d) => ({ Timestamp: isoSeconds(new Date(d.time)), Count: d.count })),
  };
}

// ---- the IP lists ----------------------------------------------------------------------------------

const LIST_TYPES: Record<string, IpListKind> = { WhiteList: "allow", BlackList: "deny" };

async function describeInsightStrategyAction() {
  const entries = await listIpListEntries();
  const of = (list: IpListKind) =>
    entries.filter((e) => e.list === list).map((e) => ({ Ip: e.cidr, Note: e.note ?? "", CreatedBy: e.createdBy, CreateTime: isoSeconds(e.createdAt) }));
  return { WhiteList: of("allow"), BlackList: of("deny") };
}

function ipsParam(p: Params, name: string): string[] {
  const v = optional(p, name);
  if (!v) return [];
  const items = v.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length > MAX_IPS_PER_CALL) throw invalidParameter(name, `At most ${MAX_IPS_PER_CALL} addresses or blocks a call.`);
  return items.map((item) => {
    const parsed = parseCidr(item);
    if (!parsed.ok) throw invalidParameter(name, `${item}: ${parsed.error}`);
    return parsed.value.cidr;
  });
}

/**
 * Adds and removes entries of one list. Everything is checked before anything changes, so a bad entry
 * refuses the whole call; each change is recorded by lib/insights/ip-lists.ts as ModifyInsightStrategy.
 */
async function modifyInsightStrategyAction(p: Params, ctx: ActionContext) {
  const listType = required(p, "ListType");
  const list = LIST_TYPES[listType];
  if (!list) throw invalidParameter("ListType", "ListType is WhiteList (never unusual) or BlackList (every event is an insight).");
  const add = [...new Set(ipsParam(p, "AddIps"))];
  const remove = [...new Set(ipsParam(p, "RemoveIps"))];
  if (!add.length && !remove.length) throw missingParameter("AddIps");
  const note = optional(p, "Note")?.trim() || null;
  if (note && note.length > MAX_NOTE_CHARS) throw invalidParameter("Note", `At most ${MAX_NOTE_CHARS} characters.`);
  const entries = await listIpListEntries();
  if (entries.length - remove.length + add.length > MAX_IP_LIST_ENTRIES) throw invalidParameter("AddIps", `The lists hold at most ${MAX_IP_LIST_ENTRIES} entries.`);
  const removing = remove.map((cidr) => {
    const e = entries.find((x) => x.list === list && x.cidr === cidr);
    if (!e) throw invalidParameter("RemoveIps", `${cidr} is not on the ${listType}.`);
    return e;
  });
  for (const cidr of add) {
    if (entries.some((x) => x.list === list && x.cidr === cidr) && !remove.includes(cidr)) throw invalidParameter("AddIps", `${cidr} is already on the ${listType}.`);
    if (entries.some((x) => x.list !== list && x.cidr === cidr)) throw invalidParameter("AddIps", `${cidr} is on the other list; remove it there first.`);
  }
  for (const e of removing) await removeIpListEntry(e.id, { actor: ctx.actor });
  for (const cidr of add) {
    try {
      await addIpListEntry({ list, cidr, note }, { actor: ctx.actor });
    } catch (e) {
      if (e instanceof AppError) throw invalidParameter("AddIps", e.message);
      throw e;
    }
  }
  return describeInsightStrategyAction();
}

// ---- the table -------------------------------------------------------------------------------------

const TRAIL_NAME: ParamDoc = { name: "TrailName", required: true, text: "The trail." };
const TRAIL_SCOPE: ParamDoc = {
  name: "TrailName",
  text: "Trailkeeper: only the insight types this trail has on. Absent: the default trail's types (every type when no default trail is set).",
};
const COUNT_WINDOW: ParamDoc[] = [
  { name: "Date", text: "yyyy-MM-dd (UTC): that day; wins over StartTime/EndTime." },
  { name: "StartTime, EndTime", text: "yyyy-MM-ddTHH:mm:ssZ. Default: the last 24 hours." },
];
const NOT_FOUND: ErrorDoc = { code: "TrailNotFoundException", status: 404, when: "No trail of that name." };
const INSIGHTS_ROLES = CAN.readInsights;
const BY_TRAIL = { TrailName: EXAMPLE_TRAIL };

export const INSIGHT_ACTIONS: ActionTable = {
  GetDefaultTrail: read(CAN.readTrails, getDefaultTrailAction, {
    group: "Trails",
    summary: "The default trail (one per installation): the trail whose insight types the insight lookups use when a call names no trail.",
    params: [],
    returns: "TrailName, HomeRegion, TrailArn, InsightSelectors (all empty when no default trail is set).",
    example: { params: {} },
  }),
  SetDefaultTrail: write(setDefaultTrailAction, {
    group: "Trails",
    summary: "Makes a trail the default trail, replacing the previous one.",
    params: [TRAIL_NAME],
    returns: "TrailName, TrailArn.",
    errors: [NOT_FOUND],
    example: { params: BY_TRAIL },
  }),
  RemoveDefaultTrail: write(removeDefaultTrailAction, {
    group: "Trails",
    summary: "Unsets the default trail (a no-op when none is set).",
    params: [{ name: "TrailName", text: "If given, it must be the default trail." }],
    returns: "TrailName: the trail that was the default (empty if none).",
    example: { params: BY_TRAIL },
  }),
  PutInsightSelectors: write(putInsightSelectorsAction, {
    group: "Insights",
    summary: "Sets the insight types a trail delivers (to <prefix>/AliyunLogs/Actiontrail-Insight/… and its log store).",
    params: [TRAIL_NAME, { name: "InsightSelectors", required: true, text: 'JSON: [{"insightType":"IpInsight"},{"insightType":"AkInsight"}] with IpInsight, ApiCallRateInsight, ApiErrorRateInsight, AkInsight; [] turns insights off.' }],
    returns: "InsightSelectors (the types now on), TrailArn.",
    errors: [NOT_FOUND],
    example: { params: { ...BY_TRAIL, InsightSelectors: '[{"insightType":"IpInsight"},{"insightType":"AkInsight"},{"insightType":"ApiCallRateInsight"},{"insightType":"ApiErrorRateInsight"}]' } },
  }),
  GetInsightSelectors: read(CAN.readTrails, getInsightSelectorsAction, {
    group: "Insights",
    summary: "The insight types a trail has on.",
    params: [{ ...TRAIL_NAME, required: false, text: "The trail (Trailkeeper: absent means the default trail)." }],
    returns: "InsightSelectors, TrailArn.",
    errors: [NOT_FOUND],
    example: { params: BY_TRAIL },
  }),
  DescribeInsightEnabledTrails: read(CAN.readTrails, describeInsightEnabledTrailsAction, {
    group: "Insights",
    summary: "The trails with at least one insight type on.",
    params: [],
    returns: "TrailList: Name, HomeRegion, TrailArn, Status, InsightSelectors, IsDefaultTrail.",
    example: { params: {} },
  }),
  LookupInsightEvents: read(INSIGHTS_ROLES, lookupInsightEventsAction, {
    group: "Insights",
    summary: "Insight events (a Start and an End event per insight, ActionTrail's format), newest first.",
    params: [
      { name: "LookupAttribute.N.Key/Value", text: "At most 2: InsightType, EventId, SourceIpAddress, AccessKeyId, InsightObject (ServiceName and EventName are accepted; no Trailkeeper insight has one)." },
      { name: "StartTime, EndTime", text: "yyyy-MM-ddTHH:mm:ssZ. Default: the last 7 days; a longer window is cut to its last 93 days." },
      { name: "MaxResults", text: "1–50, default 20." },
      { name: "NextToken", text: "From the previous page; only valid with the same conditions and times." },
      TRAIL_SCOPE,
    ],
    returns: "Events (insight event JSON), NextToken (absent on the last page).",
    errors: [NOT_FOUND],
    example: { params: { MaxResults: "10" } },
  }),
  GetInsightsEventsCount: read(INSIGHTS_ROLES, insightsEventsCountAction, {
    group: "Insights",
    summary: "How many insights (each one Start/End pair) per type and region.",
    params: [...COUNT_WINDOW, TRAIL_SCOPE],
    returns: "Data: Count, InsightType, RegionId.",
    errors: [NOT_FOUND],
    example: { params: {} },
  }),
  GetInsightEventCount: read(INSIGHTS_ROLES, insightsEventsCountAction, {
    group: "Insights",
    summary: "The console's name for GetInsightsEventsCount: the same parameters and answer.",
    params: [...COUNT_WINDOW, { name: "InsightType", text: "Only this type." }, TRAIL_SCOPE],
    returns: "Data: Count, InsightType, RegionId.",
    errors: [NOT_FOUND],
    example: { params: { InsightType: "IpInsight" } },
  }),
  GetInsightIpCount: read(INSIGHTS_ROLES, getInsightIpCountAction, {
    group: "Insights",
    summary: "How many distinct source IPs the IP and AccessKey insights of the window name.",
    params: [...COUNT_WINDOW, { name: "InsightType", text: "Only this type." }, TRAIL_SCOPE],
    returns: "IpCount, StartTime, EndTime.",
    errors: [NOT_FOUND],
    example: { params: {} },
  }),
  DescribeInsightIpList: read(INSIGHTS_ROLES, describeInsightIpListAction, {
    group: "Insights",
    summary: "The source IPs of the window's insights, most insights first.",
    params: [...COUNT_WINDOW, { name: "InsightType", text: "Only this type." }, { name: "PageNumber", text: "From 1." }, { name: "PageSize", text: "1–100, default 20." }, TRAIL_SCOPE],
    returns: "IpList: Ip, InsightCount, InsightTypes, FirstInsightTime, LastInsightTime; TotalCount, PageNumber, PageSize.",
    errors: [NOT_FOUND],
    example: { params: { PageSize: "10" } },
  }),
  DescribeInsightMetricData: read(INSIGHTS_ROLES, describeInsightMetricDataAction, {
    group: "Insights",
    summary: "Insights started per period over the window (empty periods included), oldest first.",
    params: [...COUNT_WINDOW, { name: "Period", text: "Seconds, a multiple of 60 from 60 to 86400; default 3600. At most 1,440 periods." }, { name: "InsightType", text: "Only this type." }, TRAIL_SCOPE],
    returns: "InsightType, Period, StartTime, EndTime, Datapoints: Timestamp, Count.",
    errors: [NOT_FOUND],
    example: { params: { Period: "3600" } },
  }),
  DescribeInsightStrategy: read(INSIGHTS_ROLES, describeInsightStrategyAction, {
    group: "Insights",
    summary: "The IP allow list (WhiteList: never unusual) and deny list (BlackList: every event is an IpInsight).",
    params: [],
    returns: "WhiteList, BlackList: Ip (address or CIDR block), Note, CreatedBy, CreateTime.",
    example: { params: {} },
  }),
  ModifyInsightStrategy: write(
    modifyInsightStrategyAction,
    {
      group: "Insights",
      summary: "Adds and removes entries of one IP list; all are checked before any changes. Recorded as ModifyInsightStrategy events.",
      params: [
        { name: "ListType", required: true, text: "WhiteList or BlackList." },
        { name: "AddIps", text: `Comma-separated IPv4/IPv6 addresses or CIDR blocks (at most ${MAX_IPS_PER_CALL}).` },
        { name: "RemoveIps", text: "Comma-separated entries to remove." },
        { name: "Note", text: "A note for the added entries (at most 200 characters)." },
      ],
      returns: "WhiteList, BlackList as DescribeInsightStrategy.",
      example: { params: { ListType: "WhiteList", AddIps: "192.0.2.0/24", Note: "example office" } },
    },
    CAN.manageIpLists,
  ),
};
