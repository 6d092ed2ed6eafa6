// THE event query builder: the Event Detail Query page, the export, the compatible API and the
// benchmark all build their SQL here, so a filter means the same thing everywhere.
import { Prisma } from "@/generated/prisma/client";
import { dialect, prisma, sqliteStatement, tuneDatabase } from "@/lib/db";
import { ALL_REGIONS, PAGE_SIZE, type EventFilters } from "./filters";

const sql = Prisma.sql;
type Sql = Prisma.Sql;

/** The columns an event list returns: the indexed fields plus the original JSON. */
export interface EventListRow {
  id: number;
  eventId: string;
  eventTime: string;
  queryRegion: string;
  acsRegion: string;
  serviceName: string;
  eventName: string;
  eventType: string;
  eventRW: string;
  userName: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  errorCode: string | null;
  sensitive: boolean;
  resourceType: string | null;
  resourceName: string | null;
  raw: string;
}

const LIST_COLUMNS = sql`id, event_id AS "eventId", event_time AS "eventTime", query_region AS "queryRegion",
  acs_region AS "acsRegion", service_name AS "serviceName", event_name AS "eventName", event_type AS "eventType",
  event_rw AS "eventRW", user_name AS "userName", access_key_id AS "accessKeyId", source_ip AS "sourceIp",
  error_code AS "errorCode", sensitive, resource_type AS "resourceType", resource_name AS "resourceName", raw`;

/** A position in the result, (eventTime, id) of a row; results are ordered newest first. */
export interface Keyset {
  eventTime: string;
  id: number;
}

export type PageDirection = "next" | "prev";

/** The WHERE conditions of a filter set, shared by lists, counts and exports. */
export function whereConditions(f: EventFilters): Sql[] {
  const c: Sql[] = [sql`event_time >= ${f.start}`, sql`event_time <= ${f.end}`];
  const allRegions = f.region === ALL_REGIONS;
  if (!allRegions) c.push(sql`query_region = ${f.region}`);
  if (f.eventId) c.push(sql`event_id = ${f.eventId}`);
  if (f.eventRW) c.push(sql`event_rw = ${f.eventRW}`);
  if (f.eventType) c.push(sql`event_type = ${f.eventType}`);
  if (f.user) c.push(sql`user_name = ${f.user}`);
  if (f.service) c.push(sql`service_name = ${f.service}`);
  if (f.eventName) c.push(sql`event_name = ${f.eventName}`);
  if (f.accessKeyId) c.push(sql`access_key_id = ${f.accessKeyId}`);
  if (f.sourceIp) c.push(sql`source_ip = ${f.sourceIp}`);
  if (f.errorCode === "*") c.push(sql`error_code IS NOT NULL`);
  else if (f.errorCode) c.push(sql`error_code = ${f.errorCode}`);
  if (f.sensitive) c.push(sql`sensitive = TRUE`);
  if (f.resourceType || f.resourceName) {
    // Resources live in their own table; its index leads with region, type/name and time.
    const r: Sql[] = [sql`event_time >= ${f.start}`, sql`event_time <= ${f.end}`];
    if (!allRegions) r.push(sql`query_region = ${f.region}`);
    if (f.resourceType) r.push(sql`resource_type = ${f.resourceType}`);
    if (f.resourceName) r.push(sql`resource_name = ${f.resourceName}`);
    c.push(sql`id IN (SELECT event_pk FROM event_resources WHERE ${Prisma.join(r, " AND ")})`);
  }
  return c;
}

/**
 * The SQL of one page: newest first, `limit` rows after (or, for "prev", before) the keyset.
 * "prev" pages come back oldest first; findEventPage puts them back in order.
 */
export function buildEventPageQuery(
  f: EventFilters,
  opts: { after?: Keyset; direction?: PageDirection; limit: number },
): Sql {
  const c = whereConditions(f);
  const prev = opts.direction === "prev";
  if (opts.after) {
    const { eventTime, id } = opts.after;
    // Written so the (region, time) index bounds the range; the OR only breaks ties in time.
    c.push(
      prev
        ? sql`event_time >= ${eventTime} AND (event_time > ${eventTime} OR id > ${id})`
        : sql`event_time <= ${eventTime} AND (event_time < ${eventTime} OR id < ${id})`,
    );
  }
  const order = prev ? sql`ORDER BY event_time ASC, id ASC` : sql`ORDER BY event_time DESC, id DESC`;
  return sql`SELECT ${LIST_COLUMNS} FROM events WHERE ${Prisma.join(c, " AND ")} ${order} LIMIT ${opts.limit}`;
}

function toRow(r: Record<string, unknown>): EventListRow {
  return {
    ...(r as unknown as EventListRow),
    id: Number(r.id),
    sensitive: r.sensitive === true || r.sensitive === 1 || r.sensitive === 1n,
  };
}

export function encodeCursor(k: Keyset, direction: PageDirection): string {
  return Buffer.from(JSON.stringify([direction === "prev" ? "p" : "n", k.eventTime, k.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { after: Keyset; direction: PageDirection } | undefined {
  if (!cursor) return undefined;
  try {
    const [d, eventTime, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if ((d !== "n" && d !== "p") || typeof eventTime !== "string" || !Number.isInteger(id)) return undefined;
    if (Number.isNaN(Date.parse(eventTime))) return undefined;
    return { after: { eventTime, id }, direction: d === "p" ? "prev" : "next" };
  } catch {
    return undefined;
  }
}

export interface EventPage {
  rows: EventListRow[];
  /** Cursor of the next (older) page, if there is one. */
  nextCursor?: string;
  /** Cursor of the previous (newer) page, if this is not the first page. */
  prevCursor?: string;
}

/** Runs a built query: on SQLite through the driver's cached statements, on PostgreSQL through Prisma. */
export async function queryRows(q: Sql): Promise<EventListRow[]> {
  if (dialect() === "sqlite") return (sqliteStatement(q.sql).all(...q.values) as Record<string, unknown>[]).map(toRow);
  await tuneDatabase();
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(q);
  return rows.map(toRow);
}

/** One page of events. One extra row is read to know whether another page follows. */
export async function findEventPage(f: EventFilters, opts: { cursor?: string; limit?: number } = {}): Promise<EventPage> {
  const limit = opts.limit ?? PAGE_SIZE;
  const position = decodeCursor(opts.cursor);
  const direction = position?.direction ?? "next";
  const rows = await queryRows(buildEventPageQuery(f, { after: position?.after, direction, limit: limit + 1 }));
  const more = rows.length > limit;
  if (more) rows.pop();
  if (direction === "prev") rows.reverse();
  const firstRow = rows[0];
  const lastRow = rows[rows.length - 1];
  const page: EventPage = { rows };
  if (rows.length) {
    // Going forward, an older page exists if we read past the limit; a newer one if we came from a cursor.
    const hasOlder = direction === "next" ? more : true;
    const hasNewer = direction === "next" ? !!position : more;
    if (hasOlder) page.nextCursor = encodeCursor(lastRow, "next");
    if (hasNewer) page.prevCursor = encodeCursor(firstRow, "prev");
  }
  return page;
}

/** Every matching event, newest first, read page by page (for exports): never the whole result in memory. */
export async function* iterateEvents(f: EventFilters, batchSize = 1_000): AsyncGenerator<EventListRow> {
  let after: Keyset | undefined;
  for (;;) {
    const rows = await queryRows(buildEventPageQuery(f, { after, limit: batchSize }));
    for (const row of rows) yield row;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1];
  }
}

/** One event by its eventId, in any region and at any age still in the store. */
export async function findEventById(eventId: string): Promise<EventListRow | undefined> {
  const [row] = await queryRows(sql`SELECT ${LIST_COLUMNS} FROM events WHERE event_id = ${eventId} LIMIT 1`);
  return row;
}

/** Suggestions for the service, event name and resource type filters. */
export async function findFacetValues(kind: "service" | "eventName" | "resourceType"): Promise<string[]> {
  const rows = await prisma.eventFacet.findMany({ where: { kind }, select: { value: true }, orderBy: { value: "asc" }, take: 2_000 });
  return rows.map((r) => r.value);
}
