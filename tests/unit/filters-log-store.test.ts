import { describe, expect, it } from "vitest";
import { DAY_MS, filtersToSearchParams, parseEventSearch, type LogStoreInfo } from "@/lib/events/filters";
import { buildEventPageQuery, logStoreConditions, matchesDerivedFilters, type EventListRow } from "@/lib/events/query";

const NOW = new Date("2026-11-23T12:00:00.000Z");
const STORES: LogStoreInfo[] = [
  { name: "actiontrail_org-audit", trail: "org-audit", retentionDays: 180 },
  { name: "actiontrail_short-keep", trail: "short-keep", retentionDays: 30 },
];
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

describe("parseEventSearch with a log store as the source", () => {
  it("selects a known log store and allows windows back to its retention", () => {
    const { filters, problems } = parseEventSearch({ logStore: "actiontrail_org-audit", start: ago(150), end: ago(100) }, NOW, STORES);
    expect(problems).toEqual([]);
    expect(filters).toEqual({ region: "cn-hangzhou", start: ago(150), end: ago(100), logStore: "actiontrail_org-audit" });
  });

  it("moves a start older than the log store's retention to the oldest kept, and says so", () => {
    const { filters, problems } = parseEventSearch({ logStore: "actiontrail_org-audit", start: ago(400), end: ago(10) }, NOW, STORES);
    expect(filters.start).toBe(ago(180));
    expect(filters.end).toBe(ago(10));
    expect(problems).toEqual([`The log store actiontrail_org-audit keeps events for 180 days; the start time was moved to ${ago(180)}.`]);
  });

  it("uses the log store's own retention, even when it is shorter than 90 days", () => {
    const { filters, problems } = parseEventSearch({ logStore: "actiontrail_short-keep", start: ago(60) }, NOW, STORES);
    expect(filters.start).toBe(ago(30));
    expect(problems[0]).toMatch(/keeps events for 30 days/);
  });

  it("falls back to the query store (and its 90 days) for an unknown log store, with a clear problem", () => {
    const { filters, problems } = parseEventSearch({ logStore: "actiontrail_nope", start: ago(120), end: ago(100) }, NOW, STORES);
    expect(filters.logStore).toBeUndefined();
    expect(problems[0]).toBe('There is no log store "actiontrail_nope" (no trail with that log store enabled); showing the query store (90 days).');
    expect(filters.start).toBe(ago(90));
    // Without the list of log stores every name is unknown.
    expect(parseEventSearch({ logStore: "actiontrail_org-audit" }, NOW).filters.logStore).toBeUndefined();
  });

  it("ignores an empty logStore parameter, and keeps the presets on a log store", () => {
    expect(parseEventSearch({ logStore: "" }, NOW, STORES)).toMatchObject({ problems: [], filters: { region: "cn-hangzhou" } });
    const { filters, range } = parseEventSearch({ logStore: "actiontrail_org-audit", range: "90d" }, NOW, STORES);
    expect(range).toBe("90d");
    expect(filters.start).toBe(ago(90));
  });

  it("round-trips through filtersToSearchParams", () => {
    const { filters } = parseEventSearch(
      { logStore: "actiontrail_org-audit", region: "all", start: ago(170), end: ago(120), user: "bob", errorCode: "*", sensitive: "true" },
      NOW,
      STORES,
    );
    const q = filtersToSearchParams(filters);
    expect(q.get("logStore")).toBe("actiontrail_org-audit");
    expect(parseEventSearch(q, NOW, STORES).filters).toEqual(filters);
  });
});

describe("the query builder on a log store", () => {
  const f = { region: "cn-hangzhou", start: ago(2), end: ago(1), logStore: "actiontrail_org-audit", user: "bob", eventId: "e-1" };

  it("reads log_store_events with the columns it has, in keyset order", () => {
    const q = buildEventPageQuery(f, { limit: 100, after: { eventTime: ago(1.5), id: 7 } });
    expect(q.sql).toMatch(/FROM log_store_events WHERE log_store = \? AND event_time >= \? AND event_time <= \? AND query_region = \? AND event_id = \?/);
    expect(q.sql).toMatch(/ORDER BY event_time DESC, id DESC LIMIT \?$/);
    expect(q.sql).not.toMatch(/user_name/);
    expect(logStoreConditions({ ...f, region: "all", eventId: undefined }).map((c) => c.sql)).toEqual([
      "log_store = ?", "event_time >= ?", "event_time <= ?",
    ]);
  });

  it("applies the other filters to the derived columns", () => {
    const row = {
      id: 1, eventId: "e", eventTime: ago(1), queryRegion: "cn-hangzhou", acsRegion: "cn-hangzhou", serviceName: "Ecs",
      eventName: "DeleteInstance", eventType: "ApiCall", eventRW: "Write", userName: "bob", accessKeyId: "LTAI1",
      sourceIp: "198.18.0.1", errorCode: null, sensitive: true, resourceType: "ACS::ECS::Instance", resourceName: "i-1", raw: "{}",
    } satisfies EventListRow;
    const res = [{ type: "ACS::ECS::Instance", name: "i-1" }, { type: "ACS::VPC::VPC", name: "vpc-1" }];
    const base = { region: "cn-hangzhou", start: ago(2), end: NOW.toISOString() };
    expect(matchesDerivedFilters({ ...base, user: "bob", service: "Ecs", eventRW: "Write", sensitive: true }, row, res)).toBe(true);
    expect(matchesDerivedFilters({ ...base, user: "alice" }, row, res)).toBe(false);
    expect(matchesDerivedFilters({ ...base, errorCode: "*" }, row, res)).toBe(false);
    expect(matchesDerivedFilters({ ...base, resourceType: "ACS::VPC::VPC", resourceName: "vpc-1" }, row, res)).toBe(true);
    // Type and name must hold for the same resource, as in the query store's resource index.
    expect(matchesDerivedFilters({ ...base, resourceType: "ACS::VPC::VPC", resourceName: "i-1" }, row, res)).toBe(false);
  });
});
