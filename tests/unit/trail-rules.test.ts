// The trail and bucket rules every entry point shares (lib/trails/rules.ts): each rule, good and bad.
import { describe, expect, it } from "vitest";
import { describeFieldErrors, toFieldErrors } from "@/lib/errors";
import {
  logStoreName,
  ossPathPattern,
  trailDestinations,
  ZBucketInput,
  ZCreateTrailInput,
  ZUpdateTrailInput,
  type TCreateTrailInput,
} from "@/lib/trails/rules";

const GOOD: TCreateTrailInput = { name: "audit-trail_1", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", ossBucketName: "audit-archive" };

function errorsOf(input: unknown) {
  const r = ZCreateTrailInput.safeParse(input);
  return r.success ? {} : toFieldErrors(r.error.issues);
}

/** GOOD with one field changed: `true` when the field is accepted, else the problem it must report. */
function expectField(field: keyof TCreateTrailInput, value: unknown, expected: true | string) {
  const errors: Record<string, string[] | undefined> = errorsOf({ ...GOOD, [field]: value });
  if (expected === true) expect(errors[field]).toBeUndefined();
  else expect(errors[field]).toContain(expected);
}

describe("trail rules", () => {
  it("accepts a valid trail and fills the defaults", () => {
    const r = ZCreateTrailInput.parse(GOOD);
    expect(r).toEqual({ ...GOOD, ossKeyPrefix: "", logStoreEnabled: false, logStoreRetentionDays: 180 });
    expect(ZCreateTrailInput.parse({ ...GOOD, ossBucketName: undefined, logStoreEnabled: true }).logStoreEnabled).toBe(true);
  });

  it.each<[string, true | string]>([
    ["abcdef", true],
    ["a".repeat(36), true],
    ["Trail_with-Mixed1", true],
    ["abcde", "must be 6 to 36 characters"],
    ["a".repeat(37), "must be 6 to 36 characters"],
    ["1trail-name", "must start with a letter"],
    ["_trail-name", "must start with a letter"],
    ["trail name", "may contain only letters, digits, hyphens and underscores"],
    ["trail.name", "may contain only letters, digits, hyphens and underscores"],
    ["trails/x-y", "may contain only letters, digits, hyphens and underscores"],
    ["buckets", "is reserved; choose another name"],
  ])("name %j → %s", (name, expected) => expectField("name", name, expected));

  it("requires a name", () => {
    expect(errorsOf({ ...GOOD, name: undefined }).name).toEqual(["is required"]);
  });

  it("homeRegion must be a known region", () => {
    expect(errorsOf({ ...GOOD, homeRegion: "ap-southeast-1", trailRegion: "All" }).homeRegion).toBeUndefined();
    expect(errorsOf({ ...GOOD, homeRegion: "mars-north-1" }).homeRegion).toEqual(["must be a known region id, such as cn-hangzhou"]);
  });

  it.each(["Read", "Write", "All"])("eventRW %s is accepted", (eventRW) => {
    expect(errorsOf({ ...GOOD, eventRW }).eventRW).toBeUndefined();
  });

  it("eventRW must be Read, Write or All", () => {
    expect(errorsOf({ ...GOOD, eventRW: "read" }).eventRW).toEqual(["must be Read, Write or All"]);
    expect(errorsOf({ ...GOOD, eventRW: "Both" }).eventRW).toEqual(["must be Read, Write or All"]);
  });

  it("trailRegion is All or the home region only", () => {
    expect(errorsOf({ ...GOOD, trailRegion: "cn-hangzhou" }).trailRegion).toBeUndefined();
    expect(errorsOf({ ...GOOD, trailRegion: "cn-shanghai" }).trailRegion).toEqual(["must be All or the home region (cn-hangzhou)"]);
    expect(errorsOf({ ...GOOD, trailRegion: "all" }).trailRegion).toEqual(["must be All or the home region (cn-hangzhou)"]);
  });

  it("needs at least one destination", () => {
    const message = "choose a bucket, the log store or both: a trail needs at least one destination";
    expect(errorsOf({ ...GOOD, ossBucketName: undefined }).destination).toEqual([message]);
    expect(errorsOf({ ...GOOD, ossBucketName: "" }).destination).toEqual([message]);
    expect(errorsOf({ ...GOOD, ossBucketName: "", logStoreEnabled: true }).destination).toBeUndefined();
    expect(errorsOf({ ...GOOD, logStoreEnabled: true }).destination).toBeUndefined();
  });

  it.each<[string, true | string]>([
    ["", true],
    ["audit", true],
    ["audit/2026/", true],
    ["a..b", true],
    ["/audit", "must not start with /"],
    ["audit/../etc", 'must not contain ".."'],
    ["..", 'must not contain ".."'],
    ["x".repeat(256), true],
    ["x".repeat(257), "must be at most 256 characters"],
    ["a\\b", "must not contain control characters or backslashes"],
  ])("ossKeyPrefix %j → %s", (ossKeyPrefix, expected) => expectField("ossKeyPrefix", ossKeyPrefix, expected));

  it("log store retention is 1 to 3650 whole days", () => {
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: 365 }).logStoreRetentionDays).toBeUndefined();
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: 0 }).logStoreRetentionDays).toEqual(["must be at least 180 days: a log store keeps events for at least six months"]);
    // The 180-day minimum (lib/config/retention.ts): 179 is refused, 180 is the default and accepted.
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: 179 }).logStoreRetentionDays).toEqual(["must be at least 180 days: a log store keeps events for at least six months"]);
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: 180 }).logStoreRetentionDays).toBeUndefined();
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: 3651 }).logStoreRetentionDays).toEqual(["must be at most 3650 days"]);
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: 1.5 }).logStoreRetentionDays).toEqual(["must be a whole number of days"]);
    expect(errorsOf({ ...GOOD, logStoreRetentionDays: Number.NaN }).logStoreRetentionDays).toBeDefined();
  });

  it("update takes the same rules without a name", () => {
    const { name: _name, ...rest } = GOOD;
    expect(ZUpdateTrailInput.safeParse(rest).success).toBe(true);
    expect(ZUpdateTrailInput.safeParse({ ...rest, trailRegion: "cn-beijing" }).success).toBe(false);
  });

  it("reports several errors as one line of field errors", () => {
    const errors = errorsOf({ name: "1a", homeRegion: "cn-hangzhou", eventRW: "x", trailRegion: "All" });
    expect(describeFieldErrors(errors)).toBe(
      "eventRW: must be Read, Write or All; name: must be 6 to 36 characters; name: must start with a letter; destination: choose a bucket, the log store or both: a trail needs at least one destination",
    );
  });
});

describe("bucket rules", () => {
  const bucketErrors = (input: unknown) => {
    const r = ZBucketInput.safeParse(input);
    return r.success ? {} : toFieldErrors(r.error.issues);
  };

  it.each([
    ["abc", true],
    ["audit-archive-2026", true],
    ["a".repeat(63), true],
    ["ab", "must be 3 to 63 characters"],
    ["a".repeat(64), "must be 3 to 63 characters"],
    ["Audit", "may contain only lowercase letters, digits and hyphens"],
    ["audit_archive", "may contain only lowercase letters, digits and hyphens"],
    ["audit.archive", "may contain only lowercase letters, digits and hyphens"],
    ["-audit", "must start and end with a lowercase letter or digit"],
    ["audit-", "must start and end with a lowercase letter or digit"],
  ])("name %j → %s", (name, expected) => {
    const errors = bucketErrors({ name });
    if (expected === true) expect(errors.name).toBeUndefined();
    else expect(errors.name).toContain(expected);
  });

  it("defaults to a local bucket with nothing else needed", () => {
    expect(ZBucketInput.parse({ name: "local-one" })).toMatchObject({ name: "local-one", kind: "local", forcePathStyle: true });
  });

  it("an S3 bucket needs an http(s) endpoint, a region and an access key id", () => {
    expect(bucketErrors({ name: "s3-one", kind: "s3" })).toEqual({
      endpoint: ["is required for an S3 bucket"],
      region: ["is required for an S3 bucket (e.g. us-east-1)"],
      accessKeyId: ["is required for an S3 bucket"],
    });
    expect(bucketErrors({ name: "s3-one", kind: "s3", endpoint: "ftp://x", region: "us-east-1", accessKeyId: "AK" }).endpoint).toEqual(["must be an http:// or https:// URL"]);
    expect(bucketErrors({ name: "s3-one", kind: "s3", endpoint: "http://127.0.0.1:4568", region: "us-east-1", accessKeyId: "AK" })).toEqual({});
    expect(bucketErrors({ name: "s3-one", kind: "gcs" }).kind).toEqual(["must be local or s3"]);
  });
});

describe("trail naming helpers", () => {
  it("names the log store and the object path as docs/actiontrail.md (Delivery paths) does", () => {
    expect(logStoreName("audit-trail")).toBe("actiontrail_audit-trail");
    expect(ossPathPattern("")).toBe("AliyunLogs/Actiontrail/<region>/YYYY/MM/DD/");
    expect(ossPathPattern("audit/", "cn-hangzhou")).toBe("audit/AliyunLogs/Actiontrail/cn-hangzhou/YYYY/MM/DD/");
    expect(trailDestinations({ ossBucketName: "b", logStoreEnabled: true })).toEqual(["oss", "logstore"]);
    expect(trailDestinations({ ossBucketName: null, logStoreEnabled: true })).toEqual(["logstore"]);
  });
});

describe("all problems at once", () => {
  it("reports S3 fields together with a bad bucket name", () => {
    const r = ZBucketInput.safeParse({ name: "B", kind: "s3" });
    expect(r.success).toBe(false);
    expect(Object.keys(toFieldErrors(r.success ? [] : r.error.issues)).sort()).toEqual(["accessKeyId", "endpoint", "name", "region"]);
  });
});
