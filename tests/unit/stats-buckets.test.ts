// Display buckets in the viewer's time zone, and the dashboard's URL state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsUrl } from "@/lib/events/events-url";
import { bucketSeries, bucketWindow, emptyBuckets } from "@/lib/stats/buckets";
import { dashboardHref } from "@/lib/stats/links";
import { displayBucketFor, parseDashboardSearch } from "@/lib/stats/window";

const iso = (ms: number) => new Date(ms).toISOString();
const W = { region: "cn-hangzhou", start: "2026-11-22T12:34:56.789Z", end: "2026-11-23T12:34:56.789Z" };

describe("display buckets", () => {
  const tz = process.env.TZ;
  beforeAll(() => {
    // China Standard Time: local midnight is 16:00 UTC.
    process.env.TZ = "Asia/Shanghai";
  });
  afterAll(() => {
    process.env.TZ = tz;
  });

  it("cuts a 24 h window into hours, the first and last clipped to the window", () => {
    const b = emptyBuckets(W, "hour", ["n"]);
    expect(b).toHaveLength(25);
    expect(iso(b[0].start)).toBe(W.start);
    expect(iso(b[0].end)).toBe("2026-11-22T13:00:00.000Z");
    expect(iso(b[24].start)).toBe("2026-11-23T12:00:00.000Z");
    expect(bucketWindow(b[24])).toEqual({ start: "2026-11-23T12:00:00.000Z", end: W.end });
    expect(bucketWindow(b[1])).toEqual({ start: "2026-11-22T13:00:00.000Z", end: "2026-11-22T13:59:59.999Z" });
  });

  it("aligns days and 6-hour blocks to local midnight", () => {
    const week = { ...W, start: "2026-11-16T12:34:56.789Z" };
    const days = emptyBuckets(week, "day", ["n"]);
    expect(days.slice(1, 3).map((d) => iso(d.start))).toEqual(["2026-11-16T16:00:00.000Z", "2026-11-17T16:00:00.000Z"]);
    const blocks = emptyBuckets(week, "6h", ["n"]);
    expect(blocks.slice(1, 5).map((d) => iso(d.start))).toEqual([
      "2026-11-16T16:00:00.000Z", "2026-11-16T22:00:00.000Z", "2026-11-17T04:00:00.000Z", "2026-11-17T10:00:00.000Z",
    ]);
  });

  it("adds SQL hours into the bucket where they start; the partial first hour goes to the first bucket", () => {
    const week = { ...W, start: "2026-11-16T12:34:56.789Z" };
    const days = bucketSeries(week, "day", ["r", "w"] as const, [
      { at: "2026-11-16T12:00:00.000Z", counts: { r: 1 } },
      { at: "2026-11-16T15:00:00.000Z", counts: { r: 2, w: 1 } },
      { at: "2026-11-16T16:00:00.000Z", counts: { w: 5 } },
      { at: "2026-11-17T15:00:00.000Z", counts: { w: 7 } },
    ]);
    expect(days[0].counts).toEqual({ r: 3, w: 1 });
    expect(days[1].counts).toEqual({ r: 0, w: 12 });
    expect(days.slice(2).every((d) => d.counts.r === 0 && d.counts.w === 0)).toBe(true);
  });

  it("chooses the bucket size from the window's length", () => {
    const ago = (h: number) => ({ region: "x", start: iso(Date.parse(W.end) - h * 3_600_000), end: W.end });
    expect([1, 24, 24 * 7, 24 * 30, 24 * 90].map((h) => displayBucketFor(ago(h)))).toEqual(["minute", "hour", "6h", "day", "day"]);
  });
});

describe("the dashboard's URL", () => {
  const NOW = new Date("2026-11-23T12:00:00.000Z");

  it("reads region and range as /events does, with per-minute counts for 1 h", () => {
    const s = parseDashboardSearch({ region: "ap-southeast-1", range: "1h", stack: "service" }, NOW);
    expect(s.scope).toEqual({ region: "ap-southeast-1", start: "2026-11-23T11:00:00.000Z", end: NOW.toISOString() });
    expect([s.range, s.stack, s.unit]).toEqual(["1h", "service", "minute"]);
    const d = parseDashboardSearch({ region: "mars", stack: "<b>" }, NOW);
    expect([d.scope.region, d.range, d.stack, d.unit]).toEqual(["cn-hangzhou", "24h", "rw", "hour"]);
    expect(d.problems.join()).toMatch(/Unknown region "mars"/);
  });

  it("links to /events with its own parameter names", () => {
    const href = eventsUrl({ ...W, service: "A&B <x>", eventRW: "Write" });
    const q = new URL(href, "http://x").searchParams;
    expect(href.startsWith("/events?")).toBe(true);
    expect(Object.fromEntries(q)).toEqual({ region: "cn-hangzhou", start: W.start, end: W.end, service: "A&B <x>", eventRW: "Write" });
    expect(dashboardHref({ region: "all", range: "7d", stack: "service" })).toBe("/dashboard?region=all&range=7d&stack=service");
    expect(dashboardHref({ region: "cn-hangzhou", start: W.start, end: W.end, stack: "rw" })).toBe(
      `/dashboard?region=cn-hangzhou&start=${encodeURIComponent(W.start)}&end=${encodeURIComponent(W.end)}`,
    );
  });
});
