// What one RAM user or role (events.user_name) did in a region and window: aggregates over the
// (query_region, user_name, event_time) index, plus short lists of the latest notable events.
import { Prisma } from "@/generated/prisma/client";
import { dialect } from "@/lib/db";
import { sql, queryAll, regionCondition, num, strOrNull, usageRows, type ActivityScope, type Sql, type UsageRow } from "./sql";
import { ALL_REGIONS } from "@/lib/events/filters";
import { GLOBAL_EVENTS_REGION } from "@/lib/events/regions";

/** How many rows each list shows; the counts above them are exact. */
export const LIST_LIMIT = 50;
export const LATEST_LIMIT = 20;

export interface ActivityBucket {
  /** Start of the hour or day, ISO. */
  time: string;
  count: number;
  failed: number;
}

export interface LatestEvent {
  eventId: string;
  eventTime: string;
  eventName: string;
  serviceName: string;
  sourceIp: string | null;
  accessKeyId: string | null;
  errorCode: string | null;
  queryRegion: string;
}

export interface SigninEvent extends LatestEvent {
  /** additionalEventData.MFAUsed of the stored event: true, false, or null when it does not say. */
  mfaUsed: boolean | null;
}

export interface UserActivity {
  total: number;
  failedTotal: number;
  sensitiveTotal: number;
  firstSeen: string | null;
  lastSeen: string | null;
  bucket: "hour" | "day";
  timeline: ActivityBucket[];
  services: UsageRow[];
  eventNames: (UsageRow & { service: string })[];
  sourceIps: UsageRow[];
  userAgents: UsageRow[];
  accessKeys: UsageRow[];
  failures: LatestEvent[];
  sensitive: LatestEvent[];
  signins: SigninEvent[];
  /** The region the sign-ins were read from (they are global events). */
  signinRegion: string;
}

const DAY_MS = 86_400_000;

/** Hours for windows up to 3 days, days beyond: a chart of 24-90 bars, never thousands. */
export function bucketFor(scope: ActivityScope): "hour" | "day" {
  return Date.parse(scope.end) - Date.parse(scope.start) <= 3 * DAY_MS ? "hour" : "day";
}

function userWhere(user: string, scope: ActivityScope, region = scope.region): Sql {
  return sql`${regionCondition(region)} AND user_name = ${user} AND event_time >= ${scope.start} AND event_time <= ${scope.end}`;
}

const LATEST_COLUMNS = sql`event_id AS "eventId", event_time AS "eventTime", event_name AS "eventName",
  service_name AS "serviceName", source_ip AS "sourceIp", access_key_id AS "accessKeyId", error_code AS "errorCode",
  query_region AS "queryRegion"`;

function latestRow(r: Record<string, unknown>): LatestEvent {
  return {
    eventId: String(r.eventId), eventTime: String(r.eventTime), eventName: String(r.eventName), serviceName: String(r.serviceName),
    sourceIp: strOrNull(r.sourceIp), accessKeyId: strOrNull(r.accessKeyId), errorCode: strOrNull(r.errorCode), queryRegion: String(r.queryRegion),
  };
}

/** additionalEventData.MFAUsed, which ActionTrail writes as the string "true"/"false". */
export function mfaUsedOf(raw: string): boolean | null {
  try {
    const v = (JSON.parse(raw) as { additionalEventData?: { MFAUsed?: unknown } }).additionalEventData?.MFAUsed;
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    return null;
  } catch {
    return null;
  }
}

/** The user agent is not a column: read from the stored JSON of the user's events in the window. */
function userAgentExpr(): Sql {
  return dialect() === "sqlite" ? sql`json_extract(raw, '$.userAgent')` : sql`(raw::jsonb ->> 'userAgent')`;
}

async function group(column: Sql, where: Sql, limit = LIST_LIMIT): Promise<UsageRow[]> {
  const rows = await queryAll(sql`SELECT ${column} AS value, COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last
    FROM events WHERE ${where} AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY n DESC, value ASC LIMIT ${limit}`);
  return usageRows(rows);
}

/** Every hour or day of the window, with zeros where the user did nothing, so the chart spans the window. */
export function fillBuckets(counts: ActivityBucket[], scope: ActivityScope, bucket: "hour" | "day"): ActivityBucket[] {
  const step = bucket === "hour" ? 3_600_000 : DAY_MS;
  const byTime = new Map(counts.map((b) => [b.time, b]));
  const out: ActivityBucket[] = [];
  const first = Math.floor(Date.parse(scope.start) / step) * step;
  for (let t = first; t <= Date.parse(scope.end); t += step) {
    const time = new Date(t).toISOString();
    out.push(byTime.get(time) ?? { time, count: 0, failed: 0 });
  }
  return out;
}

export async function findUserActivity(user: string, scope: ActivityScope): Promise<UserActivity> {
  const where = userWhere(user, scope);
  const bucket = bucketFor(scope);
  // A literal, not a parameter: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const len = Prisma.raw(bucket === "hour" ? "13" : "10");
  // Sign-ins are global events: listed under Singapore whatever region the page shows.
  const signinRegion = scope.region === ALL_REGIONS ? ALL_REGIONS : GLOBAL_EVENTS_REGION;
  const [totals, timeline, services, eventNames, sourceIps, userAgents, accessKeys, failures, sensitive, signins] = await Promise.all([
    queryAll(sql`SELECT COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last,
      SUM(CASE WHEN error_code IS NOT NULL THEN 1 ELSE 0 END) AS failed,
      SUM(CASE WHEN sensitive THEN 1 ELSE 0 END) AS sens FROM events WHERE ${where}`),
    queryAll(sql`SELECT substr(event_time, 1, ${len}) AS t, COUNT(*) AS n,
      SUM(CASE WHEN error_code IS NOT NULL THEN 1 ELSE 0 END) AS failed
      FROM events WHERE ${where} GROUP BY substr(event_time, 1, ${len}) ORDER BY t`),
    group(sql`service_name`, where),
    queryAll(sql`SELECT service_name AS service, event_name AS value, COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last
      FROM events WHERE ${where} GROUP BY service_name, event_name ORDER BY n DESC, value ASC LIMIT ${LIST_LIMIT}`),
    group(sql`source_ip`, where),
    group(userAgentExpr(), where),
    group(sql`access_key_id`, where),
    queryAll(sql`SELECT ${LATEST_COLUMNS} FROM events WHERE ${where} AND error_code IS NOT NULL
      ORDER BY event_time DESC, id DESC LIMIT ${LATEST_LIMIT}`),
    queryAll(sql`SELECT ${LATEST_COLUMNS} FROM events WHERE ${where} AND sensitive = TRUE
      ORDER BY event_time DESC, id DESC LIMIT ${LATEST_LIMIT}`),
    // MFA is read from the stored JSON of these few rows only, never across the window.
    queryAll(sql`SELECT ${LATEST_COLUMNS}, raw FROM events WHERE ${userWhere(user, scope, signinRegion)} AND event_name = 'ConsoleSignin'
      ORDER BY event_time DESC, id DESC LIMIT ${LATEST_LIMIT}`),
  ]);
  const t = totals[0] ?? {};
  const total = num(t.n);
  return {
    total,
    failedTotal: num(t.failed),
    sensitiveTotal: num(t.sens),
    firstSeen: total ? strOrNull(t.first) : null,
    lastSeen: total ? strOrNull(t.last) : null,
    bucket,
    timeline: fillBuckets(
      timeline.map((r) => ({
        time: bucket === "hour" ? `${String(r.t)}:00:00.000Z` : `${String(r.t)}T00:00:00.000Z`,
        count: num(r.n),
        failed: num(r.failed),
      })),
      scope,
      bucket,
    ),
    services,
    eventNames: eventNames.map((r) => ({ ...usageRows([r])[0], service: String(r.service) })),
    sourceIps,
    userAgents,
    accessKeys,
    failures: failures.map(latestRow),
    sensitive: sensitive.map(latestRow),
    signins: signins.map((r) => ({ ...latestRow(r), mfaUsed: mfaUsedOf(String(r.raw)) })),
    signinRegion,
  };
}
