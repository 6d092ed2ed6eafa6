// eventsUrl (lib/events/events-url.ts) writes every link to /events: parameters in the order given,
// empty ones left out, a preset window and a cursor where the caller puts them.
import { describe, expect, it } from "vitest";
import { eventsUrl } from "@/lib/events/events-url";
import { parseEventSearch } from "@/lib/events/filters";

const W = { region: "cn-hangzhou", start: "2026-11-23T00:00:00.000Z", end: "2026-11-23T06:00:00.000Z" };
const enc = encodeURIComponent;

describe("eventsUrl", () => {
  it("is the bare page without state", () => {
    expect(eventsUrl()).toBe("/events");
    expect(eventsUrl({ region: "", user: undefined })).toBe("/events");
  });

  it("keeps the key order of its argument, a later value replacing an earlier one in place", () => {
    expect(eventsUrl({ ...W, accessKeyId: "LTAI1", service: "Ecs" })).toBe(`/events?region=cn-hangzhou&start=${enc(W.start)}&end=${enc(W.end)}&accessKeyId=LTAI1&service=Ecs`);
    const later: { user?: string } = { user: "b" };
    expect(eventsUrl({ ...W, user: "a", service: "Ecs", ...later })).toBe(`/events?region=cn-hangzhou&start=${enc(W.start)}&end=${enc(W.end)}&user=b&service=Ecs`);
    expect(eventsUrl({ region: "cn-hangzhou", logStore: "actiontrail_t-1" })).toBe("/events?region=cn-hangzhou&logStore=actiontrail_t-1");
  });

  it("writes a preset window and a page cursor where they are given", () => {
    expect(eventsUrl({ region: "all", range: "7d", eventName: "DeleteBucket" })).toBe("/events?region=all&range=7d&eventName=DeleteBucket");
    expect(eventsUrl({ ...W, errorCode: "*", cursor: "abc=" })).toBe(`/events?region=cn-hangzhou&start=${enc(W.start)}&end=${enc(W.end)}&errorCode=*&cursor=abc%3D`);
    expect(eventsUrl({ region: "cn-hangzhou", logStore: undefined, range: "1h", eventRW: "Write", user: "a b", sensitive: true })).toBe(
      "/events?region=cn-hangzhou&range=1h&eventRW=Write&user=a+b&sensitive=true",
    );
  });

  it("is read back by the page's parser", () => {
    const now = new Date("2026-11-23T12:00:00.000Z");
    const url = eventsUrl({ ...W, resourceType: "ACS::OSS::Bucket", resourceName: "a&b <c>", sensitive: true });
    const { filters, problems } = parseEventSearch(new URL(url, "http://x").searchParams, now);
    expect(problems).toEqual([]);
    expect(filters).toEqual({ ...W, resourceType: "ACS::OSS::Bucket", resourceName: "a&b <c>", sensitive: true });
  });
});
