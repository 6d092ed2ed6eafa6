import { describe, expect, it } from "vitest";
import { buildEventPageQuery, decodeCursor, encodeCursor, whereConditions } from "@/lib/events/query";
import type { EventFilters } from "@/lib/events/filters";

const BASE: EventFilters = { region: "cn-hangzhou", start: "2026-11-22T00:00:00.000Z", end: "2026-11-23T00:00:00.000Z" };

describe("the event query builder", () => {
  it("always bounds the window and the region, with bound parameters only", () => {
    const q = buildEventPageQuery(BASE, { limit: 51 });
    expect(q.sql).toMatch(/event_time >= \? AND event_time <= \? AND query_region = \?/);
    expect(q.sql).toMatch(/ORDER BY event_time DESC, id DESC LIMIT \?$/);
    expect(q.values).toEqual([BASE.start, BASE.end, "cn-hangzhou", 51]);
  });

  it("drops the region condition for all regions", () => {
    expect(buildEventPageQuery({ ...BASE, region: "all" }, { limit: 5 }).sql).not.toMatch(/query_region = /);
  });

  it("adds one condition per filter and never inlines a value", () => {
    const hostile = "x' OR 1=1 --";
    const f: EventFilters = {
      ...BASE, eventRW: "Write", user: hostile, service: "Ecs", eventName: "Stop", accessKeyId: "AK", sourceIp: "1.1.1.1",
      errorCode: "E", eventId: "id", sensitive: true, resourceType: "T", resourceName: "N", eventType: "ApiCall",
    };
    const conditions = whereConditions(f);
    expect(conditions).toHaveLength(3 + 10 + 1);
    const q = buildEventPageQuery(f, { limit: 51 });
    expect(q.sql).not.toContain(hostile);
    expect(q.values).toContain(hostile);
    expect(q.sql).toMatch(/id IN \(SELECT event_pk FROM event_resources WHERE .*resource_type = \? AND resource_name = \?\)/);
    expect(q.sql).toMatch(/sensitive = TRUE/);
  });

  it("treats errorCode * as any error", () => {
    expect(buildEventPageQuery({ ...BASE, errorCode: "*" }, { limit: 5 }).sql).toMatch(/error_code IS NOT NULL/);
  });

  it("pages forward below the keyset and backward above it", () => {
    const after = { eventTime: "2026-11-22T12:00:00.000Z", id: 42 };
    const next = buildEventPageQuery(BASE, { after, limit: 51 });
    expect(next.sql).toMatch(/event_time <= \? AND \(event_time < \? OR id < \?\).*ORDER BY event_time DESC, id DESC/);
    const prev = buildEventPageQuery(BASE, { after, direction: "prev", limit: 51 });
    expect(prev.sql).toMatch(/event_time >= \? AND \(event_time > \? OR id > \?\).*ORDER BY event_time ASC, id ASC/);
  });

  it("round-trips cursors and rejects tampered ones", () => {
    const k = { eventTime: "2026-11-22T12:00:00.000Z", id: 7 };
    expect(decodeCursor(encodeCursor(k, "next"))).toEqual({ after: k, direction: "next" });
    expect(decodeCursor(encodeCursor(k, "prev"))).toEqual({ after: k, direction: "prev" });
    expect(decodeCursor("not-base64-json")).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify(["n", "not a time", 1])).toString("base64url"))).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify(["x", k.eventTime, 1])).toString("base64url"))).toBeUndefined();
  });
});
