// Insights as ActionTrail's insight events (docs/insight-events.md): each insight becomes a Start event
// when it is stored and an End event once its window has closed, both in ActionTrail's format
// (eventCategory Insight, insightDetails with state, insightType, insightObject, statistics with the
// baseline and the insight value, attributions). The events are written once and never changed: lookups
// page over them by keyset, counts are SQL, and trails deliver them by id (insight-delivery.ts).
import { createHash } from "node:crypto";
import { homeRegion } from "@/lib/audit/record";
import { ownAccountId } from "@/lib/config/account";
import { prisma } from "@/lib/db";
import { db, sql } from "@/lib/db/sql";
import { HOUR_MS, hourKey, hourStart, type InsightType } from "./config";
import { toInsightRow, type InsightRow } from "./insights";

/** ActionTrail's insight types that Trailkeeper raises (docs/insight-events.md "Mapping"). */
export const ACTIONTRAIL_INSIGHT_TYPES = ["IpInsight", "ApiCallRateInsight", "ApiErrorRateInsight", "AkInsight"] as const;
export type ActionTrailInsightType = (typeof ACTIONTRAIL_INSIGHT_TYPES)[number];

export function isActionTrailInsightType(v: unknown): v is ActionTrailInsightType {
  return typeof v === "string" && (ACTIONTRAIL_INSIGHT_TYPES as readonly string[]).includes(v);
}

/** A trail's stored selectors column as a list, in ActionTrail's order, unknown names dropped. */
export function parseSelectors(column: string): ActionTrailInsightType[] {
  const on = new Set(column.split(",").map((s) => s.trim()));
  return ACTIONTRAIL_INSIGHT_TYPES.filter((t) => on.has(t));
}

/** An hour-long insight closes this long after its hour, so that late events of the hour still count. */
export const CLOSE_GRACE_MS = 10 * 60_000;
export const EMIT_BATCH = 500;

/** Which ActionTrail type a stored insight is. */
export function actionTrailType(i: Pick<InsightRow, "type" | "subjectKind">): ActionTrailInsightType {
  const map: Record<InsightType, ActionTrailInsightType> = {
    UnusualSourceIp: i.subjectKind === "accessKey" ? "AkInsight" : "IpInsight",
    DeniedSourceIp: "IpInsight",
    ApiCallRateAnomaly: "ApiCallRateInsight",
    ApiErrorRateAnomaly: "ApiErrorRateInsight",
  };
  return map[i.type];
}

/** What the insight is about: the IP (IpInsight), the AccessKey ID (AkInsight), the user (rate insights). */
export function insightObject(i: Pick<InsightRow, "type" | "subjectKind" | "subject" | "sourceIp">): string {
  const t = actionTrailType(i);
  if (t === "IpInsight") return i.sourceIp ?? i.subject;
  return i.subject;
}

/** The end of the insight's window: its one event (UnusualSourceIp) or the end of its UTC hour. */
export function windowEnd(i: Pick<InsightRow, "type" | "startTime" | "endTime">): string {
  if (i.type === "UnusualSourceIp") return i.endTime;
  return new Date(hourStart(hourKey(i.startTime)).getTime() + HOUR_MS).toISOString();
}

/** When the End event may be written. */
export function closesAt(i: Pick<InsightRow, "type" | "startTime" | "endTime">): number {
  return i.type === "UnusualSourceIp" ? Date.parse(i.endTime) : Date.parse(windowEnd(i)) + CLOSE_GRACE_MS;
}

/** A UUID-shaped id derived from `seed`: the same insight always gets the same event ids. */
function derivedId(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex").toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const seconds = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
const num = (v: unknown, fallback = 0) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const minutesBetween = (a: string, b: string) => Math.max(1, Math.round((Date.parse(b) - Date.parse(a)) / 60_000));

/** statistics and attributions from what the detector compared (the insight's evidence). */
function insightContext(i: InsightRow, state: "Start" | "End") {
  const e = i.evidence;
  const who = i.subjectKind === "accessKey" ? "accessKeyId" : "userName";
  switch (i.type) {
    case "UnusualSourceIp": {
      const historyDays = num(e.historyDays, 30);
      return {
        statistics: {
          insight: { average: i.eventCount },
          insightDuration: 1,
          // The IP's calls for this subject in the baseline: none (that is what made it unusual).
          baseline: { average: 0 },
          baselineDuration: historyDays * 1440,
          insightCount: i.eventCount,
        },
        attributions: [
          { attribution: "sourceIpAddress", insight: [{ value: i.sourceIp, average: i.eventCount }], baseline: [] },
          { attribution: who, insight: [{ value: i.subject, average: i.eventCount }], baseline: [{ value: i.subject, average: num(e.priorEvents) }] },
          ...(typeof e.firstEventName === "string" ? [{ attribution: "eventName", insight: [{ value: e.firstEventName, average: 1 }], baseline: [] }] : []),
        ],
      };
    }
    case "DeniedSourceIp":
      return {
        statistics: {
          insight: { average: i.eventCount },
          insightDuration: state === "End" ? 60 : minutesBetween(i.startTime, i.endTime),
          baseline: { average: 0 },
          baselineDuration: 0,
          insightCount: i.eventCount,
        },
        attributions: [
          { attribution: "sourceIpAddress", insight: [{ value: i.sourceIp, average: i.eventCount }], baseline: [] },
          { attribution: who, insight: [{ value: i.subject, average: i.eventCount }], baseline: [] },
        ],
      };
    case "ApiCallRateAnomaly": {
      const calls = num(e.calls, i.eventCount);
      const mean = num(e.baselineMean);
      return {
        statistics: {
          insight: { average: calls },
          insightDuration: 60,
          baseline: { average: mean },
          baselineDuration: num(e.baselineHours, 168) * 60,
          insightCount: calls,
        },
        attributions: [{ attribution: "userName", insight: [{ value: i.subject, average: calls }], baseline: [{ value: i.subject, average: mean }] }],
      };
    }
    case "ApiErrorRateAnomaly": {
      const calls = num(e.calls);
      const rate = num(e.errorRate);
      const p0 = num(e.baselineErrorRate);
      return {
        statistics: {
          insight: { average: rate },
          insightDuration: 60,
          baseline: { average: p0 },
          baselineDuration: num(e.baselineHours, 168) * 60,
          insightCount: calls,
        },
        attributions: [
          { attribution: "userName", insight: [{ value: i.subject, average: rate }], baseline: [{ value: i.subject, average: p0 }] },
          { attribution: "errorCount", insight: [{ value: String(num(e.errors, i.eventCount)), average: num(e.errors, i.eventCount) }], baseline: [{ value: String(num(e.baselineErrors)), average: num(e.baselineErrors) }] },
        ],
      };
    }
  }
}

/** The insight event of one state, in ActionTrail's format (docs/insight-events.md "The event"). */
export function buildInsightEvent(i: InsightRow, state: "Start" | "End") {
  const type = actionTrailType(i);
  const eventTime = state === "Start" ? i.startTime : windowEnd(i);
  const identity = i.subjectKind === "accessKey" ? { accessKeyId: i.subject } : { userName: i.subject };
  return {
    eventId: derivedId(`trailkeeper-insight:${i.id}:${state}`),
    eventVersion: "1",
    eventType: "ActionTrailInsight",
    eventCategory: "Insight",
    eventTime: seconds(eventTime),
    acsRegion: i.region === "all" ? homeRegion() : i.region,
    recipientAccountId: ownAccountId(),
    sharedEventId: derivedId(`trailkeeper-insight:${i.id}`),
    userIdentity: identity,
    insightDetails: {
      state,
      insightType: type,
      insightObject: insightObject(i),
      ...(i.sourceIp ? { sourceIpAddress: i.sourceIp } : {}),
      insightContext: insightContext(i, state),
    },
    // Trailkeeper's own addition: which detector raised it and why (the console's insight #id).
    additionalEventData: { insightId: i.id, detector: i.type, reason: typeof i.evidence.reason === "string" ? i.evidence.reason : "" },
  };
}

function eventRow(i: InsightRow, state: "Start" | "End") {
  const event = buildInsightEvent(i, state);
  return {
    insightId: i.id,
    state,
    eventId: event.eventId,
    sharedEventId: event.sharedEventId,
    insightType: event.insightDetails.insightType,
    insightObject: event.insightDetails.insightObject,
    eventTime: new Date(state === "Start" ? i.startTime : windowEnd(i)).toISOString(),
    region: event.acsRegion,
    sourceIp: i.sourceIp,
    accessKeyId: i.subjectKind === "accessKey" ? i.subject : typeof i.evidence.accessKeyId === "string" ? i.evidence.accessKeyId : null,
    raw: JSON.stringify(event),
  };
}

/**
 * Writes the Start events of new insights and the End events of insights whose window has closed. Start
 * events are written in insight id order, so the newest insight with one marks where the next begin.
 */
export async function emitInsightEvents(now = new Date()): Promise<{ started: number; ended: number }> {
  const last = await prisma.insightEvent.aggregate({ where: { state: "Start" }, _max: { insightId: true } });
  const fresh = await prisma.insight.findMany({ where: { id: { gt: last._max.insightId ?? 0 } }, orderBy: { id: "asc" }, take: EMIT_BATCH });
  const open = await db.all(sql`SELECT s.insight_id AS "insightId" FROM insight_events s WHERE s.state = 'Start'
    AND NOT EXISTS (SELECT 1 FROM insight_events e WHERE e.insight_id = s.insight_id AND e.state = 'End')
    ORDER BY s.insight_id LIMIT ${EMIT_BATCH}`);
  const openRows = open.length ? await prisma.insight.findMany({ where: { id: { in: open.map((o) => Number(o.insightId)) } }, orderBy: { id: "asc" } }) : [];
  const starts = fresh.map(toInsightRow);
  // An insight that closed already (an old hour, a single event) gets its End right after its Start.
  const ends = [...openRows.map(toInsightRow), ...starts].filter((i) => closesAt(i) <= now.getTime());
  const rows = [...starts.map((i) => eventRow(i, "Start")), ...ends.map((i) => eventRow(i, "End"))];
  if (rows.length) await prisma.$transaction(rows.map((data) => prisma.insightEvent.create({ data })));
  return { started: starts.length, ended: ends.length };
}

export interface StoredInsightEvent {
  id: number;
  insightId: number;
  state: string;
  eventId: string;
  insightType: string;
  insightObject: string;
  eventTime: string;
  region: string;
  sourceIp: string | null;
  accessKeyId: string | null;
  raw: string;
}

/** The insight events of one insight (the console's insight page). */
export async function insightEventsOf(insightId: number): Promise<StoredInsightEvent[]> {
  return prisma.insightEvent.findMany({ where: { insightId }, orderBy: { id: "asc" } });
}
