import { describe, expect, it } from "vitest";
import { DAY_MS, filtersToSearchParams, parseEventSearch } from "@/lib/events/filters";

const NOW = new Date("2026-11-23T12:00:00.000Z");

describe("parseEventSearch (the /events URL state)", () => {
  it("defaults to cn-hangzhou and the last 24 hours", () => {
    const { filters, range, problems } = parseEventSearch({}, NOW);
    expect(filters).toEqual({ region: "cn-hangzhou", start: "2026-11-22T12:00:00.000Z", end: NOW.toISOString() });
    expect(range).toBe("24h");
    expect(problems).toEqual([]);
  });

  it("reads every filter and ignores empty ones", () => {
    const { filters } = parseEventSearch(
      {
        region: "ap-southeast-1", eventRW: "Write", user: " alice ", service: "Ecs", eventName: "DeleteInstance",
        resourceType: "ACS::ECS::Instance", resourceName: "i-1", accessKeyId: "LTAI1", sourceIp: "1.2.3.4",
        errorCode: "Forbidden.RAM", eventId: "e-1", sensitive: "true", eventType: "ApiCall", cursor: "", unknown: "x",
      },
      NOW,
    );
    expect(filters).toMatchObject({
      region: "ap-southeast-1", eventRW: "Write", user: "alice", service: "Ecs", eventName: "DeleteInstance",
      resourceType: "ACS::ECS::Instance", resourceName: "i-1", accessKeyId: "LTAI1", sourceIp: "1.2.3.4",
      errorCode: "Forbidden.RAM", eventId: "e-1", sensitive: true, eventType: "ApiCall",
    });
    expect(parseEventSearch({ user: "" }, NOW).filters.user).toBeUndefined();
  });

  it("falls back to defaults on bad values and says what was wrong", () => {
    const { filters, problems } = parseEventSearch({ region: "mars-1", eventRW: "Both", start: "yesterday", sensitive: "yes" }, NOW);
    expect(filters.region).toBe("cn-hangzhou");
    expect(filters.eventRW).toBeUndefined();
    expect(filters.sensitive).toBeUndefined();
    expect(filters.start).toBe(new Date(NOW.getTime() - DAY_MS).toISOString());
    expect(problems.join(" ")).toMatch(/Unknown region "mars-1"/);
    expect(problems.join(" ")).toMatch(/start time "yesterday" is not a date/);
  });

  it("refuses windows older than 90 days by moving the start, with a message", () => {
    const { filters, problems } = parseEventSearch({ start: "2026-01-01T00:00:00Z", end: "2026-11-01T00:00:00Z" }, NOW);
    expect(filters.start).toBe(new Date(NOW.getTime() - 90 * DAY_MS).toISOString());
    expect(filters.end).toBe("2026-11-01T00:00:00.000Z");
    expect(problems.join(" ")).toMatch(/kept for 90 days/);
  });

  it("follows the query store's retention when TRAILKEEPER_QUERY_RETENTION_DAYS sets it", () => {
    const saved = process.env.TRAILKEEPER_QUERY_RETENTION_DAYS;
    process.env.TRAILKEEPER_QUERY_RETENTION_DAYS = "30";
    try {
      const { filters, problems } = parseEventSearch({ range: "90d" }, NOW);
      expect(filters.start).toBe(new Date(NOW.getTime() - 30 * DAY_MS).toISOString());
      expect(problems.join(" ")).toMatch(/Events are kept for 30 days/);
    } finally {
      if (saved === undefined) delete process.env.TRAILKEEPER_QUERY_RETENTION_DAYS;
      else process.env.TRAILKEEPER_QUERY_RETENTION_DAYS = saved;
    }
    expect(parseEventSearch({ range: "90d" }, NOW, [], 120).problems).toEqual([]);
  });

  it("uses now when the whole window is older than 90 days", () => {
    const { filters, problems } = parseEventSearch({ start: "2025-01-01T00:00:00Z", end: "2025-02-01T00:00:00Z" }, NOW);
    expect(filters.end).toBe(NOW.toISOString());
    expect(problems.length).toBe(2);
  });

  it("clamps an end in the future and swaps nothing silently", () => {
    const { filters, problems } = parseEventSearch({ start: "2026-11-23T13:00:00Z", end: "2026-11-23T11:00:00Z" }, NOW);
    expect(problems.join(" ")).toMatch(/start time is after the end time/);
    expect(Date.parse(filters.start)).toBeLessThan(Date.parse(filters.end));
    expect(parseEventSearch({ end: "2030-01-01T00:00:00Z" }, NOW).filters.end).toBe(NOW.toISOString());
  });

  it("applies range presets relative to now", () => {
    const { filters, range } = parseEventSearch({ range: "7d" }, NOW);
    expect(range).toBe("7d");
    expect(filters.start).toBe(new Date(NOW.getTime() - 7 * DAY_MS).toISOString());
    expect(parseEventSearch({ range: "90d" }, NOW).problems).toEqual([]);
  });

  it("accepts URLSearchParams and round-trips through filtersToSearchParams", () => {
    const q = new URLSearchParams("region=cn-shanghai&user=bob&sensitive=true&start=2026-11-20T00:00:00.000Z&end=2026-11-21T00:00:00.000Z");
    const { filters } = parseEventSearch(q, NOW);
    expect(parseEventSearch(filtersToSearchParams(filters), NOW).filters).toEqual(filters);
  });
});
