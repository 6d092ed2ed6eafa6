// What one RAM user or role (events.user_name) did in a region and window: aggregates over the
// (query_region, user_name, event_time) index, plus short lists of the latest notable events.
import { Prisma } from "@/generated/prisma/client";
import { sql, regionCondition, num, strOrNull, UsageTally, type Sql, type UsageRow } from "./sql";
import { db, dialectSql } from "@/lib/db/sql";
import { ALL_REGIONS } from "@/lib/events/filters";
import { GLOBAL_EVENTS_REGION } from "@/lib/events/regions";
import type { EventListRow } from "@/lib/events/query";
import type { EventScope } from "@/lib/events/scope";

/** How many rows each list shows; the counts above them are exact. */
export const LIST_LIMIT = 50;
export const LATEST_LIMIT = 20;

export interface ActivityBucket {
  /** Start of the hour or day, ISO. */
  time: string;
  count: number;
  failed: number;
}

/** A row of the latest-event lists: indexed columns of the query store only, never the raw JSON. */
export type LatestEvent = Pick<EventListRow, "eventId" | "eventTime" | "eventName" | "serviceName" | "sourceIp" | "accessKeyId" | "errorCode" | "queryRegion">;

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
export function bucketFor(scope: EventScope): "hour" | "day" {
  return Date.parse(scope.end) - Date.parse(scope.start) <= 3 * DAY_MS ? "hour" : "day";
}

function userWhere(user: string, scope: EventScope, region = scope.region): Sql {
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
  return dialectSql.jsonText(sql`raw`, "userAgent");
}

/** Every hour or day of the window, with zeros where the user did nothing, so the chart spans the window. */
export function fillBuckets(counts: ActivityBucket[], scope: EventScope, bucket: "hour" | "day"): ActivityBucket[] {
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

interface BucketTally {
  count: number;
  failed: number;
  sensitive: number;
}

/**
 * The start of the newest buckets that together hold `want` matching events: a "latest N" query then
 * reads from there instead of walking back through every event of a busy user.
 */
function latestFrom(buckets: Map<string, BucketTally>, pick: (b: BucketTally) => number, want: number, scope: EventScope): string {
  let seen = 0;
  for (const time of [...buckets.keys()].sort().reverse()) {
    seen += pick(buckets.get(time)!);
    if (seen >= want) return time > scope.start ? time : scope.start;
  }
  return scope.start;
}

export async function findUserActivity(user: string, scope: EventScope): Promise<UserActivity> {
  const where = userWhere(user, scope);
  const bucket = bucketFor(scope);
  // A literal, not a parameter: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const len = Prisma.raw(bucket === "hour" ? "13" : "10");
  // Sign-ins are global events: listed under Singapore whatever region the page shows.
  const signinRegion = scope.region === ALL_REGIONS ? ALL_REGIONS : GLOBAL_EVENTS_REGION;
  // One pass over the user's events answers every count and list: each row is read once (the row reads,
  // not the grouping, are what a busy user costs). Groups are bounded by the distinct combinations.
  const groupsP = db.all(sql`SELECT service_name AS s, event_name AS e, source_ip AS ip, access_key_id AS ak, ${userAgentExpr()} AS ua,
      substr(event_time, 1, ${len}) AS b, CASE WHEN error_code IS NOT NULL THEN 1 ELSE 0 END AS f, CASE WHEN sensitive THEN 1 ELSE 0 END AS sv,
      COUNT(*) AS n, MIN(event_time) AS first, MAX(event_time) AS last
    FROM events WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
  // MFA is read from the stored JSON of these few rows only, never across the window. (event_name || ''
  // keeps SQLite on the user index: the event-name index would walk every sign-in of the region.)
  const signinsP = db.all(sql`SELECT ${LATEST_COLUMNS}, raw FROM events WHERE ${userWhere(user, scope, signinRegion)}
    AND event_name || '' = 'ConsoleSignin' ORDER BY event_time DESC, id DESC LIMIT ${LATEST_LIMIT}`);
  const groups = await groupsP;

  const services = new UsageTally();
  const eventNames = new UsageTally();
  const eventService = new Map<string, string>();
  const sourceIps = new UsageTally();
  const userAgents = new UsageTally();
  const accessKeys = new UsageTally();
  const buckets = new Map<string, BucketTally>();
  let total = 0;
  let failedTotal = 0;
  let sensitiveTotal = 0;
  let firstSeen: string | null = null;
  let lastSeen: string | null = null;
  for (const g of groups) {
    const n = num(g.n);
    const first = String(g.first);
    const last = String(g.last);
    const failed = num(g.f) ? n : 0;
    const sens = num(g.sv) ? n : 0;
    total += n;
    failedTotal += failed;
    sensitiveTotal += sens;
    if (firstSeen === null || first < firstSeen) firstSeen = first;
    if (lastSeen === null || last > lastSeen) lastSeen = last;
    services.add(String(g.s), n, first, last);
    // Event names are counted per service (the same name can exist in two services).
    const eventKey = `${String(g.s)}\u0000${String(g.e)}`;
    eventNames.add(eventKey, n, first, last);
    sourceIps.add(strOrNull(g.ip), n, first, last);
    userAgents.add(strOrNull(g.ua), n, first, last);
    accessKeys.add(strOrNull(g.ak), n, first, last);
    const time = bucket === "hour" ? `${String(g.b)}:00:00.000Z` : `${String(g.b)}T00:00:00.000Z`;
    const b = buckets.get(time) ?? { count: 0, failed: 0, sensitive: 0 };
    b.count += n;
    b.failed += failed;
    b.sensitive += sens;
    buckets.set(time, b);
    eventService.set(eventKey, String(g.s));
  }

  const latest = (condition: Sql, from: string) =>
    db.all(sql`SELECT ${LATEST_COLUMNS} FROM events WHERE ${userWhere(user, { ...scope, start: from })} AND ${condition}
      ORDER BY event_time DESC, id DESC LIMIT ${LATEST_LIMIT}`);
  const [failures, sensitive, signins] = await Promise.all([
    failedTotal ? latest(sql`error_code IS NOT NULL`, latestFrom(buckets, (b) => b.failed, LATEST_LIMIT, scope)) : [],
    sensitiveTotal ? latest(sql`sensitive = TRUE`, latestFrom(buckets, (b) => b.sensitive, LATEST_LIMIT, scope)) : [],
    signinsP,
  ]);
  return {
    total,
    failedTotal,
    sensitiveTotal,
    firstSeen,
    lastSeen,
    bucket,
    timeline: fillBuckets(
      [...buckets].map(([time, b]) => ({ time, count: b.count, failed: b.failed })),
      scope,
      bucket,
    ),
    services: services.top(LIST_LIMIT),
    eventNames: eventNames.top(LIST_LIMIT).map((r) => ({ ...r, value: r.value.slice(r.value.indexOf("\u0000") + 1), service: eventService.get(r.value)! })),
    sourceIps: sourceIps.top(LIST_LIMIT),
    userAgents: userAgents.top(LIST_LIMIT),
    accessKeys: accessKeys.top(LIST_LIMIT),
    failures: failures.map(latestRow),
    sensitive: sensitive.map(latestRow),
    signins: signins.map((r) => ({ ...latestRow(r), mfaUsed: mfaUsedOf(String(r.raw)) })),
    signinRegion,
  };
}
