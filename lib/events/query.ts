// THE event query builder: the Event Detail Query page, the export, the compatible API and the
// benchmark all build their SQL here, so a filter means the same thing everywhere.
import { prisma } from "@/lib/db";
import { bool, db, join, rawSql, sql, type DbRecord, type Sql } from "@/lib/db/sql";
import { logStoreName } from "@/lib/trails/rules";
import { MATCH_COLUMNS, matchesFilters, type MatchRow, type MatchRowKey } from "./filter-spec";
import { columnConditions, resourceConditions } from "./filter-sql";
import { ALL_REGIONS, PAGE_SIZE, type EventFilters, type LogStoreInfo } from "./filters";
import { normalizeEvent, type ResourceRef } from "./normalize";
import { parseEvent } from "./schema";
import { loadSensitiveNames, sensitivityRule } from "./sensitive-catalog";

/** The columns an event list returns: the indexed fields plus the original JSON. */
export interface EventListRow extends MatchRow {
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
  /** Set when the row was read from a log store rather than the query store. */
  logStore?: string;
  /** Provenance (lib/events/origin.ts); origin and ingestTokenId ride along as filter columns. */
  originChannel?: string | null;
  ingestTokenLabel?: string | null;
}

const SHOWN_COLUMNS = `id, event_id AS "eventId", event_time AS "eventTime", query_region AS "queryRegion",
  acs_region AS "acsRegion", service_name AS "serviceName", event_name AS "eventName", event_type AS "eventType",
  event_rw AS "eventRW", user_name AS "userName", access_key_id AS "accessKeyId", source_ip AS "sourceIp",
  error_code AS "errorCode", sensitive, resource_type AS "resourceType", resource_name AS "resourceName", raw,
  origin_channel AS "originChannel", ingest_token_label AS "ingestTokenLabel"`;
/** A filter's column the table does not show rides along, so the JS matcher can test it (its names are the spec's, never input). */
const MATCH_ONLY_COLUMNS = MATCH_COLUMNS.filter((c) => !SHOWN_COLUMNS.includes(`"${c.rowKey}"`)).map((c) => `, ${c.column} AS "${c.rowKey}"`);
export const LIST_COLUMNS = rawSql(SHOWN_COLUMNS + MATCH_ONLY_COLUMNS.join(""));

/** A position in the result, (eventTime, id) of a row; results are ordered newest first. */
export interface Keyset {
  eventTime: string;
  id: number;
}

export type PageDirection = "next" | "prev";

/** The WHERE conditions of a filter set, shared by lists, counts and exports. */
export function whereConditions(f: EventFilters, resourcePks?: readonly number[]): Sql[] {
  const c: Sql[] = [sql`event_time >= ${f.start}`, sql`event_time <= ${f.end}`];
  if (f.region !== ALL_REGIONS) c.push(sql`query_region = ${f.region}`);
  c.push(...columnConditions(f));
  if (resourcePks) {
    // A rare resource, looked up first (probeResourcePks): its events by id.
    c.push(resourcePks.length ? sql`id IN (${join(padIdList(resourcePks))})` : sql`1 = 0`);
  } else if (resourceConditions(f).length) {
    // Resources live in their own table; its index leads with region, type/name and time.
    c.push(sql`id IN (SELECT event_pk FROM event_resources WHERE ${join(resourceWhere(f), " AND ")})`);
  }
  return c;
}

/** The conditions on event_resources of a resource filter: the window, the region and the resource. */
function resourceWhere(f: EventFilters): Sql[] {
  const r: Sql[] = [sql`event_time >= ${f.start}`, sql`event_time <= ${f.end}`];
  if (f.region !== ALL_REGIONS) r.push(sql`query_region = ${f.region}`);
  return [...r, ...resourceConditions(f)];
}

/** Past this many referencing rows a resource is common, and the page walks the time index instead. */
export const RESOURCE_PROBE_LIMIT = 256;

/**
 * The probe of a resource filter in one region: at most RESOURCE_PROBE_LIMIT + 1 event ids from the
 * resource index. Without it the planner walks the region's whole window on the time index and tests
 * each event against the resource table (48 ms for a name seen once in 90 days at 1M events).
 */
export function buildResourceProbeQuery(f: EventFilters): Sql | undefined {
  if (!resourceConditions(f).length || f.region === ALL_REGIONS || f.logStore) return undefined;
  return sql`SELECT event_pk AS "pk" FROM event_resources WHERE ${join(resourceWhere(f), " AND ")} LIMIT ${RESOURCE_PROBE_LIMIT + 1}`;
}

/** The probe's answer: the ids when the resource is rare, else undefined (use the subquery). */
export function resourcePksFromProbe(rows: readonly Record<string, unknown>[]): number[] | undefined {
  return rows.length > RESOURCE_PROBE_LIMIT ? undefined : [...new Set(rows.map((r) => Number(r.pk)))];
}

export async function probeResourcePks(f: EventFilters): Promise<number[] | undefined> {
  const q = buildResourceProbeQuery(f);
  return q ? resourcePksFromProbe(await queryRecords(q)) : undefined;
}

/** Id lists are padded to a power of two (repeating the last id), so they make few statement shapes. */
function padIdList(ids: readonly number[]): number[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  return [...ids, ...Array<number>(size - ids.length).fill(ids[ids.length - 1])];
}

/**
 * The SQL of one page: newest first, `limit` rows after (or, for "prev", before) the keyset.
 * "prev" pages come back oldest first; findEventPage puts them back in order.
 */
export function buildEventPageQuery(
  f: EventFilters,
  opts: { after?: Keyset; direction?: PageDirection; limit: number; resourcePks?: readonly number[] },
): Sql {
  if (f.logStore) return buildLogStorePageQuery(f, opts);
  return keysetPage(sql`SELECT ${LIST_COLUMNS} FROM events`, whereConditions(f, opts.resourcePks), opts);
}

/** Adds the keyset position and order to a SELECT and its conditions (same for both stores). */
function keysetPage(select: Sql, c: Sql[], opts: { after?: Keyset; direction?: PageDirection; limit: number }): Sql {
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
  return sql`${select} WHERE ${join(c, " AND ")} ${order} LIMIT ${opts.limit}`;
}

// ---------------------------------------------------------------------------------------------------
// Log stores. A log store row has only log_store, event_id, event_time, query_region and raw: those
// conditions run in SQL; every other filter runs on the columns normalizeEvent derives from the raw JSON
// (the very derivation ingestion uses), so a filter means the same thing on both sources.

/** A log store page examines at most this many rows; past it the page offers to continue. */
export const LOG_STORE_SCAN_LIMIT = 20_000;
const LOG_STORE_BATCH = 1_000;

/** The provenance a log store row carries (copied at delivery, lib/delivery/log-store.ts). */
const PROVENANCE_COLUMNS = `origin, origin_channel AS "originChannel", ingest_token_id AS "ingestTokenId", ingest_token_label AS "ingestTokenLabel"`;
const PROVENANCE_KEYS = ["origin", "ingestTokenId"] as const;

function provenanceOf(r: Record<string, unknown>) {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { origin: text(r.origin), originChannel: text(r.originChannel), ingestTokenId: text(r.ingestTokenId), ingestTokenLabel: text(r.ingestTokenLabel) };
}

const LOG_STORE_COLUMNS = sql`id, log_store AS "logStore", event_id AS "eventId", event_time AS "eventTime",
  query_region AS "queryRegion", raw, ${rawSql(PROVENANCE_COLUMNS)}`;

/** The SQL conditions of a log store read: the log store, the window, the region and the event ID. */
export function logStoreConditions(f: EventFilters): Sql[] {
  const c: Sql[] = [sql`log_store = ${f.logStore ?? ""}`, sql`event_time >= ${f.start}`, sql`event_time <= ${f.end}`];
  if (f.region !== ALL_REGIONS) c.push(sql`query_region = ${f.region}`);
  if (f.eventId) c.push(sql`event_id = ${f.eventId}`);
  return c;
}

/** One batch of log store rows in keyset order (the filters on raw JSON are applied afterwards). */
export function buildLogStorePageQuery(f: EventFilters, opts: { after?: Keyset; direction?: PageDirection; limit: number }): Sql {
  return keysetPage(sql`SELECT ${LOG_STORE_COLUMNS} FROM log_store_events`, logStoreConditions(f), opts);
}

type IsSensitive = ReturnType<typeof sensitivityRule>;

/** The filter fields of a row (MATCH_COLUMNS), each read by `value`. */
function matchFields(value: (key: MatchRowKey) => string | null): Required<Omit<MatchRow, "queryRegion" | "sensitive">> {
  return Object.fromEntries(MATCH_COLUMNS.map((c) => [c.rowKey, value(c.rowKey)])) as Required<Omit<MatchRow, "queryRegion" | "sensitive">>;
}

/** A log store row as an event list row, its columns derived from the raw JSON, with its resources. */
export function logStoreRow(r: Record<string, unknown>, isSensitive: IsSensitive): { row: EventListRow; resources: ResourceRef[] } {
  const raw = String(r.raw);
  const base = { id: Number(r.id), logStore: String(r.logStore), raw };
  let parsed: ReturnType<typeof parseEvent> | undefined;
  try {
    parsed = parseEvent(JSON.parse(raw));
  } catch {
    parsed = undefined;
  }
  if (parsed?.ok) {
    const { row, resources } = normalizeEvent(parsed.event, raw, isSensitive);
    const provenance = provenanceOf(r);
    return {
      resources,
      row: {
        ...base,
        // Provenance is never in the JSON: the log store row's own columns carry it.
        ...matchFields((k) => ((PROVENANCE_KEYS as readonly string[]).includes(k) ? provenance[k as (typeof PROVENANCE_KEYS)[number]] : row[k as Exclude<MatchRowKey, (typeof PROVENANCE_KEYS)[number]>])),
        originChannel: provenance.originChannel,
        ingestTokenLabel: provenance.ingestTokenLabel,
        eventId: row.eventId, eventTime: String(r.eventTime), queryRegion: String(r.queryRegion), acsRegion: row.acsRegion,
        serviceName: row.serviceName, eventName: row.eventName, eventType: row.eventType, eventRW: row.eventRW,
        sensitive: row.sensitive, resourceType: row.resourceType, resourceName: row.resourceName,
      },
    };
  }
  // Delivered events were validated at ingestion; should one not parse, list it with what the columns say.
  return {
    resources: [],
    row: {
      ...base,
      ...matchFields(() => null),
      ...provenanceOf(r),
      eventId: String(r.eventId), eventTime: String(r.eventTime), queryRegion: String(r.queryRegion),
      acsRegion: String(r.queryRegion), serviceName: "", eventName: "", eventType: "", eventRW: "", sensitive: false,
      resourceType: null, resourceName: null,
    },
  };
}

/**
 * Whether a derived row meets the filter set (region included, the window not): the JS twin of
 * whereConditions, for log store rows and alert rules (lib/events/filter-spec.ts).
 */
export function matchesDerivedFilters(f: EventFilters, row: EventListRow, resources: ResourceRef[]): boolean {
  if (f.region !== ALL_REGIONS && row.queryRegion !== f.region) return false;
  return matchesFilters(f, row, resources);
}

/** Runs a built query and returns its records as the driver gives them (aggregates, log store rows). */
export function queryRecords(q: Sql): Promise<DbRecord[]> {
  return db.all(q);
}

/**
 * Reads a log store from `after` in `direction`, keeping rows that match every filter, until `want`
 * matched or `scanLimit` rows were examined. `frontier` is the last row examined; `exhausted` says the
 * log store had no more rows in that direction.
 */
async function scanLogStore(
  f: EventFilters,
  opts: { after?: Keyset; direction: PageDirection; want: number; scanLimit: number },
): Promise<{ matches: EventListRow[]; frontier?: Keyset; exhausted: boolean; examined: number }> {
  const isSensitive = sensitivityRule(await loadSensitiveNames());
  const matches: EventListRow[] = [];
  let after = opts.after;
  let examined = 0;
  while (examined < opts.scanLimit) {
    const batch = Math.min(LOG_STORE_BATCH, opts.scanLimit - examined);
    const records = await queryRecords(buildLogStorePageQuery(f, { after, direction: opts.direction, limit: batch }));
    for (const r of records) {
      examined++;
      const { row, resources } = logStoreRow(r, isSensitive);
      after = { eventTime: row.eventTime, id: row.id };
      if (matchesDerivedFilters(f, row, resources)) {
        matches.push(row);
        if (matches.length >= opts.want) return { matches, frontier: after, exhausted: false, examined };
      }
    }
    if (records.length < batch) return { matches, frontier: after, exhausted: true, examined };
  }
  // At the bound: is there anything left to continue with?
  const rest = await queryRecords(buildLogStorePageQuery(f, { after, direction: opts.direction, limit: 1 }));
  return { matches, frontier: after, exhausted: rest.length === 0, examined };
}

/** The log stores of the trails that have one enabled (the inner trail included), with their retention. */
export async function listLogStores(): Promise<LogStoreInfo[]> {
  const trails = await prisma.trail.findMany({
    where: { logStoreEnabled: true },
    select: { name: true, kind: true, logStoreRetentionDays: true },
    orderBy: { name: "asc" },
  });
  // The inner trail's innertrail_<name> is read like any other (docs/inner-trail.md).
  return trails.map((t) => ({ name: logStoreName(t.name, t.kind), trail: t.name, retentionDays: t.logStoreRetentionDays }));
}

function toRow(r: DbRecord): EventListRow {
  return { ...(r as unknown as EventListRow), id: Number(r.id), sensitive: bool(r.sensitive) };
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
  /**
   * Log stores only: the page stopped after examining this many rows without filling up; the cursor in
   * the direction of travel continues the search from there.
   */
  scanLimited?: number;
}

/** Runs a built query of LIST_COLUMNS. */
export async function queryRows(q: Sql): Promise<EventListRow[]> {
  return (await db.all(q)).map(toRow);
}

/** One page of events. One extra row is read to know whether another page follows. */
export async function findEventPage(
  f: EventFilters,
  opts: { cursor?: string; limit?: number; scanLimit?: number } = {},
): Promise<EventPage> {
  const limit = opts.limit ?? PAGE_SIZE;
  const position = decodeCursor(opts.cursor);
  const direction = position?.direction ?? "next";
  if (f.logStore) return findLogStorePage(f, { position, direction, limit, scanLimit: opts.scanLimit ?? LOG_STORE_SCAN_LIMIT });
  const resourcePks = await probeResourcePks(f);
  const rows = await queryRows(buildEventPageQuery(f, { after: position?.after, direction, limit: limit + 1, resourcePks }));
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

/** A page of a log store: a bounded scan, filtered in JS, with the same keyset cursors as the query store. */
async function findLogStorePage(
  f: EventFilters,
  o: { position?: { after: Keyset }; direction: PageDirection; limit: number; scanLimit: number },
): Promise<EventPage> {
  const scan = await scanLogStore(f, { after: o.position?.after, direction: o.direction, want: o.limit + 1, scanLimit: o.scanLimit });
  const more = scan.matches.length > o.limit;
  const rows = scan.matches.slice(0, o.limit);
  const limited = !more && !scan.exhausted;
  const page: EventPage = { rows };
  if (limited) page.scanLimited = scan.examined;
  if (o.direction === "next") {
    if (more) page.nextCursor = encodeCursor(rows[rows.length - 1], "next");
    else if (limited && scan.frontier) page.nextCursor = encodeCursor(scan.frontier, "next");
    // Newer rows exist if we came from a cursor: from the first row found, or where we started.
    const newest = rows[0] ?? o.position?.after;
    if (o.position && newest) page.prevCursor = encodeCursor(newest, "prev");
  } else {
    if (more) page.prevCursor = encodeCursor(rows[rows.length - 1], "prev");
    else if (limited && scan.frontier) page.prevCursor = encodeCursor(scan.frontier, "prev");
    // Older rows always exist (we came from them): after the oldest row found, or every row examined.
    const oldest = rows[0] ?? scan.frontier;
    if (oldest) page.nextCursor = encodeCursor(oldest, "next");
    rows.reverse();
  }
  return page;
}

/** Every matching event, newest first, read page by page (for exports): never the whole result in memory. */
export async function* iterateEvents(f: EventFilters, batchSize = 1_000): AsyncGenerator<EventListRow> {
  if (f.logStore) {
    let after: Keyset | undefined;
    for (;;) {
      const scan = await scanLogStore(f, { after, direction: "next", want: Number.POSITIVE_INFINITY, scanLimit: batchSize });
      for (const row of scan.matches) yield row;
      if (scan.exhausted || !scan.frontier) return;
      after = scan.frontier;
    }
  }
  let after: Keyset | undefined;
  for (;;) {
    const rows = await queryRows(buildEventPageQuery(f, { after, limit: batchSize }));
    for (const row of rows) yield row;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1];
  }
}

/**
 * One event by its eventId, in any region and at any age still in the query store; past that, from
 * whichever log store still keeps it (the row then says which).
 */
export async function findEventById(eventId: string): Promise<EventListRow | undefined> {
  const [row] = await queryRows(sql`SELECT ${LIST_COLUMNS} FROM events WHERE event_id = ${eventId} LIMIT 1`);
  if (row) return row;
  const [record] = await queryRecords(
    sql`SELECT ${LOG_STORE_COLUMNS} FROM log_store_events WHERE event_id = ${eventId} ORDER BY id ASC LIMIT 1`,
  );
  if (!record) return undefined;
  return logStoreRow(record, sensitivityRule(await loadSensitiveNames())).row;
}

/** Suggestions for the service, event name and resource type filters. */
export async function findFacetValues(kind: "service" | "eventName" | "resourceType"): Promise<string[]> {
  const rows = await prisma.eventFacet.findMany({ where: { kind }, select: { value: true }, orderBy: { value: "asc" }, take: 2_000 });
  return rows.map((r) => r.value);
}

/** How many events of the query store match (GetEventsCount); an index range count, never rows in memory. */
export async function countEvents(f: EventFilters): Promise<number> {
  const [r] = await queryRecords(sql`SELECT COUNT(*) AS n FROM events WHERE ${join(whereConditions(f), " AND ")}`);
  return Number(r?.n ?? 0);
}
