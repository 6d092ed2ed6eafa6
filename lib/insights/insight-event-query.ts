// Reading the stored insight events: one keyset page newest first, counts per type and region, the IPs
// behind IP insights, and counts per period (docs/insight-events.md "The API").
import { prisma } from "@/lib/db";
import type { ActionTrailInsightType } from "./insight-events";

export interface InsightEventFilter {
  /** Canonical ISO times, both inclusive. */
  start: string;
  end: string;
  /** The types the query covers (a trail's selectors); an empty list matches nothing. */
  types: readonly ActionTrailInsightType[];
  insightType?: string;
  eventId?: string;
  sourceIp?: string;
  accessKeyId?: string;
  insightObject?: string;
  /** Only Start events (one per insight): what the counts count. */
  startsOnly?: boolean;
}

function where(f: InsightEventFilter) {
  const types = f.insightType ? f.types.filter((t) => t === f.insightType) : [...f.types];
  return {
    eventTime: { gte: f.start, lte: f.end },
    insightType: { in: types },
    ...(f.eventId ? { eventId: f.eventId } : {}),
    ...(f.sourceIp ? { sourceIp: f.sourceIp } : {}),
    ...(f.accessKeyId ? { accessKeyId: f.accessKeyId } : {}),
    ...(f.insightObject ? { insightObject: f.insightObject } : {}),
    ...(f.startsOnly ? { state: "Start" } : {}),
  };
}

export interface InsightEventCursor {
  eventTime: string;
  id: number;
}

/** One page, newest first, with the cursor of the next page when there is one. */
export async function findInsightEventPage(f: InsightEventFilter, opts: { limit: number; after?: InsightEventCursor }) {
  const rows = await prisma.insightEvent.findMany({
    where: {
      ...where(f),
      ...(opts.after ? { OR: [{ eventTime: { lt: opts.after.eventTime } }, { eventTime: opts.after.eventTime, id: { lt: opts.after.id } }] } : {}),
    },
    orderBy: [{ eventTime: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    select: { id: true, eventTime: true, raw: true },
  });
  const more = rows.length > opts.limit;
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { eventTime: last.eventTime, id: last.id } : undefined };
}

/** Insights (their Start events) per type and region. */
export async function countInsightEvents(f: InsightEventFilter): Promise<{ insightType: string; region: string; count: number }[]> {
  const groups = await prisma.insightEvent.groupBy({ by: ["insightType", "region"], where: where({ ...f, startsOnly: true }), _count: { _all: true } });
  return groups
    .map((g) => ({ insightType: g.insightType, region: g.region, count: g._count._all }))
    .sort((a, b) => (a.insightType === b.insightType ? (a.region < b.region ? -1 : 1) : a.insightType < b.insightType ? -1 : 1));
}

/** The source IPs of the window's IP and AccessKey insights, most insights first. */
export async function insightIps(f: InsightEventFilter): Promise<{ ip: string; count: number; types: string[]; first: string; last: string }[]> {
  const groups = await prisma.insightEvent.groupBy({
    by: ["sourceIp", "insightType"],
    where: { ...where({ ...f, startsOnly: true }), sourceIp: f.sourceIp ? f.sourceIp : { not: null } },
    _count: { _all: true },
    _min: { eventTime: true },
    _max: { eventTime: true },
  });
  const byIp = new Map<string, { ip: string; count: number; types: string[]; first: string; last: string }>();
  for (const g of groups) {
    if (!g.sourceIp) continue;
    const e = byIp.get(g.sourceIp) ?? { ip: g.sourceIp, count: 0, types: [], first: g._min.eventTime ?? "", last: g._max.eventTime ?? "" };
    e.count += g._count._all;
    e.types.push(g.insightType);
    if ((g._min.eventTime ?? "") < e.first) e.first = g._min.eventTime ?? e.first;
    if ((g._max.eventTime ?? "") > e.last) e.last = g._max.eventTime ?? e.last;
    byIp.set(g.sourceIp, e);
  }
  return [...byIp.values()].sort((a, b) => b.count - a.count || (a.ip < b.ip ? -1 : 1));
}

/** Insights started in each period of the window (empty periods included), oldest first. */
export async function insightCountsPerPeriod(f: InsightEventFilter, periodMs: number): Promise<{ time: string; count: number }[]> {
  const rows = await prisma.insightEvent.findMany({ where: where({ ...f, startsOnly: true }), select: { eventTime: true } });
  const from = Math.floor(Date.parse(f.start) / periodMs) * periodMs;
  const to = Date.parse(f.end);
  const counts = new Map<number, number>();
  for (const r of rows) {
    const bucket = Math.floor(Date.parse(r.eventTime) / periodMs) * periodMs;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const out: { time: string; count: number }[] = [];
  for (let t = from; t <= to; t += periodMs) out.push({ time: new Date(t).toISOString(), count: counts.get(t) ?? 0 });
  return out;
}
