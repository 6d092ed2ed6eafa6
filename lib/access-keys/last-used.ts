// AccessKey last-used records (docs/access-key-last-used.md): per AccessKey ID seen in events, its last
// use overall, per service, and per service and IP, event name or resource, and per user, each with the
// first and last time, a count and ActionTrail's Detail of the newest event. Written in the ingestion
// transaction (one upsert per distinct record of a batch, aggregated here first), kept 400 days after
// the last use whatever the query store's retention, and read by GetAccessKeyLastUsed* and the
// console's AccessKey audit.
import { createHash } from "node:crypto";
import { db, join, num, sql, tx, type Sql, type TxWork } from "@/lib/db/sql";
import type { NormalizedEvent } from "@/lib/events/normalize";

/** ActionTrail keeps last-used records for 400 days (docs/access-key-last-used.md "Retention"). */
export const LAST_USED_DAYS = 400;
const DAY_MS = 86_400_000;

export const LAST_USED_KINDS = ["key", "service", "ip", "event", "resource", "user"] as const;
export type LastUsedKind = (typeof LAST_USED_KINDS)[number];

/** Where an event comes from, as ActionTrail's Source field names it (docs/access-key-last-used.md "Source"). */
export type LastUsedSource = "ManagementEvent" | "DataEvent" | "Internal";

export interface LastUsedRecord {
  accessKeyId: string;
  kind: LastUsedKind;
  serviceName: string;
  valueKey: string;
  value: string;
  valueType: string | null;
  firstUsed: string;
  lastUsed: string;
  count: number;
  eventId: string;
  /** ActionTrail's Detail: a JSON text of the newest event's main fields. */
  detail: string;
  source: LastUsedSource;
}

const TABLE = "access_key_last_used";
const COLUMNS = [
  "access_key_id", "kind", "service_name", "value_key", "value", "value_type",
  "first_used", "last_used", "used_count", "event_id", "detail", "source",
] as const;

// The newer event wins the fields that describe the last use; a late older event only widens first_used
// and adds to the count. Ties on the time go to the greater eventId, so the outcome is the same in any order.
const T = TABLE;
const NEWER = `(excluded.last_used > ${T}.last_used OR (excluded.last_used = ${T}.last_used AND excluded.event_id > ${T}.event_id))`;
const newer = (column: string) => `${column} = CASE WHEN ${NEWER} THEN excluded.${column} ELSE ${T}.${column} END`;
const UPSERT = `(access_key_id, kind, service_name, value_key) DO UPDATE SET
  used_count = ${T}.used_count + excluded.used_count,
  first_used = CASE WHEN excluded.first_used < ${T}.first_used THEN excluded.first_used ELSE ${T}.first_used END,
  ${["last_used", "event_id", "detail", "source"].map(newer).join(",\n  ")}`;

/** Values longer than this are keyed by their hash: PostgreSQL's B-tree refuses entries over about 2.7 KB. */
const MAX_KEY_CHARS = 200;

function valueKey(value: string): string {
  return value.length <= MAX_KEY_CHARS ? value : `sha256:${createHash("sha256").update(value).digest("hex")}`;
}

/** The oldest last use still answered at `now`. */
export function lastUsedCutoff(now: Date): string {
  return new Date(now.getTime() - LAST_USED_DAYS * DAY_MS).toISOString();
}

/** The fields of ActionTrail's Detail, in its order (docs/access-key-last-used.md "Detail"). */
const DETAIL_FIELDS = [
  "eventId", "eventVersion", "eventSource", "sourceIpAddress", "eventType", "userIdentity", "serviceName",
  "apiVersion", "requestId", "eventTime", "isGlobal", "acsRegion", "eventName",
] as const;
const IDENTITY_FIELDS = ["accountId", "principalId", "type", "userName"] as const;

function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (source[f] !== undefined) out[f] = source[f];
  return out;
}

/** Detail and Source of one stored event, from its JSON (parsed once per winning event of a batch). */
export function describeEvent(raw: string): { detail: string; source: LastUsedSource } {
  const e = JSON.parse(raw) as Record<string, unknown>;
  const d = pick(e, DETAIL_FIELDS);
  if (e.userIdentity && typeof e.userIdentity === "object") d.userIdentity = pick(e.userIdentity as Record<string, unknown>, IDENTITY_FIELDS);
  const category = typeof e.eventCategory === "string" ? e.eventCategory.toLowerCase() : "";
  const source: LastUsedSource = category === "data" ? "DataEvent" : e.eventType === "AliyunServiceEvent" ? "Internal" : "ManagementEvent";
  return { detail: JSON.stringify(d), source };
}

interface Tally {
  accessKeyId: string;
  kind: LastUsedKind;
  serviceName: string;
  valueKey: string;
  value: string;
  valueType: string | null;
  first: string;
  last: string;
  lastEvent: NormalizedEvent;
  count: number;
}

/**
 * The records a batch of newly stored events makes, one per distinct key, in primary-key order (so two
 * ingesting transactions on PostgreSQL take row locks in the same order). Events older than the 400
 * days are left out: their record would be purged at once.
 */
export function lastUsedRows(events: readonly NormalizedEvent[], now: Date): unknown[][] {
  const cutoff = lastUsedCutoff(now);
  const tallies = new Map<string, Tally>();
  const add = (e: NormalizedEvent, kind: LastUsedKind, serviceName: string, value: string, valueType: string | null = null) => {
    const ak = e.row.accessKeyId!;
    const keyValue = valueType === null ? value : JSON.stringify([valueType, value]);
    const id = `${ak}\u0000${kind}\u0000${serviceName}\u0000${keyValue}`;
    const t = tallies.get(id);
    const time = e.row.eventTime;
    if (!t) {
      tallies.set(id, { accessKeyId: ak, kind, serviceName, valueKey: valueKey(keyValue), value, valueType, first: time, last: time, lastEvent: e, count: 1 });
      return;
    }
    t.count++;
    if (time < t.first) t.first = time;
    if (time > t.last || (time === t.last && e.row.eventId > t.lastEvent.row.eventId)) {
      t.last = time;
      t.lastEvent = e;
    }
  };
  for (const e of events) {
    const { accessKeyId, eventTime, serviceName, sourceIp, eventName, userName } = e.row;
    if (!accessKeyId || eventTime < cutoff) continue;
    add(e, "key", "", "");
    add(e, "service", serviceName, serviceName);
    add(e, "event", serviceName, eventName);
    if (sourceIp) add(e, "ip", serviceName, sourceIp);
    if (userName) add(e, "user", "", userName);
    for (const r of e.resources) add(e, "resource", serviceName, r.name, r.type);
  }
  const described = new Map<string, { detail: string; source: LastUsedSource }>();
  const rows: unknown[][] = [];
  // Sorted on the ids built above (cheap comparisons of ready strings): primary-key order.
  for (const id of [...tallies.keys()].sort()) {
    const t = tallies.get(id)!;
    let d = described.get(t.lastEvent.row.eventId);
    if (!d) described.set(t.lastEvent.row.eventId, (d = describeEvent(t.lastEvent.row.raw)));
    rows.push([t.accessKeyId, t.kind, t.serviceName, t.valueKey, t.value, t.valueType, t.first, t.last, t.count, t.lastEvent.row.eventId, d.detail, d.source]);
  }
  return rows;
}

/** The upserts of lastUsedRows, inside the ingestion transaction. */
export function* upsertLastUsed(rows: unknown[][]): TxWork<void> {
  if (rows.length === 0) return;
  yield* tx.insert({ table: TABLE, columns: COLUMNS, onConflict: UPSERT }, rows);
}

// ---------------------------------------------------------------------------------------------------
// The purge: records whose last use is older than 400 days, in bounded batches.

const PURGE_BATCH = 1_000;
const PURGE_BATCHES = 20;

/** Deletes records last used more than 400 days before `now`; `more` when a further run has work. */
export async function purgeLastUsed(opts: { now?: Date; batchSize?: number; maxBatches?: number } = {}): Promise<{ purged: number; more: boolean }> {
  const cutoff = lastUsedCutoff(opts.now ?? new Date());
  const batch = opts.batchSize ?? PURGE_BATCH;
  let purged = 0;
  for (let b = 0; b < (opts.maxBatches ?? PURGE_BATCHES); b++) {
    // No index on last_used (it would cost every upsert an index update): an hourly run reads the table
    // once when nothing is due; each batch is its own short statement.
    const n = await db.run(sql`DELETE FROM access_key_last_used WHERE (access_key_id, kind, service_name, value_key) IN (
      SELECT access_key_id, kind, service_name, value_key FROM access_key_last_used WHERE last_used < ${cutoff} LIMIT ${batch})`);
    purged += n;
    if (n < batch) return { purged, more: false };
  }
  return { purged, more: true };
}

// ---------------------------------------------------------------------------------------------------
// Reads.

const SELECT = sql`SELECT access_key_id AS "accessKeyId", kind, service_name AS "serviceName", value_key AS "valueKey", value,
  value_type AS "valueType", first_used AS "firstUsed", last_used AS "lastUsed", used_count AS count, event_id AS "eventId", detail, source
  FROM access_key_last_used`;

function record(r: Record<string, unknown>): LastUsedRecord {
  return {
    accessKeyId: String(r.accessKeyId), kind: String(r.kind) as LastUsedKind, serviceName: String(r.serviceName), valueKey: String(r.valueKey),
    value: String(r.value), valueType: r.valueType === null || r.valueType === undefined ? null : String(r.valueType),
    firstUsed: String(r.firstUsed), lastUsed: String(r.lastUsed), count: num(r.count), eventId: String(r.eventId),
    detail: String(r.detail), source: String(r.source) as LastUsedSource,
  };
}

/** The key's own record (its last use in any service), or undefined when it has none in the 400 days. */
export async function findKeyRecord(accessKeyId: string, now = new Date()): Promise<LastUsedRecord | undefined> {
  const r = await db.one(sql`${SELECT} WHERE access_key_id = ${accessKeyId} AND kind = 'key' AND service_name = '' AND value_key = ''
    AND last_used >= ${lastUsedCutoff(now)}`);
  return r ? record(r) : undefined;
}

/** Where a page of records starts: after this record in (last used newest first, value key) order. */
export interface RecordCursor {
  lastUsed: string;
  valueKey: string;
}

/**
 * One page of a key's records of a kind (in one service, or every service when `serviceName` is
 * undefined), newest last use first. The primary key leads with (key, kind, service): the page reads
 * only that key's records of the kind and sorts them.
 */
export async function listRecords(
  accessKeyId: string,
  kind: LastUsedKind,
  opts: { serviceName?: string; limit: number; after?: RecordCursor; now?: Date },
): Promise<{ records: LastUsedRecord[]; more: boolean }> {
  const conditions: Sql[] = [sql`access_key_id = ${accessKeyId}`, sql`kind = ${kind}`, sql`last_used >= ${lastUsedCutoff(opts.now ?? new Date())}`];
  if (opts.serviceName !== undefined) conditions.push(sql`service_name = ${opts.serviceName}`);
  if (opts.after) conditions.push(sql`(last_used < ${opts.after.lastUsed} OR (last_used = ${opts.after.lastUsed} AND value_key > ${opts.after.valueKey}))`);
  const rows = await db.all(sql`${SELECT} WHERE ${join(conditions, " AND ")} ORDER BY last_used DESC, value_key ASC LIMIT ${opts.limit + 1}`);
  return { records: rows.slice(0, opts.limit).map(record), more: rows.length > opts.limit };
}

/** A value's use summed over the services of its records (the console's IPs and resources of a key). */
export interface RecordUsage {
  value: string;
  valueType: string | null;
  count: number;
  firstUsed: string;
  lastUsed: string;
}

/** A key's records of a kind grouped by value across services, most used first; at most `limit`. */
export async function usageByValue(accessKeyId: string, kind: LastUsedKind, limit: number, now = new Date()): Promise<RecordUsage[]> {
  const rows = await db.all(sql`SELECT value, value_type AS "valueType", SUM(used_count) AS n, MIN(first_used) AS first, MAX(last_used) AS last
    FROM access_key_last_used WHERE access_key_id = ${accessKeyId} AND kind = ${kind} AND last_used >= ${lastUsedCutoff(now)}
    GROUP BY value, value_type ORDER BY n DESC, value ASC LIMIT ${limit}`);
  return rows.map((r) => ({
    value: String(r.value), valueType: r.valueType === null || r.valueType === undefined ? null : String(r.valueType),
    count: num(r.n), firstUsed: String(r.first), lastUsed: String(r.last),
  }));
}

/**
 * Keys' own records whose last use is at or after `since` (newest first, or most used first) or, with
 * `before`, older than it (oldest first); at most `limit`. One row per AccessKey ID: the console's list.
 */
export async function listKeyRecords(opts: { since?: string; before?: string; limit: number; mostUsedFirst?: boolean; now?: Date }): Promise<LastUsedRecord[]> {
  const conditions: Sql[] = [sql`kind = 'key'`, sql`last_used >= ${lastUsedCutoff(opts.now ?? new Date())}`];
  if (opts.since) conditions.push(sql`last_used >= ${opts.since}`);
  if (opts.before) conditions.push(sql`last_used < ${opts.before}`);
  const order = opts.mostUsedFirst
    ? sql`used_count DESC, access_key_id ASC`
    : opts.before
      ? sql`last_used ASC, access_key_id ASC`
      : sql`last_used DESC, access_key_id ASC`;
  const rows = await db.all(sql`${SELECT} WHERE ${join(conditions, " AND ")} ORDER BY ${order} LIMIT ${opts.limit}`);
  return rows.map(record);
}

/** The user of a record's event as the console names it: userName, else principalId (lib/events/normalize.ts). */
export function detailUser(detail: string): string | null {
  try {
    const u = (JSON.parse(detail) as { userIdentity?: Record<string, unknown> }).userIdentity ?? {};
    for (const v of [u.userName, u.principalId]) if (typeof v === "string" && v.trim() !== "" && v.trim() !== "null") return v.trim();
  } catch {
    /* a record always holds JSON; nothing to name otherwise */
  }
  return null;
}
