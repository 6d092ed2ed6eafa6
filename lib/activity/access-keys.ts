// AccessKey audit over the events: every AccessKey ID that appears in events.access_key_id (any key,
// not only this console's), with its owner, first and last use and how often it was used.
import { DAY_MS } from "@/lib/events/filters";
import { queryRetentionDays } from "@/lib/config/retention";
import { sql, regionCondition, num, strOrNull, usageRows, UsageTally, type Sql, type UsageRow } from "./sql";
import { db, dialectSql } from "@/lib/db/sql";
import type { EventScope } from "@/lib/events/scope";

/** The list shows this many keys, most used first. */
export const KEY_LIST_LIMIT = 500;
export const KEY_DETAIL_LIMIT = 100;
/**
 * A key is "unused" when its newest event is older than 30 days (or the whole retention, if shorter). Not
 * the retention itself: the worker purges events older than that, so no key could ever be seen unused.
 */
export const UNUSED_ACCESS_KEY_DAYS = 30;

export function unusedAccessKeyDays(): number {
  return Math.min(UNUSED_ACCESS_KEY_DAYS, queryRetentionDays());
}

export interface AccessKeyUsage {
  accessKeyId: string;
  /** The user name on the key's latest event in the scope (an STS key belongs to a role session). */
  owner: string | null;
  firstUsed: string;
  lastUsed: string;
  count: number;
}

function keyRows(rows: Record<string, unknown>[]): AccessKeyUsage[] {
  return rows.map((r) => ({
    accessKeyId: String(r.ak), owner: strOrNull(r.owner), firstUsed: String(r.first), lastUsed: String(r.last), count: num(r.n),
  }));
}

/**
 * The owner is read from the key's newest event only (an index seek on region, key and time), so the
 * grouping itself stays on the covering (query_region, access_key_id, event_time) index.
 */
function ownerOf(region: string): Sql {
  return sql`(SELECT o.user_name FROM events o WHERE ${regionCondition(region, sql`o.query_region`)}
    AND o.access_key_id = g.ak AND o.event_time = g.last LIMIT 1)`;
}

/**
 * SQLite: group keys on the (query_region, access_key_id, event_time) index alone. Left to itself the
 * planner takes the (region, time) index for a window and reads every event row (measured at 1M events:
 * 30 days of one region 2.2 s that way).
 */
function keyIndex(): Sql {
  return dialectSql.indexedBy("events_region_ak_time");
}

/** Keys used in the scope's region and window, most used first. */
export async function listAccessKeys(scope: EventScope): Promise<{ keys: AccessKeyUsage[]; total: number }> {
  const rows = await db.all(sql`SELECT g.ak, g.n, g.first, g.last, ${ownerOf(scope.region)} AS owner FROM (
      SELECT access_key_id AS ak, COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last FROM events ${keyIndex()}
      WHERE ${regionCondition(scope.region)} AND access_key_id IS NOT NULL AND event_time >= ${scope.start} AND event_time <= ${scope.end}
      GROUP BY access_key_id) g
    ORDER BY g.n DESC, g.ak ASC LIMIT ${KEY_LIST_LIMIT + 1}`);
  const keys = keyRows(rows);
  return { keys: keys.slice(0, KEY_LIST_LIMIT), total: keys.length };
}

/**
 * Keys whose newest event in the query store, in any region, is older than unusedAccessKeyDays() before
 * `now`. The query store holds as many days, so this sees only keys whose older events are still kept;
 * a key with no event left at all cannot be seen here. Whole table, no window: the newest use decides.
 */
export async function listUnusedAccessKeys(now: Date = new Date()): Promise<AccessKeyUsage[]> {
  const cutoff = new Date(now.getTime() - unusedAccessKeyDays() * DAY_MS).toISOString();
  const rows = await db.all(sql`SELECT g.ak, g.n, g.first, g.last, ${ownerOf("all")} AS owner FROM (
      SELECT access_key_id AS ak, COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last FROM events ${keyIndex()}
      WHERE ${regionCondition("all")} AND access_key_id IS NOT NULL
      GROUP BY access_key_id HAVING MAX(event_time) < ${cutoff}) g
    ORDER BY g.last ASC, g.ak ASC LIMIT ${KEY_LIST_LIMIT}`);
  return keyRows(rows);
}

export interface ResourceUsage extends UsageRow {
  type: string;
}

export interface AccessKeyDetail {
  total: number;
  firstUsed: string | null;
  lastUsed: string | null;
  owners: UsageRow[];
  sourceIps: UsageRow[];
  services: UsageRow[];
  resources: ResourceUsage[];
}

function keyWhere(accessKeyId: string, scope: EventScope, prefix = sql``): Sql {
  return sql`${regionCondition(scope.region, sql`${prefix}query_region`)} AND ${prefix}access_key_id = ${accessKeyId}
    AND ${prefix}event_time >= ${scope.start} AND ${prefix}event_time <= ${scope.end}`;
}

/** What one key did in the scope: who used it, from where, on which services and resources. */
export async function findAccessKeyDetail(accessKeyId: string, scope: EventScope): Promise<AccessKeyDetail> {
  const where = keyWhere(accessKeyId, scope);
  const [groups, resources] = await Promise.all([
    // One pass over the key's events for owners, IPs and services (each row read once).
    db.all(sql`SELECT user_name AS u, source_ip AS ip, service_name AS s, COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last
      FROM events WHERE ${where} GROUP BY 1, 2, 3`),
    // The key's events, then their referenced resources (event_resources.event_pk is indexed).
    db.all(sql`SELECT r.resource_type AS type, r.resource_name AS value, COUNT(*) AS n, MIN(r.event_time) AS first, MAX(r.event_time) AS last
      FROM events e JOIN event_resources r ON r.event_pk = e.id WHERE ${keyWhere(accessKeyId, scope, sql`e.`)}
      GROUP BY r.resource_type, r.resource_name ORDER BY n DESC, value ASC LIMIT ${KEY_DETAIL_LIMIT}`),
  ]);
  const owners = new UsageTally();
  const sourceIps = new UsageTally();
  const services = new UsageTally();
  let total = 0;
  let firstUsed: string | null = null;
  let lastUsed: string | null = null;
  for (const g of groups) {
    const [n, first, last] = [num(g.n), String(g.first), String(g.last)];
    total += n;
    if (firstUsed === null || first < firstUsed) firstUsed = first;
    if (lastUsed === null || last > lastUsed) lastUsed = last;
    owners.add(strOrNull(g.u), n, first, last);
    sourceIps.add(strOrNull(g.ip), n, first, last);
    services.add(String(g.s), n, first, last);
  }
  return {
    total,
    firstUsed,
    lastUsed,
    owners: owners.top(KEY_DETAIL_LIMIT),
    sourceIps: sourceIps.top(KEY_DETAIL_LIMIT),
    services: services.top(KEY_DETAIL_LIMIT),
    resources: resources.map((r) => ({ ...usageRows([r])[0], type: String(r.type) })),
  };
}
