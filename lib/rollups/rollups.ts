// The dashboard's rollups (docs/dashboard-rollups.md): counts per region and UTC hour, per region, UTC
// hour and service (the chart stacked by service), and per region, UTC day and value of each ranked
// dimension. Every writer of the events keeps them in its own transaction:
// ingestion adds the batch's new rows, the retention purge subtracts the rows it deletes, the sensitive
// catalogue's re-flag moves the rows it changes. A rollup is therefore always the aggregate of the events
// it covers; `rebuildRollups` recomputes both tables from the events (the CLI's `rollups rebuild`).
import { dialectSql, join, rawSql, sql, tx, type Sql, type TxWork } from "@/lib/db/sql";

/** The ranked dimensions (lib/stats/top.ts TOP_DIMENSIONS has the same keys) with their events column. */
export const ROLLUP_DIMENSIONS = {
  service: "service_name",
  eventName: "event_name",
  user: "user_name",
  sourceIp: "source_ip",
  accessKeyId: "access_key_id",
  errorCode: "error_code",
} as const;
export type RollupDimension = keyof typeof ROLLUP_DIMENSIONS;

/** The columns of an event a rollup counts (EventRow has them all). */
export interface RollupSource {
  queryRegion: string;
  eventTime: string;
  eventRW: string;
  errorCode: string | null;
  sensitive: boolean;
  serviceName: string;
  eventName: string;
  userName: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
}

const FIELD: Record<RollupDimension, keyof RollupSource> = {
  service: "serviceName",
  eventName: "eventName",
  user: "userName",
  sourceIp: "sourceIp",
  accessKeyId: "accessKeyId",
  errorCode: "errorCode",
};

/** `2026-12-01T21` and `2026-12-01`: prefixes of the canonical ISO time. */
export const HOUR_CHARS = 13;
export const DAY_CHARS = 10;

/** Counts of one region-hour: events, reads, writes, failed, sensitive. */
export type HourCounts = [number, number, number, number, number];

/** What a set of events adds to (or, negated, takes from) the rollups. */
export interface RollupDelta {
  /** `region \0 hour` → counts. */
  hours: Map<string, HourCounts>;
  /** `region \0 hour \0 service` → count. */
  serviceHours: Map<string, number>;
  /** `dimension \0 region \0 day \0 value` → count. */
  days: Map<string, number>;
}

export function emptyDelta(): RollupDelta {
  return { hours: new Map(), serviceHours: new Map(), days: new Map() };
}

/** Adds `sign` × each event to the delta. */
export function addToDelta(delta: RollupDelta, rows: readonly RollupSource[], sign: 1 | -1 = 1): RollupDelta {
  for (const r of rows) {
    const hk = `${r.queryRegion}\u0000${r.eventTime.slice(0, HOUR_CHARS)}`;
    let h = delta.hours.get(hk);
    if (!h) delta.hours.set(hk, (h = [0, 0, 0, 0, 0]));
    h[0] += sign;
    if (r.eventRW === "Read") h[1] += sign;
    else h[2] += sign;
    if (r.errorCode !== null && r.errorCode !== undefined) h[3] += sign;
    if (r.sensitive) h[4] += sign;
    const sk = `${hk}\u0000${r.serviceName}`;
    delta.serviceHours.set(sk, (delta.serviceHours.get(sk) ?? 0) + sign);
    const day = r.eventTime.slice(0, DAY_CHARS);
    for (const d of Object.keys(FIELD) as RollupDimension[]) {
      const v = r[FIELD[d]];
      if (v === null || v === undefined) continue;
      const dk = `${d}\u0000${r.queryRegion}\u0000${day}\u0000${String(v)}`;
      delta.days.set(dk, (delta.days.get(dk) ?? 0) + sign);
    }
  }
  return delta;
}

/** A change of only the sensitive count of region-hours (the catalogue's re-flag). */
export function sensitiveDelta(rows: readonly { queryRegion: string; eventTime: string }[], sign: 1 | -1): RollupDelta {
  const delta = emptyDelta();
  for (const r of rows) {
    const hk = `${r.queryRegion}\u0000${r.eventTime.slice(0, HOUR_CHARS)}`;
    let h = delta.hours.get(hk);
    if (!h) delta.hours.set(hk, (h = [0, 0, 0, 0, 0]));
    h[4] += sign;
  }
  return delta;
}

const HOUR_COLUMNS = ["query_region", "hour", "events", "reads", "writes", "failed", "sensitive"] as const;
const HOUR_UPSERT = `(query_region, hour) DO UPDATE SET events = event_rollup_hours.events + excluded.events,
  reads = event_rollup_hours.reads + excluded.reads, writes = event_rollup_hours.writes + excluded.writes,
  failed = event_rollup_hours.failed + excluded.failed, sensitive = event_rollup_hours.sensitive + excluded.sensitive`;
const SERVICE_HOUR_COLUMNS = ["query_region", "hour", "service", "n"] as const;
const SERVICE_HOUR_UPSERT = "(query_region, service, hour) DO UPDATE SET n = event_rollup_service_hours.n + excluded.n";
const DAY_COLUMNS = ["dimension", "query_region", "day", "value", "n"] as const;
const DAY_UPSERT = "(dimension, query_region, day, value) DO UPDATE SET n = event_rollup_days.n + excluded.n";

/**
 * Applies a delta inside the caller's transaction: one upsert per region-hour and per (dimension, region,
 * day, value). Rows left with no events (a purge took the last ones) are deleted, so a purged hour or day
 * leaves nothing behind.
 */
export function* applyRollupDelta(delta: RollupDelta): TxWork<void> {
  const hours: unknown[][] = [];
  let subtracted = false;
  for (const [k, c] of delta.hours) {
    if (c.every((x) => x === 0)) continue;
    if (c.some((x) => x < 0)) subtracted = true;
    const [region, hour] = k.split("\u0000");
    hours.push([region, hour, ...c]);
  }
  const serviceHours: unknown[][] = [];
  for (const [k, n] of delta.serviceHours) {
    if (n === 0) continue;
    if (n < 0) subtracted = true;
    serviceHours.push([...k.split("\u0000"), n]);
  }
  const days: unknown[][] = [];
  for (const [k, n] of delta.days) {
    if (n === 0) continue;
    if (n < 0) subtracted = true;
    const [dimension, region, day, value] = k.split("\u0000");
    days.push([dimension, region, day, value, n]);
  }
  if (hours.length) yield* tx.insert({ table: "event_rollup_hours", columns: HOUR_COLUMNS, onConflict: HOUR_UPSERT }, hours);
  if (serviceHours.length) {
    yield* tx.insert({ table: "event_rollup_service_hours", columns: SERVICE_HOUR_COLUMNS, onConflict: SERVICE_HOUR_UPSERT }, serviceHours);
  }
  if (days.length) yield* tx.insert({ table: "event_rollup_days", columns: DAY_COLUMNS, onConflict: DAY_UPSERT }, days);
  if (!subtracted) return;
  const hourKeys = [...new Set([...hours, ...serviceHours].map((h) => String(h[1])))];
  for (let i = 0; i < hourKeys.length; i += KEY_CHUNK) {
    const keys = join(hourKeys.slice(i, i + KEY_CHUNK));
    yield* tx.run(sql`DELETE FROM event_rollup_hours WHERE hour IN (${keys}) AND events <= 0`);
    yield* tx.run(sql`DELETE FROM event_rollup_service_hours WHERE query_region IN (${join(regionsOf(serviceHours))}) AND hour IN (${keys}) AND n <= 0`);
  }
  const dayKeys = [...new Set(days.map((d) => String(d[2])))];
  const dims = Object.keys(ROLLUP_DIMENSIONS);
  for (let i = 0; i < dayKeys.length; i += KEY_CHUNK) {
    yield* tx.run(sql`DELETE FROM event_rollup_days WHERE dimension IN (${join(dims)}) AND day IN (${join(dayKeys.slice(i, i + KEY_CHUNK))}) AND n <= 0`);
  }
}

const KEY_CHUNK = 500;

function regionsOf(rows: unknown[][]): string[] {
  const out = [...new Set(rows.map((r) => String(r[0])))];
  return out.length ? out : [""];
}

/** The columns of `events` a RollupSource reads, under its field names (for RETURNING and SELECT). */
export const ROLLUP_SOURCE_COLUMNS: Sql = rawSql(
  `query_region AS "queryRegion", event_time AS "eventTime", event_rw AS "eventRW", error_code AS "errorCode",
   sensitive, service_name AS "serviceName", event_name AS "eventName", user_name AS "userName",
   access_key_id AS "accessKeyId", source_ip AS "sourceIp"`,
);

/** A RollupSource from a record of ROLLUP_SOURCE_COLUMNS (booleans are 1/0 on SQLite). */
export function rollupSource(r: Record<string, unknown>): RollupSource {
  const s = r.sensitive;
  return {
    queryRegion: String(r.queryRegion),
    eventTime: String(r.eventTime),
    eventRW: String(r.eventRW),
    errorCode: (r.errorCode as string | null) ?? null,
    sensitive: s === true || s === 1 || s === 1n,
    serviceName: String(r.serviceName),
    eventName: String(r.eventName),
    userName: (r.userName as string | null) ?? null,
    accessKeyId: (r.accessKeyId as string | null) ?? null,
    sourceIp: (r.sourceIp as string | null) ?? null,
  };
}

/** The rollups' rows as an aggregate over `events` computes them (the rebuild, and tests' reference). */
export function hourAggregateSql(): Sql {
  return sql`SELECT query_region, substr(event_time, 1, ${rawSql(String(HOUR_CHARS))}) AS hour, count(*) AS events,
      count(*) FILTER (WHERE event_rw = 'Read') AS reads, count(*) FILTER (WHERE event_rw <> 'Read') AS writes,
      count(*) FILTER (WHERE error_code IS NOT NULL) AS failed, count(*) FILTER (WHERE sensitive = TRUE) AS sensitive
    FROM events GROUP BY 1, 2`;
}

export function serviceHourAggregateSql(): Sql {
  return sql`SELECT query_region, substr(event_time, 1, ${rawSql(String(HOUR_CHARS))}) AS hour, service_name AS service, count(*) AS n
    FROM events GROUP BY 1, 2, 3`;
}

export function dayAggregateSql(dimension: RollupDimension): Sql {
  const column = rawSql(ROLLUP_DIMENSIONS[dimension]);
  return sql`SELECT CAST(${dimension} AS TEXT) AS dimension, query_region, substr(event_time, 1, ${rawSql(String(DAY_CHARS))}) AS day,
      ${column} AS value, count(*) AS n
    FROM events WHERE ${column} IS NOT NULL GROUP BY 2, 3, 4`;
}

/**
 * Recomputes both rollups from the events in one transaction, while no event can be written: on SQLite
 * every write transaction holds the one writer lock (BEGIN IMMEDIATE); on PostgreSQL the events table is
 * locked against writes (reads go on) until the rebuild commits. Returns the rows written.
 */
export function* rebuildRollupsWork(): TxWork<{ hours: number; serviceHours: number; days: number }> {
  yield* tx.run(dialectSql.lockAgainstWrites("events"));
  yield* tx.run(sql`DELETE FROM event_rollup_hours`);
  yield* tx.run(sql`DELETE FROM event_rollup_service_hours`);
  yield* tx.run(sql`DELETE FROM event_rollup_days`);
  const hours = yield* tx.run(sql`INSERT INTO event_rollup_hours (${rawSql(HOUR_COLUMNS.join(", "))}) ${hourAggregateSql()}`);
  const serviceHours = yield* tx.run(sql`INSERT INTO event_rollup_service_hours (${rawSql(SERVICE_HOUR_COLUMNS.join(", "))}) ${serviceHourAggregateSql()}`);
  let days = 0;
  for (const d of Object.keys(ROLLUP_DIMENSIONS) as RollupDimension[]) {
    days += yield* tx.run(sql`INSERT INTO event_rollup_days (${rawSql(DAY_COLUMNS.join(", "))}) ${dayAggregateSql(d)}`);
  }
  return { hours, serviceHours, days };
}
