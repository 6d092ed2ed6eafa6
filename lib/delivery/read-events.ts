// Reading the events a trail delivers, in id order, and the highest id that is safe to read up to.
import { Prisma } from "@/generated/prisma/client";
import { dialect, prisma, sqliteStatement, tuneDatabase } from "@/lib/db";
import type { DeliveryEvent } from "./files";
import { trailMatchSql, type TrailScope } from "./matching";

const sql = Prisma.sql;

export interface EventRange {
  /** Exclusive lower bound. */
  afterId: number;
  /** Inclusive upper bound. */
  maxId: number;
  limit: number;
  /** Only events at or after this canonical time (history jobs: the 90-day window). */
  minTime?: string;
}

function toEvent(r: Record<string, unknown>): DeliveryEvent {
  return {
    id: Number(r.id),
    eventId: String(r.eventId),
    eventTime: String(r.eventTime),
    queryRegion: String(r.queryRegion),
    acsRegion: String(r.acsRegion),
    isGlobal: r.isGlobal === true || r.isGlobal === 1 || r.isGlobal === 1n,
    raw: String(r.raw),
  };
}

async function run(q: Prisma.Sql): Promise<Record<string, unknown>[]> {
  if (dialect() === "sqlite") return sqliteStatement(q.sql).all(...q.values) as Record<string, unknown>[];
  await tuneDatabase();
  return prisma.$queryRaw<Record<string, unknown>[]>(q);
}

function rangeConditions(trail: TrailScope, r: Omit<EventRange, "limit">): Prisma.Sql {
  const c = [sql`id > ${r.afterId}`, sql`id <= ${r.maxId}`, trailMatchSql(trail)];
  if (r.minTime) c.push(sql`event_time >= ${r.minTime}`);
  return Prisma.join(c, " AND ");
}

/** Matching events with afterId < id <= maxId, oldest id first, at most `limit`. */
export async function readMatchingEvents(trail: TrailScope, r: EventRange): Promise<DeliveryEvent[]> {
  const rows = await run(sql`SELECT id, event_id AS "eventId", event_time AS "eventTime", query_region AS "queryRegion",
    acs_region AS "acsRegion", is_global AS "isGlobal", raw FROM events WHERE ${rangeConditions(trail, r)} ORDER BY id LIMIT ${r.limit}`);
  return rows.map(toEvent);
}

/** The ids only (history jobs count what they will deliver). */
export async function readMatchingIds(trail: TrailScope, r: EventRange): Promise<number[]> {
  const rows = await run(sql`SELECT id FROM events WHERE ${rangeConditions(trail, r)} ORDER BY id LIMIT ${r.limit}`);
  return rows.map((row) => Number(row.id));
}

export async function maxEventId(): Promise<number> {
  const [row] = await run(sql`SELECT COALESCE(MAX(id), 0) AS "maxId" FROM events`);
  return Number(row?.maxId ?? 0);
}

/**
 * The highest event id below which no event can still appear, or undefined if that cannot be known yet.
 * SQLite has one writer at a time, so ids become visible in order and MAX(id) is safe. PostgreSQL hands
 * out ids before commit: a transaction holding a lower id may commit after a higher one is visible, and
 * reading past it would skip its events. So the MAX(id) seen in a snapshot only becomes safe once every
 * writing transaction in progress in that snapshot has ended (only those can hold a lower, unseen id).
 */
export async function safeHorizon(waitMs = 2_000): Promise<number | undefined> {
  if (dialect() === "sqlite") return maxEventId();
  await tuneDatabase();
  const [row] = await prisma.$queryRawUnsafe<{ maxId: number | bigint; xids: string[] | null }[]>(
    `SELECT COALESCE((SELECT MAX(id) FROM events), 0) AS "maxId",
      ARRAY(SELECT x::text FROM pg_snapshot_xip(pg_current_snapshot()) AS x) AS xids`,
  );
  const xids = row.xids ?? [];
  const deadline = Date.now() + waitMs;
  while (xids.length) {
    const [r] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM unnest($1::text[]) AS x WHERE pg_xact_status(x::xid8) = 'in progress'`,
      xids,
    );
    if (Number(r.n) === 0) break;
    // Ingestion transactions are short: wait a moment rather than a whole worker tick.
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number(row.maxId);
}
