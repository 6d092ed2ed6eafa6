// Self-audit: every change made through the console, the API or the CLI is recorded as an
// ActionTrail event of its own (serviceName Actiontrail; ActionTrail's own operation names where it has one, docs/actiontrail.md "Operations"), with the actor.
import { randomUUID } from "node:crypto";
import { ingestEvents } from "@/lib/events/ingest";
import type { EventOrigin, TSelfChannel } from "@/lib/events/origin";
import { DEFAULT_REGION } from "@/lib/events/regions";
import { ownAccountId } from "@/lib/config/account";
import { CLI_EVENT_SOURCE, CONSOLE_EVENT_SOURCE, CONSOLE_USER_IDENTITY } from "./own-sources";

/** Who did it: a console user (session), an AccessKey (API) or the operator at the CLI. */
export interface Actor {
  username: string;
  /** "console-user" for sign-ins and console changes, "cli" for the operator CLI. */
  kind: "console-user" | "cli" | "access-key";
  accessKeyId?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEventInput {
  actor: Actor;
  eventName: string;
  eventRW?: "Read" | "Write";
  eventType?: "ApiCall" | "ConsoleSignin" | "ConsoleOperation";
  serviceName?: string;
  /** Sign-ins and account events are global (listed under ap-southeast-1), as in ActionTrail. */
  isGlobal?: boolean;
  requestParameters?: Record<string, unknown>;
  resources?: Record<string, string[]>;
  errorCode?: string;
  errorMessage?: string;
  additionalEventData?: Record<string, unknown>;
  /**
   * Marks the event sensitive whatever the catalogue says (`"sensitive": true` in its JSON, which
   * normalizeEvent honours): a change that weakens the trail (a shorter retention, a lifted legal hold), a failed verification.
   */
  sensitive?: boolean;
}

/** The channel an actor's records come through: what their origin column says (docs/provenance.md). */
export function actorChannel(actor: Actor): TSelfChannel {
  return actor.kind === "cli" ? "cli" : actor.kind === "access-key" ? "api" : "console";
}

export function selfOrigin(actor: Actor): EventOrigin {
  return { kind: "self", channel: actorChannel(actor) };
}

/** The region Trailkeeper's own events are recorded in. */
export function homeRegion(): string {
  return process.env.TRAILKEEPER_REGION || DEFAULT_REGION;
}

export function buildAuditEvent(input: AuditEventInput, now = new Date()): Record<string, unknown> {
  const { actor } = input;
  const eventType = input.eventType ?? (actor.kind === "console-user" ? "ConsoleOperation" : "ApiCall");
  const event: Record<string, unknown> = {
    eventId: randomUUID(),
    eventVersion: 1,
    eventTime: now.toISOString(),
    eventName: input.eventName,
    eventType,
    eventRW: input.eventRW ?? "Write",
    // An API call keeps ActionTrail's own source: its origin column, not its JSON, says Trailkeeper made it.
    eventSource: actor.kind === "console-user" ? CONSOLE_EVENT_SOURCE : actor.kind === "cli" ? CLI_EVENT_SOURCE : "actiontrail.aliyuncs.com",
    eventCategory: "Management",
    serviceName: input.serviceName ?? "Actiontrail",
    acsRegion: homeRegion(),
    isGlobal: input.isGlobal ?? false,
    requestId: randomUUID().toUpperCase(),
    sourceIpAddress: actor.ip || (actor.kind === "cli" ? "127.0.0.1" : "unknown"),
    userAgent: actor.userAgent || (actor.kind === "cli" ? "trailkeeper-cli" : "unknown"),
    requestParameters: input.requestParameters ?? {},
    referencedResources: input.resources ?? {},
    userIdentity: {
      type: actor.kind === "cli" ? "root-account" : CONSOLE_USER_IDENTITY,
      principalId: actor.username,
      accountId: ownAccountId(),
      ...(actor.accessKeyId ? { accessKeyId: actor.accessKeyId } : {}),
      userName: actor.username,
    },
  };
  if (input.errorCode) {
    event.errorCode = input.errorCode;
    event.errorMessage = input.errorMessage ?? input.errorCode;
  }
  if (input.additionalEventData) event.additionalEventData = input.additionalEventData;
  if (input.sensitive) event.sensitive = true;
  return event;
}

/**
 * Records one self-audit event through the normal ingestion path. Never throws: a failure to audit is
 * logged, and the change it describes has already happened.
 */
export async function recordAuditEvent(input: AuditEventInput): Promise<string | undefined> {
  const event = buildAuditEvent(input);
  try {
    const result = await ingestEvents([{ value: event, raw: JSON.stringify(event) }], { origin: selfOrigin(input.actor) });
    if (result.failed.length) throw new Error(result.failed[0].errors.join("; "));
    return event.eventId as string;
  } catch (e) {
    console.error(`[audit] could not record ${input.eventName}: ${(e as Error).message}`);
    return undefined;
  }
}
