// The pure parts of the activity pages: lifecycle marks, chart buckets, MFA from the JSON, tallies, URLs.
import { describe, expect, it } from "vitest";
import { scopeQuery } from "@/lib/activity/params";
import { accessKeyHref, resourceHref, segment, userHref } from "@/lib/activity/path-param";
import { lifecycleOf } from "@/lib/activity/resources";
import { UsageTally } from "@/lib/activity/sql";
import { bucketFor, fillBuckets, mfaUsedOf } from "@/lib/activity/user-activity";
import { parseScopeSearch } from "@/lib/events/scope";

describe("lifecycleOf", () => {
  it("marks creating and deleting event names, and nothing else", () => {
    expect(["RunInstances", "CreateBucket", "AllocateEipAddress", "PutBucket"].map(lifecycleOf)).toEqual(["create", "create", "create", "create"]);
    expect(["DeleteInstance", "ReleaseEipAddress", "TerminateVirtualBorderRouter", "DeleteTrail"].map(lifecycleOf)).toEqual(["delete", "delete", "delete", "delete"]);
    expect(["ModifyInstanceAttribute", "DescribeInstances", "StopInstance", "RunCommand", "PutObject", "DeleteObject", "Creates", "RemoveUserFromGroup"].map(lifecycleOf))
      .toEqual([null, null, null, null, null, null, null, null]);
  });
});

describe("chart buckets", () => {
  const day = { region: "cn-hangzhou", start: "2026-01-01T10:00:00.000Z", end: "2026-01-04T09:00:00.000Z" };
  it("uses hours up to 3 days and days beyond", () => {
    expect(bucketFor(day)).toBe("hour");
    expect(bucketFor({ ...day, end: "2026-01-08T00:00:00.000Z" })).toBe("day");
  });
  it("fills every bucket of the window with zeros around the counted ones", () => {
    const scope = { ...day, end: "2026-01-05T09:00:00.000Z" };
    const filled = fillBuckets([{ time: "2026-01-03T00:00:00.000Z", count: 4, failed: 1 }], scope, "day");
    expect(filled.map((b) => [b.time.slice(0, 10), b.count, b.failed])).toEqual([
      ["2026-01-01", 0, 0], ["2026-01-02", 0, 0], ["2026-01-03", 4, 1], ["2026-01-04", 0, 0], ["2026-01-05", 0, 0],
    ]);
  });
});

describe("mfaUsedOf", () => {
  it("reads additionalEventData.MFAUsed as ActionTrail writes it", () => {
    expect(mfaUsedOf('{"additionalEventData":{"MFAUsed":"true"}}')).toBe(true);
    expect(mfaUsedOf('{"additionalEventData":{"MFAUsed":"false"}}')).toBe(false);
    expect(mfaUsedOf('{"additionalEventData":{"MFAUsed":true}}')).toBe(true);
    expect(mfaUsedOf('{"additionalEventData":{}}')).toBeNull();
    expect(mfaUsedOf("not json")).toBeNull();
  });
});

describe("UsageTally", () => {
  it("sums counts and keeps the earliest first and latest last seen, most used first", () => {
    const t = new UsageTally();
    t.add("b", 2, "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z");
    t.add("a", 2, "2026-01-05T00:00:00.000Z", "2026-01-05T00:00:00.000Z");
    t.add("b", 1, "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z");
    t.add(null, 9, "2026-01-01T00:00:00.000Z", "2026-01-09T00:00:00.000Z");
    expect(t.top(10)).toEqual([
      { value: "b", count: 3, firstSeen: "2026-01-01T00:00:00.000Z", lastSeen: "2026-01-03T00:00:00.000Z" },
      { value: "a", count: 2, firstSeen: "2026-01-05T00:00:00.000Z", lastSeen: "2026-01-05T00:00:00.000Z" },
    ]);
    expect(t.top(1)).toHaveLength(1);
  });
});

describe("activity URLs", () => {
  const now = new Date("2026-11-23T12:00:00.000Z");
  it("defaults the window per page and keeps region and range in links", () => {
    const s = parseScopeSearch({ region: "cn-shanghai" }, { defaultRange: "7d", now });
    expect(s.scope).toEqual({ region: "cn-shanghai", start: "2026-11-16T12:00:00.000Z", end: now.toISOString() });
    expect(scopeQuery(s, { view: "unused" })).toBe("region=cn-shanghai&range=7d&view=unused");
    const abs = parseScopeSearch({ start: "2026-11-20T00:00:00Z", end: "2026-11-21T00:00:00Z" }, { defaultRange: "7d", now });
    expect(abs.range).toBeUndefined();
    expect(scopeQuery(abs)).toBe("region=cn-hangzhou&start=2026-11-20T00%3A00%3A00.000Z&end=2026-11-21T00%3A00%3A00.000Z");
    expect(parseScopeSearch({ region: "mars-1" }, { defaultRange: "24h", now }).problems[0]).toMatch(/Unknown region/);
  });
  it("encodes names into paths and decodes them once", () => {
    expect(userHref("ops-role/session 1")).toBe("/users/ops-role%2Fsession%201");
    expect(accessKeyHref("LTAI5t?x")).toBe("/access-keys/LTAI5t%3Fx");
    expect(resourceHref("ACS::ECS::Instance", "i-1", "region=cn-hangzhou")).toBe("/resources?region=cn-hangzhou&type=ACS%3A%3AECS%3A%3AInstance&name=i-1");
    expect(segment("ops-role%2Fsession")).toBe("ops-role/session");
    expect(segment("100%")).toBe("100%");
  });
});
