import { GLOBAL_EVENTS_REGION } from "./regions";
import type { TEvent } from "./schema";

/** The column values of one event row, derived from its JSON. */
export interface EventRow {
  eventId: string;
  eventTime: string;
  queryRegion: string;
  acsRegion: string;
  isGlobal: boolean;
  serviceName: string;
  eventName: string;
  eventType: string;
  eventRW: string;
  userName: string | null;
  userType: string | null;
  /** The role of an assumed-role identity (roleNameOf). */
  roleName: string | null;
  principalId: string | null;
  accountId: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  errorCode: string | null;
  sensitive: boolean;
  requestId: string | null;
  resourceType: string | null;
  resourceName: string | null;
  raw: string;
}

export interface ResourceRef {
  type: string;
  name: string;
}

export interface NormalizedEvent {
  row: EventRow;
  resources: ResourceRef[];
}

/** A stored event keeps at most this many referenced resources in the resource index. */
const MAX_RESOURCES_PER_EVENT = 200;

/** Canonical UTC time with milliseconds; every store compares and sorts it as text. */
export function canonicalTime(input: string | Date): string {
  return (input instanceof Date ? input : new Date(input)).toISOString();
}

function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  // ActionTrail writes the string "null" for an absent AccessKey (docs/actiontrail.md "Event format").
  return trimmed === "" || trimmed === "null" ? null : trimmed;
}

/**
 * The role an assumed-role identity acts as (the LookupEvents attribute RoleName, docs/actiontrail.md
 * "userIdentity"): its session issuer's userName, else the part of its userName before the session
 * (`<role>/<session>` or `<role>:<session>`). Other identities have none. The migration that added the
 * column (prisma/migrations/20261203040000_role_name) derives the same in SQL for the rows before it.
 */
export function roleNameOf(identity: Record<string, unknown>, userType: string | null): string | null {
  if (userType !== "assumed-role" && userType !== "AssumedRole") return null;
  const context = identity.sessionContext;
  const issuer = context && typeof context === "object" ? (context as Record<string, unknown>).sessionIssuer : undefined;
  const fromIssuer = issuer && typeof issuer === "object" ? text((issuer as Record<string, unknown>).userName) : null;
  if (fromIssuer) return fromIssuer;
  const userName = typeof identity.userName === "string" ? identity.userName.trim() : "";
  return text(userName.replace(/:/g, "/").split("/")[0]);
}

export function referencedResources(event: TEvent): ResourceRef[] {
  const seen = new Set<string>();
  const refs: ResourceRef[] = [];
  for (const [type, names] of Object.entries(event.referencedResources ?? {})) {
    for (const name of names) {
      const clean = text(name);
      const key = `${type}\u0000${clean}`;
      if (!clean || seen.has(key)) continue;
      seen.add(key);
      refs.push({ type, name: clean });
      if (refs.length >= MAX_RESOURCES_PER_EVENT) return refs;
    }
  }
  return refs;
}

/**
 * Derives the indexed columns from a validated event. `raw` is the event's original JSON text.
 * `isSensitive` applies the sensitive-operation catalogue.
 */
export function normalizeEvent(
  event: TEvent,
  raw: string,
  isSensitive: (eventName: string, errorCode: string | null, eventType: string, userType: string | null) => boolean,
): NormalizedEvent {
  const identity = event.userIdentity ?? {};
  const resources = referencedResources(event);
  const errorCode = text(event.errorCode);
  const isGlobal = event.isGlobal === true;
  const userType = text(identity.type);
  const firstType = resources[0]?.type ?? null;
  const firstNames = firstType ? resources.filter((r) => r.type === firstType).map((r) => r.name) : [];
  return {
    resources,
    row: {
      eventId: event.eventId,
      eventTime: canonicalTime(event.eventTime),
      queryRegion: isGlobal ? GLOBAL_EVENTS_REGION : event.acsRegion,
      acsRegion: event.acsRegion,
      isGlobal,
      serviceName: event.serviceName,
      eventName: event.eventName,
      eventType: event.eventType,
      eventRW: event.eventRW,
      userName: text(identity.userName) ?? text(identity.principalId),
      userType,
      roleName: roleNameOf(identity, userType),
      principalId: text(identity.principalId),
      accountId: text(identity.accountId),
      accessKeyId: text(identity.accessKeyId),
      sourceIp: text(event.sourceIpAddress),
      errorCode,
      sensitive: event.sensitive === true || isSensitive(event.eventName, errorCode, event.eventType, userType),
      requestId: text(event.requestId),
      resourceType: text(event.resourceType) ?? firstType,
      resourceName: text(event.resourceName) ?? (firstNames.length ? firstNames.join(",") : null),
      raw,
    },
  };
}
