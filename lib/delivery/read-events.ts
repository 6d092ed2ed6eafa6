// Reading the events a trail delivers, in id order, and the highest id that is safe to read up to.
import { bool, committedIdHorizon, db, join, num, sql, type DbRecord, type Sql } from "@/lib/db/sql";
import type { DeliveryEvent } from "./files";
import { trailMatchSql, type TrailScope } from "./matching";

export interface EventRange {
  /** Exclusive lower bound. */
  afterId: number;
  /** Inclusive upper bound. */
  maxId: number;
  limit: number;
  /** Only events at or after this canonical time (history jobs: the 90-day window). */
  minTime?: string;
}

function toEvent(r: DbRecord): DeliveryEvent {
  return {
    id: Number(r.id),
    eventId: String(r.eventId),
    eventTime: String(r.eventTime),
    queryRegion: String(r.queryRegion),
    acsRegion: String(r.acsRegion),
    isGlobal: bool(r.isGlobal),
    raw: String(r.raw),
    origin: r.origin === undefined ? undefined : String(r.origin),
    originChannel: (r.originChannel as string | null | undefined) ?? null,
    ingestTokenId: (r.ingestTokenId as string | null | undefined) ?? null,
    ingestTokenLabel: (r.ingestTokenLabel as string | null | undefined) ?? null,
  };
}

function rangeConditions(trail: TrailScope, r: Omit<EventRange, "limit">): Sql {
  const c = [sql`id > ${r.afterId}`, sql`id <= ${r.maxId}`, trailMatchSql(trail)];
  if (r.minTime) c.push(sql`event_time >= ${r.minTime}`);
  return join(c, " AND ");
}

/** Matching events with afterId < id <= maxId, oldest id first, at most `limit`. */
export async function readMatchingEvents(trail: TrailScope, r: EventRange): Promise<DeliveryEvent[]> {
  const rows = await db.all(sql`SELECT id, event_id AS "eventId", event_time AS "eventTime", query_region AS "queryRegion",
    acs_region AS "acsRegion", is_global AS "isGlobal", raw, origin, origin_channel AS "originChannel",
    ingest_token_id AS "ingestTokenId", ingest_token_label AS "ingestTokenLabel" FROM events WHERE ${rangeConditions(trail, r)} ORDER BY id LIMIT ${r.limit}`);
  return rows.map(toEvent);
}

/** The ids only (history jobs count what they will deliver). */
export async function readMatchingIds(trail: TrailScope, r: EventRange): Promise<number[]> {
  const rows = await db.all(sql`SELECT id FROM events WHERE ${rangeConditions(trail, r)} ORDER BY id LIMIT ${r.limit}`);
  return rows.map((row) => Number(row.id));
}

export async function maxEventId(): Promise<number> {
  const row = await db.one<{ maxId: unknown }>(sql`SELECT COALESCE(MAX(id), 0) AS "maxId" FROM events`);
  return num(row?.maxId);
}

/** The highest event id below which no event can still appear, or undefined if that cannot be known yet. */
export function safeHorizon(waitMs = 2_000): Promise<number | undefined> {
  return committedIdHorizon("events", waitMs);
}
