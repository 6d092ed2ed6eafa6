// Trail and bucket rules (ActionTrail's CreateTrail/UpdateTrail limits, S3 bucket naming), shared by the
// console's server actions, the CLI and later the API. Pure: no database. What needs the database
// (unique names, 5 trails per home region, the bucket exists) is checked in trails.ts and buckets.ts.
import { z } from "zod";
import { MIN_LOG_STORE_RETENTION_DAYS } from "@/lib/config/retention";
import { isRegionId } from "@/lib/events/regions";

export const EVENT_RW = ["Read", "Write", "All"] as const;
export const TRAIL_REGION_ALL = "All";
export const MAX_TRAILS_PER_REGION = 5;
export const DEFAULT_LOG_STORE_RETENTION_DAYS = MIN_LOG_STORE_RETENTION_DAYS;
export const MAX_LOG_STORE_RETENTION_DAYS = 3650;
export { MIN_LOG_STORE_RETENTION_DAYS };
/** Route segments under /trails that a trail name would shadow. */
export const RESERVED_TRAIL_NAMES = ["buckets"] as const;
export const BUCKET_KINDS = ["local", "s3"] as const;

export const ZTrailName = z
  .string({ error: "is required" })
  .min(6, "must be 6 to 36 characters")
  .max(36, "must be 6 to 36 characters")
  .regex(/^[A-Za-z0-9_-]*$/, "may contain only letters, digits, hyphens and underscores")
  .regex(/^[A-Za-z]/, "must start with a letter")
  .refine((n) => !(RESERVED_TRAIL_NAMES as readonly string[]).includes(n.toLowerCase()), "is reserved; choose another name");

export const ZOssKeyPrefix = z
  .string()
  .max(256, "must be at most 256 characters")
  .refine((p) => !p.startsWith("/"), "must not start with /")
  .refine((p) => !p.split("/").includes(".."), 'must not contain ".."')
  .refine((p) => !/[\u0000-\u001f\\]/.test(p), "must not contain control characters or backslashes");

export const ZBucketName = z
  .string({ error: "is required" })
  .min(3, "must be 3 to 63 characters")
  .max(63, "must be 3 to 63 characters")
  .regex(/^[a-z0-9-]*$/, "may contain only lowercase letters, digits and hyphens")
  .regex(/^[a-z0-9].*[a-z0-9]$|^$/, "must start and end with a lowercase letter or digit");

/** Everything that describes a trail except its name (which never changes after creation). */
const ZTrailFields = z.object({
  homeRegion: z.string({ error: "is required" }).refine(isRegionId, "must be a known region id, such as cn-hangzhou"),
  eventRW: z.enum(EVENT_RW, { error: "must be Read, Write or All" }),
  trailRegion: z.string({ error: "is required" }),
  ossBucketName: z
    .string()
    .optional()
    .transform((b) => (b ? b : undefined)),
  ossKeyPrefix: ZOssKeyPrefix.default(""),
  logStoreEnabled: z.boolean().default(false),
  logStoreRetentionDays: z
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(MIN_LOG_STORE_RETENTION_DAYS, `must be at least ${MIN_LOG_STORE_RETENTION_DAYS} days: a log store keeps events for at least six months`)
    .max(MAX_LOG_STORE_RETENTION_DAYS, `must be at most ${MAX_LOG_STORE_RETENTION_DAYS} days`)
    .default(DEFAULT_LOG_STORE_RETENTION_DAYS),
});

// Runs even when a field failed (`when` below), so a form shows every problem at once; the values may
// then be raw input, hence the defensive reads.
function crossFieldChecks(t: { homeRegion?: unknown; trailRegion?: unknown; ossBucketName?: unknown; logStoreEnabled?: unknown }, ctx: z.RefinementCtx) {
  const homeKnown = typeof t.homeRegion === "string" && isRegionId(t.homeRegion);
  if (homeKnown && typeof t.trailRegion === "string" && t.trailRegion !== TRAIL_REGION_ALL && t.trailRegion !== t.homeRegion) {
    ctx.addIssue({ code: "custom", path: ["trailRegion"], message: `must be All or the home region (${t.homeRegion})` });
  }
  if (!t.ossBucketName && !t.logStoreEnabled) {
    ctx.addIssue({ code: "custom", path: ["destination"], message: "choose a bucket, the log store or both: a trail needs at least one destination" });
  }
}

const ALWAYS = { when: () => true };

export const ZCreateTrailInput = ZTrailFields.extend({ name: ZTrailName }).superRefine(crossFieldChecks, ALWAYS);
export type TCreateTrailInput = z.input<typeof ZCreateTrailInput>;
export type TTrailConfig = z.output<typeof ZCreateTrailInput>;

export const ZUpdateTrailInput = ZTrailFields.superRefine(crossFieldChecks, ALWAYS);
export type TUpdateTrailInput = z.input<typeof ZUpdateTrailInput>;

export const ZBucketInput = z
  .object({
    name: ZBucketName,
    kind: z.enum(BUCKET_KINDS, { error: "must be local or s3" }).default("local"),
    endpoint: z.string().trim().optional(),
    region: z.string().trim().optional(),
    accessKeyId: z.string().trim().optional(),
    /** Write-only: empty on update keeps the stored secret. */
    secret: z.string().optional(),
    forcePathStyle: z.boolean().default(true),
  })
  .superRefine((b, ctx) => {
    if (b.kind !== "s3") return;
    if (!b.endpoint) ctx.addIssue({ code: "custom", path: ["endpoint"], message: "is required for an S3 bucket" });
    else if (typeof b.endpoint !== "string" || !/^https?:\/\/[^\s/]+/.test(b.endpoint) || !URL.canParse(b.endpoint)) {
      ctx.addIssue({ code: "custom", path: ["endpoint"], message: "must be an http:// or https:// URL" });
    }
    if (!b.region) ctx.addIssue({ code: "custom", path: ["region"], message: "is required for an S3 bucket (e.g. us-east-1)" });
    if (!b.accessKeyId) ctx.addIssue({ code: "custom", path: ["accessKeyId"], message: "is required for an S3 bucket" });
  }, ALWAYS);
export type TBucketInput = z.input<typeof ZBucketInput>;
export type TBucketConfig = z.output<typeof ZBucketInput>;

/** A trail row's kind: a single-account trail, or the installation's one inner trail (docs/inner-trail.md). */
export const TRAIL_KIND = "trail";
export const INNER_TRAIL_KIND = "inner";
export type TTrailKind = typeof TRAIL_KIND | typeof INNER_TRAIL_KIND;

/**
 * The log store a trail delivers to: `actiontrail_<name>`, or `innertrail_<name>` for the inner trail
 * (docs/actiontrail.md "Log store", docs/inner-trail.md).
 */
export function logStoreName(trailName: string, kind: string = TRAIL_KIND): string {
  return `${kind === INNER_TRAIL_KIND ? "innertrail" : "actiontrail"}_${trailName}`;
}

/** The trail name of a log store name, either kind. */
export function trailOfLogStore(logStore: string): string | undefined {
  return /^(?:actiontrail|innertrail)_(.+)$/.exec(logStore)?.[1];
}

/** The object key pattern of a trail's files, e.g. "audit/AliyunLogs/Actiontrail/<region>/YYYY/MM/DD/". */
export function ossPathPattern(prefix: string, region = "<region>"): string {
  const p = prefix.replace(/\/+$/, "");
  return `${p ? `${p}/` : ""}AliyunLogs/Actiontrail/${region}/YYYY/MM/DD/`;
}

/** The destinations a trail's configuration names. */
export function trailDestinations(t: { ossBucketName?: string | null; logStoreEnabled: boolean }): ("oss" | "logstore")[] {
  const d: ("oss" | "logstore")[] = [];
  if (t.ossBucketName) d.push("oss");
  if (t.logStoreEnabled) d.push("logstore");
  return d;
}
