// A resource's lifecycle: every event that referenced it (event_resources: type + name, indexed per
// region by name and time), from its creation to its deletion.
import { Prisma } from "@/generated/prisma/client";
import type { EventListRow } from "@/lib/events/query";
import { sql, regionCondition, strOrNull, type Sql } from "./sql";
import { db } from "@/lib/db/sql";
import type { EventScope } from "@/lib/events/scope";

export const TIMELINE_LIMIT = 500;

/** An event of a resource's timeline: a full list row (for the detail panel) plus how it matched. */
export interface TimelineEvent extends EventListRow {
  /** The referenced resource type that matched (an event may reference several). */
  matchedType: string;
  /** Whether the event name creates or removes a resource (see lifecycleOf). */
  lifecycle: "create" | "delete" | null;
}

// By event name: an operation that makes (or removes) a resource. An event references every resource it
// touches, so e.g. CreateSnapshot also appears on its disk's timeline marked as a create operation.
const CREATE = /^(?:(?:Create|Allocate|Purchase|Clone|Import)[A-Z].*|RunInstances|PutBucket)$/;
const DELETE = /^(?:(?:Delete|Release|Terminate|Destroy)[A-Z].*)$/;
/** Object-level calls that reference their bucket: not the bucket's own lifecycle. */
const OBJECT_LEVEL = /^Delete(?:Object|Objects|MultipleObjects)$/;

/** Create…/Allocate…/RunInstances start a resource's life; Delete…/Release…/Terminate… end it. */
export function lifecycleOf(eventName: string): "create" | "delete" | null {
  if (DELETE.test(eventName) && !OBJECT_LEVEL.test(eventName)) return "delete";
  if (CREATE.test(eventName)) return "create";
  return null;
}

export interface ResourceQuery {
  /** Optional: without it, every type with that name. */
  type?: string;
  name: string;
  order: "asc" | "desc";
}

/** Events that referenced the resource in the scope, oldest (or newest) first, at most TIMELINE_LIMIT. */
export async function findResourceTimeline(q: ResourceQuery, scope: EventScope): Promise<{ events: TimelineEvent[]; more: boolean }> {
  const c: Sql[] = [
    regionCondition(scope.region, sql`r.query_region`),
    sql`r.resource_name = ${q.name}`,
    sql`r.event_time >= ${scope.start}`,
    sql`r.event_time <= ${scope.end}`,
  ];
  if (q.type) c.push(sql`r.resource_type = ${q.type}`);
  const order = q.order === "desc" ? sql`ORDER BY r.event_time DESC, e.id DESC` : sql`ORDER BY r.event_time ASC, e.id ASC`;
  const rows = await db.all(sql`SELECT e.id, e.event_id AS "eventId", e.event_time AS "eventTime", e.query_region AS "queryRegion",
      e.acs_region AS "acsRegion", e.service_name AS "serviceName", e.event_name AS "eventName", e.event_type AS "eventType",
      e.event_rw AS "eventRW", e.user_name AS "userName", e.access_key_id AS "accessKeyId", e.source_ip AS "sourceIp",
      e.error_code AS "errorCode", e.sensitive, e.resource_type AS "resourceType", e.resource_name AS "resourceName", e.raw,
      r.resource_type AS "matchedType"
    FROM event_resources r JOIN events e ON e.id = r.event_pk WHERE ${Prisma.join(c, " AND ")}
    ${order} LIMIT ${TIMELINE_LIMIT + 1}`);
  const events = rows.slice(0, TIMELINE_LIMIT).map((r): TimelineEvent => ({
    id: Number(r.id), eventId: String(r.eventId), eventTime: String(r.eventTime), queryRegion: String(r.queryRegion),
    acsRegion: String(r.acsRegion), serviceName: String(r.serviceName), eventName: String(r.eventName), eventType: String(r.eventType),
    eventRW: String(r.eventRW), userName: strOrNull(r.userName), accessKeyId: strOrNull(r.accessKeyId), sourceIp: strOrNull(r.sourceIp),
    errorCode: strOrNull(r.errorCode), sensitive: r.sensitive === true || r.sensitive === 1 || r.sensitive === 1n,
    resourceType: strOrNull(r.resourceType), resourceName: strOrNull(r.resourceName), raw: String(r.raw),
    matchedType: String(r.matchedType), lifecycle: lifecycleOf(String(r.eventName)),
  }));
  return { events, more: rows.length > TIMELINE_LIMIT };
}
