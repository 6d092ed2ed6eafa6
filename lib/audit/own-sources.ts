// What Trailkeeper's own records carry, defined once: buildAuditEvent (record.ts) writes these values and
// ingestion (lib/events/ingest.ts) refuses them from anyone else (docs/provenance.md "Forgery").
// No imports: both the self-audit and ingestion read it without a cycle.

/** The eventSource of a console user's and of the operator CLI's records. */
export const CONSOLE_EVENT_SOURCE = "trailkeeper-console";
export const CLI_EVENT_SOURCE = "trailkeeper-cli";
/** The userIdentity.type of a console user (the console, and the API with a console user's AccessKey). */
export const CONSOLE_USER_IDENTITY = "console-user";

/** Event sources only Trailkeeper writes. Any other source beginning with "trailkeeper" is reserved too. */
export const OWN_EVENT_SOURCES: readonly string[] = [CONSOLE_EVENT_SOURCE, CLI_EVENT_SOURCE];
/** Identity types only Trailkeeper writes (ActionTrail's own types, root-account included, stay open). */
export const OWN_IDENTITY_TYPES: readonly string[] = [CONSOLE_USER_IDENTITY];

const RESERVED_PREFIX = "trailkeeper";

/** Compared trimmed and case-blind: "Trailkeeper-Console " would pose as the console just as well. */
function own(value: unknown, list: readonly string[]): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  return list.includes(v) || v.startsWith(RESERVED_PREFIX) ? value : undefined;
}

/**
 * Why an event sent from outside would pose as one of Trailkeeper's own records, one message per field,
 * or none. Real ActionTrail events (eventSource actiontrail.aliyuncs.com, ram-user, root-account …) pass:
 * the origin column tells them apart from Trailkeeper's records of API calls.
 */
export function impersonationProblems(event: { eventSource?: unknown; userIdentity?: { type?: unknown } | null }): string[] {
  const problems: string[] = [];
  const source = own(event.eventSource, OWN_EVENT_SOURCES);
  if (source !== undefined) {
    problems.push(`eventSource: "${source}" is Trailkeeper's own event source; an ingest token cannot send Trailkeeper's own records`);
  }
  const type = own(event.userIdentity?.type, OWN_IDENTITY_TYPES);
  if (type !== undefined) {
    problems.push(`userIdentity.type: "${type}" is Trailkeeper's own identity type; an ingest token cannot send Trailkeeper's own records`);
  }
  return problems;
}
