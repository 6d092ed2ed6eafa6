// Stored insights: the /insights list and detail, the link to the events behind one, and their status.
import { z } from "zod";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { ALL_REGIONS, type EventFilters } from "@/lib/events/filters";
import { DAY_MS, HOUR_MS, INSIGHT_LABELS, INSIGHT_TYPES, isInsightType } from "./config";
import type { NewInsight } from "./detect";

export const INSIGHT_PAGE_SIZE = 50;
export const INSIGHT_RANGES = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, "90d": 90 * DAY_MS } as const;
export type InsightRange = keyof typeof INSIGHT_RANGES;

/** The URL state of /insights; bad values fall back to the defaults. */
export const ZInsightSearchParams = z.object({
  type: z.enum(INSIGHT_TYPES).optional().catch(undefined),
  subject: z.string().trim().max(256).optional().catch(undefined).transform((v) => v || undefined),
  range: z.enum(["24h", "7d", "30d", "90d"]).default("30d").catch("30d"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type TInsightSearch = z.infer<typeof ZInsightSearchParams>;

/** A stored insight: what the detector raised, with its id, status and time of detection. */
export interface InsightRow extends Omit<NewInsight, "dedupeKey" | "merge"> {
  id: number;
  status: string;
  createdAt: Date;
}

function parseEvidence(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

type Stored = Awaited<ReturnType<typeof prisma.insight.findFirstOrThrow>>;

/** A stored row as the domain reads it (evidence parsed). */
export function toInsightRow(r: Stored): InsightRow {
  return {
    id: r.id,
    type: isInsightType(r.type) ? r.type : "UnusualSourceIp",
    subjectKind: r.subjectKind === "accessKey" ? "accessKey" : "user",
    subject: r.subject,
    region: r.region,
    sourceIp: r.sourceIp,
    startTime: r.startTime,
    endTime: r.endTime,
    eventCount: r.eventCount,
    evidence: parseEvidence(r.evidence),
    status: r.status,
    createdAt: r.createdAt,
  };
}

/** One page of insights, newest first, with one more row read to know whether another page follows. */
export async function findInsights(s: TInsightSearch, now = new Date()): Promise<{ rows: InsightRow[]; hasMore: boolean }> {
  const since = new Date(now.getTime() - INSIGHT_RANGES[s.range]).toISOString();
  const rows = await prisma.insight.findMany({
    where: {
      startTime: { gte: since },
      ...(s.type ? { type: s.type } : {}),
      ...(s.subject ? { subject: s.subject } : {}),
    },
    orderBy: [{ startTime: "desc" }, { id: "desc" }],
    skip: (s.page - 1) * INSIGHT_PAGE_SIZE,
    take: INSIGHT_PAGE_SIZE + 1,
  });
  return { rows: rows.slice(0, INSIGHT_PAGE_SIZE).map(toInsightRow), hasMore: rows.length > INSIGHT_PAGE_SIZE };
}

export async function getInsight(id: number): Promise<InsightRow | undefined> {
  if (!Number.isInteger(id) || id < 1) return undefined;
  const row = await prisma.insight.findUnique({ where: { id } });
  return row ? toInsightRow(row) : undefined;
}

/** Resolves or reopens an insight, recorded as UpdateInsightStatus; false when it is missing or already so. */
export async function setInsightStatus(id: number, status: "open" | "resolved", options: { actor: Actor }): Promise<boolean> {
  const insight = await getInsight(id);
  if (!insight || insight.status === status) return false;
  await prisma.insight.updateMany({ where: { id }, data: { status } });
  await recordAuditEvent({ actor: options.actor, eventName: "UpdateInsightStatus", requestParameters: { InsightId: id, Type: insight.type, Status: status } });
  return true;
}

/** The Event Detail Query conditions that list the events behind an insight (lib/events/filters.ts names). */
export function insightEventFilters(i: Pick<InsightRow, "type" | "subjectKind" | "subject" | "region" | "sourceIp" | "startTime" | "endTime">): Partial<EventFilters> {
  const f: Partial<EventFilters> = { region: i.region || ALL_REGIONS };
  if (i.subjectKind === "accessKey") f.accessKeyId = i.subject;
  else f.user = i.subject;
  if (i.sourceIp) f.sourceIp = i.sourceIp;
  if (i.type === "ApiErrorRateAnomaly") f.errorCode = "*";
  // An IP insight starts at one event: the window shows the hour that follows it.
  const start = Date.parse(i.startTime);
  const end = Math.max(Date.parse(i.endTime), i.type === "UnusualSourceIp" ? start + HOUR_MS : 0);
  f.start = new Date(start).toISOString();
  f.end = new Date(end).toISOString();
  return f;
}

/** One line that says what happened. */
export function insightSummary(i: Pick<InsightRow, "type" | "subjectKind" | "subject" | "sourceIp" | "eventCount" | "evidence">): string {
  const who = `${i.subjectKind === "accessKey" ? "AccessKey" : "User"} ${i.subject}`;
  switch (i.type) {
    case "UnusualSourceIp":
      return `${who} called from ${i.sourceIp}, not seen for it in the previous ${i.evidence.historyDays ?? 30} days.`;
    case "DeniedSourceIp":
      return `${who}: ${i.eventCount} event${i.eventCount === 1 ? "" : "s"} from deny-listed ${i.sourceIp}.`;
    case "ApiCallRateAnomaly":
      return `${who} made ${i.evidence.calls ?? i.eventCount} calls in one hour (baseline mean ${i.evidence.baselineMean ?? "?"}).`;
    case "ApiErrorRateAnomaly":
      return `${who}: ${i.evidence.errors ?? i.eventCount} of ${i.evidence.calls ?? "?"} calls failed in one hour.`;
  }
}

export { INSIGHT_LABELS, INSIGHT_TYPES };
