import { z } from "zod";

/** ActionTrail's event types (docs/actiontrail.md "Event types"). */
export const EVENT_TYPES = ["ApiCall", "ConsoleOperation", "ConsoleSignin", "ConsoleSignout", "PasswordReset", "AliyunServiceEvent"] as const;
export const EVENT_RW = ["Read", "Write"] as const;

/** One event's JSON may not exceed this many characters (a batch may hold 5 MB). */
export const MAX_EVENT_CHARS = 512 * 1024;

const ZShortString = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** ISO 8601 with a time zone designator (Z or ±hh:mm), as ActionTrail writes eventTime. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+){1,4}$/;

export const ZUserIdentity = z.looseObject({
  type: ZShortString(64).optional(),
  principalId: ZShortString(256).optional(),
  accountId: ZShortString(64).optional(),
  accessKeyId: ZShortString(128).optional(),
  userName: ZShortString(256).optional(),
  sessionContext: z.record(z.string(), z.unknown()).optional(),
});

/**
 * An ActionTrail event as ingested. Unknown fields are kept (the stored JSON is the original text);
 * only the fields the product reads are checked.
 */
export const ZEvent = z.looseObject({
  eventId: z.string().min(1, "is required").max(128, "must be at most 128 characters"),
  eventVersion: z.union([z.number(), z.string()]).optional(),
  eventTime: z
    .string()
    .refine(
      (s) => ISO_8601.test(s) && !Number.isNaN(Date.parse(s)),
      "must be an ISO 8601 time with a zone, like 2026-06-02T06:08:21Z",
    ),
  eventName: z.string().min(1, "is required").max(256, "must be at most 256 characters"),
  eventType: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(", ")}` }),
  eventRW: z.enum(EVENT_RW, { error: "must be Read or Write" }),
  eventSource: ZShortString(256).optional(),
  eventCategory: ZShortString(64).optional(),
  serviceName: z.string().min(1, "is required").max(128, "must be at most 128 characters"),
  acsRegion: z.string().regex(REGION_ID, "must be a region id like cn-hangzhou"),
  isGlobal: z.boolean({ error: "must be true or false" }).optional(),
  requestId: ZShortString(256).optional(),
  apiVersion: ZShortString(64).optional(),
  sourceIpAddress: ZShortString(256).optional(),
  userAgent: z.string().optional(),
  requestParameters: z.unknown().optional(),
  responseElements: z.unknown().optional(),
  referencedResources: z
    .record(z.string().min(1).max(256), z.array(z.string().max(1024), { error: "must map each resource type to an array of names" }))
    .optional(),
  resourceType: z.string().optional(),
  resourceName: z.string().optional(),
  errorCode: ZShortString(256).optional(),
  errorMessage: z.string().optional(),
  additionalEventData: z.unknown().optional(),
  sensitive: z.boolean({ error: "must be true or false" }).optional(),
  userIdentity: ZUserIdentity.optional(),
});

export type TEvent = z.infer<typeof ZEvent>;

/** Turns zod issues into the "field: reason" strings the ingestion API returns. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join(".") : "event";
    let message = issue.message;
    if (issue.code === "invalid_type" && /received undefined/.test(message)) message = "is required";
    return `${field}: ${message}`;
  });
}

export type ParseEventResult = { ok: true; event: TEvent } | { ok: false; errors: string[] };

export function parseEvent(input: unknown): ParseEventResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: ["event: must be a JSON object"] };
  }
  const result = ZEvent.safeParse(input);
  return result.success ? { ok: true, event: result.data } : { ok: false, errors: formatIssues(result.error) };
}
