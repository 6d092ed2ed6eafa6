// A resource filter in one region looks the resource up first and reads a rare resource's events by id;
// a common one (more than RESOURCE_PROBE_LIMIT references) keeps the subquery. Both must give the page
// the subquery alone gives, with paging, on every store.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/events/ingest";
import type { EventFilters } from "@/lib/events/filters";
import { RESOURCE_PROBE_LIMIT, buildEventPageQuery, findEventPage, probeResourcePks, queryRows } from "@/lib/events/query";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const NOW = Date.now();
const window = { start: new Date(NOW - 86_400_000).toISOString(), end: new Date(NOW).toISOString() };

function event(i: number, resources: Record<string, string[]>, region = "cn-hangzhou") {
  return makeEvent({ eventTime: new Date(NOW - 3_600_000 + i * 1_000).toISOString(), acsRegion: region, referencedResources: resources });
}

async function ingest(events: Record<string, unknown>[]) {
  const r = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
  expect(r.failed).toEqual([]);
}

/** Every page of a filter set through findEventPage, as event ids. */
async function allPages(f: EventFilters, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await findEventPage(f, { cursor, limit });
    ids.push(...page.rows.map((r) => r.eventId));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ids;
}

describe.each(STORES)("resource probe on %s", (store) => {
  onFreshStore(store);
  beforeAll(async () => {
    const common = Array.from({ length: RESOURCE_PROBE_LIMIT + 20 }, (_, i) => event(i, { "ACS::OSS::Bucket": ["busy-bucket"] }));
    const rare = [5, 600, 1_100].map((i) => event(i, { "ACS::ECS::Instance": ["i-rare"], "ACS::OSS::Bucket": ["busy-bucket"] }));
    const elsewhere = event(7, { "ACS::ECS::Instance": ["i-rare"] }, "cn-beijing");
    await ingest([...common, ...rare, elsewhere]);
  });

  it("reads a rare resource's events by id, the same page as the subquery, newest first and paged", async () => {
    const f: EventFilters = { region: "cn-hangzhou", ...window, resourceName: "i-rare" };
    const pks = await probeResourcePks(f);
    expect(pks).toHaveLength(3);
    const viaSubquery = (await queryRows(buildEventPageQuery(f, { limit: 10 }))).map((r) => r.eventId);
    expect(viaSubquery).toHaveLength(3);
    expect(await allPages(f, 2)).toEqual(viaSubquery);
    // Type and name together, and a type alone that is rare.
    expect(await allPages({ ...f, resourceType: "ACS::ECS::Instance" }, 50)).toEqual(viaSubquery);
    expect(await allPages({ region: "cn-hangzhou", ...window, resourceType: "ACS::ECS::Instance" }, 50)).toEqual(viaSubquery);
  });

  it("keeps the subquery for a common resource, and for all regions", async () => {
    const f: EventFilters = { region: "cn-hangzhou", ...window, resourceName: "busy-bucket" };
    expect(await probeResourcePks(f)).toBeUndefined();
    const ids = await allPages(f, 500);
    expect(ids).toHaveLength(RESOURCE_PROBE_LIMIT + 23);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await probeResourcePks({ region: "all", ...window, resourceName: "i-rare" })).toBeUndefined();
    expect(await allPages({ region: "all", ...window, resourceName: "i-rare" }, 50)).toHaveLength(4);
  });

  it("finds nothing for an unknown resource or one outside the window", async () => {
    expect(await probeResourcePks({ region: "cn-hangzhou", ...window, resourceName: "i-none" })).toEqual([]);
    expect(await allPages({ region: "cn-hangzhou", ...window, resourceName: "i-none" }, 50)).toEqual([]);
    const before = { start: new Date(NOW - 3 * 86_400_000).toISOString(), end: new Date(NOW - 2 * 86_400_000).toISOString() };
    expect(await allPages({ region: "cn-hangzhou", ...before, resourceName: "i-rare" }, 50)).toEqual([]);
  });
});
