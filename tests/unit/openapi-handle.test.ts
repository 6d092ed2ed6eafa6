// Pure pieces of the compatible API: nonces, the token bucket, LookupAttribute parsing, NextToken binding.
import { describe, expect, it } from "vitest";
import { encodeNextToken, lookupEvents, parseAttributes } from "@/lib/openapi/actions/lookup-events";
import { describeRegions } from "@/lib/openapi/actions/describe-regions";
import { OpenApiError } from "@/lib/openapi/errors";
import { NONCE_TTL_MS, clearNonces, useNonce } from "@/lib/openapi/nonces";
import { clearBuckets, takeToken } from "@/lib/openapi/throttle";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OpenApiError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "ok";
}

describe("nonces", () => {
  it("refuses a nonce seen within 15 minutes and accepts it after", () => {
    clearNonces();
    const t = 1_000_000;
    expect(useNonce("K", "n1", t)).toBe(true);
    expect(useNonce("K", "n1", t + 1_000)).toBe(false);
    expect(useNonce("K2", "n1", t + 1_000)).toBe(true);
    expect(useNonce("K", "n1", t + NONCE_TTL_MS + 1)).toBe(true);
  });
});

describe("throttle", () => {
  it("allows `rate` requests at once, then refills at `rate` per second", () => {
    clearBuckets();
    const t = 5_000;
    const got = Array.from({ length: 6 }, () => takeToken("K", t, 5));
    expect(got).toEqual([true, true, true, true, true, false]);
    expect(takeToken("K", t + 200, 5)).toBe(true);
    expect(takeToken("K", t + 200, 5)).toBe(false);
  });
});

describe("LookupAttribute", () => {
  it("maps every key onto the filters", () => {
    const f = parseAttributes({
      "LookupAttribute.1.Key": "User",
      "LookupAttribute.1.Value": "alice",
      "LookupAttribute.2.Key": "EventRW",
      "LookupAttribute.2.Value": "Write",
      "LookupAttribute.3.Key": "SensitiveAction",
      "LookupAttribute.3.Value": "true",
      "LookupAttribute.4.Key": "EventAccessKeyId",
      "LookupAttribute.4.Value": "LTAIx",
      "LookupAttribute.5.Key": "SourceIpAddress",
      "LookupAttribute.5.Value": "1.2.3.4",
      "LookupAttribute.6.Key": "ServiceName",
      "LookupAttribute.6.Value": "Ecs",
      "LookupAttribute.7.Key": "EventType",
      "LookupAttribute.7.Value": "ApiCall",
    });
    expect(f).toEqual({ user: "alice", eventRW: "Write", sensitive: true, accessKeyId: "LTAIx", sourceIp: "1.2.3.4", service: "Ecs", eventType: "ApiCall" });
  });

  it("refuses unknown keys, bad values and missing values", () => {
    expect(() => parseAttributes({ "LookupAttribute.1.Key": "Nope", "LookupAttribute.1.Value": "x" })).toThrow(/LookupAttribute\.1\.Key/);
    expect(() => parseAttributes({ "LookupAttribute.1.Key": "EventRW", "LookupAttribute.1.Value": "All" })).toThrow(OpenApiError);
    expect(() => parseAttributes({ "LookupAttribute.1.Key": "User" })).toThrow(/LookupAttribute\.1\.Value/);
  });
});

describe("LookupEvents parameters", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("binds NextToken to its query and bounds the window and MaxResults", async () => {
    const forged = encodeNextToken({ c: "x", h: "not-this-query", s: now.toISOString(), e: now.toISOString() });
    expect(await codeOf(lookupEvents({ NextToken: forged }, now))).toMatch(/^InvalidParameter: .*NextToken/);
    expect(await codeOf(lookupEvents({ NextToken: "%%%" }, now))).toMatch(/^InvalidParameter: .*NextToken/);
    expect(await codeOf(lookupEvents({ StartTime: "2026-08-01T00:00:00Z" }, now))).toMatch(/^InvalidParameter: .*StartTime/);
    expect(await codeOf(lookupEvents({ StartTime: "yesterday" }, now))).toMatch(/^InvalidParameter: .*StartTime/);
    expect(await codeOf(lookupEvents({ MaxResults: "0" }, now))).toMatch(/^InvalidParameter: .*MaxResults/);
    expect(await codeOf(lookupEvents({ MaxResults: "51" }, now))).toMatch(/^InvalidParameter: .*MaxResults/);
  });
});

describe("DescribeRegions", () => {
  it("lists 23 regions with ActionTrail endpoints", () => {
    const r = describeRegions() as { Regions: { Region: { RegionId: string; RegionEndpoint: string }[] } };
    expect(r.Regions.Region).toHaveLength(23);
    expect(r.Regions.Region[0].RegionEndpoint).toBe(`actiontrail.${r.Regions.Region[0].RegionId}.aliyuncs.com`);
  });
});
