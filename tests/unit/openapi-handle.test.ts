// Pure pieces of the compatible API: the rate setting, LookupAttribute parsing, NextToken binding. The
// nonces and limits live in the database: tests/integration/openapi-guards.test.ts.
import { describe, expect, it } from "vitest";
import { encodeNextToken, lookupEvents, parseAttributes } from "@/lib/openapi/actions/lookup-events";
import { describeRegions } from "@/lib/openapi/actions/describe-regions";
import { OpenApiError } from "@/lib/openapi/errors";
import { apiRate } from "@/lib/openapi/throttle";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OpenApiError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "ok";
}

describe("TRAILKEEPER_API_RATE", () => {
  it("is a whole number of calls per second; anything else means the default of 20", () => {
    const saved = process.env.TRAILKEEPER_API_RATE;
    try {
      for (const [value, rate] of [["5", 5], ["1", 1], ["0", 20], ["-3", 20], ["2.5", 20], ["lots", 20], [undefined, 20]] as const) {
        if (value === undefined) delete process.env.TRAILKEEPER_API_RATE;
        else process.env.TRAILKEEPER_API_RATE = value;
        expect(apiRate(), String(value)).toBe(rate);
      }
    } finally {
      if (saved === undefined) delete process.env.TRAILKEEPER_API_RATE;
      else process.env.TRAILKEEPER_API_RATE = saved;
    }
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
