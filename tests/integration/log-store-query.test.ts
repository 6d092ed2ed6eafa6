// The Event Detail Query page reading a trail's log store: events older than the 90-day query store,
// every filter applied to the stored JSON, keyset paging, the bounded scan, the retention bound and the
// permanent-link fallback.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { DAY_MS, parseEventSearch, type EventFilters, type LogStoreInfo } from "@/lib/events/filters";
import { ingestEvents } from "@/lib/events/ingest";
import { canonicalTime } from "@/lib/events/normalize";
import { findEventById, findEventPage, iterateEvents, listLogStores, type EventListRow } from "@/lib/events/query";
import { createTrail } from "@/lib/trails/trails";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const CLI: Actor = { username: "operator", kind: "cli" };
const LOG_STORE = "actiontrail_org-audit";
const MINUTE = 60_000;

type Ev = Record<string, unknown>;

/** An event `days` ago (plus `minutes`), as ActionTrail JSON, not in the sensitive catalogue unless asked. */
function oldEvent(days: number, minutes: number, overrides: Ev = {}): Ev {
  const base = makeEvent();
  return makeEvent({
    eventName: "DescribeInstances",
    eventRW: "Read",
    ...overrides,
    eventId: base.eventId,
    eventTime: new Date(Date.now() - days * DAY_MS + minutes * MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z"),
  });
}

async function putInLogStore(logStore: string, events: Ev[]): Promise<void> {
  await prisma.logStoreEvent.createMany({
    data: events.map((e) => ({
      logStore,
      eventId: String(e.eventId),
      eventTime: canonicalTime(String(e.eventTime)),
      queryRegion: e.isGlobal === true ? "ap-southeast-1" : String(e.acsRegion),
      raw: JSON.stringify(e),
    })),
  });
}

const ids = (rows: EventListRow[]) => rows.map((r) => r.eventId);
/** Newest first, as the page lists them. */
const newestFirst = (events: Ev[]) =>
  [...events].sort((a, b) => Date.parse(String(b.eventTime)) - Date.parse(String(a.eventTime))).map((e) => String(e.eventId));

describe.each(STORES)("the log store as an event source on %s", (store) => {
  let stores: LogStoreInfo[];
  let window: Pick<EventFilters, "start" | "end">;
  const events: Record<string, Ev> = {};
  let all: Ev[];

  function search(params: Record<string, string>) {
    return parseEventSearch({ logStore: LOG_STORE, ...window, ...params }, new Date(), stores);
  }
  async function list(params: Record<string, string>, opts: { limit?: number; scanLimit?: number } = {}) {
    const { filters, problems } = search(params);
    expect(problems).toEqual([]);
    return findEventPage(filters, opts);
  }

  onFreshStore(store);
  beforeAll(async () => {
    await createTrail({ name: "org-audit", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: CLI, startLogging: true });
    // A trail whose log store was switched off: its rows are not offered as a source.
    await createTrail({ name: "disabled-store", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: CLI, startLogging: true });
    await prisma.trail.update({ where: { name: "disabled-store" }, data: { logStoreEnabled: false } });
    stores = await listLogStores();
    window = { start: new Date(Date.now() - 125 * DAY_MS).toISOString(), end: new Date(Date.now() - 115 * DAY_MS).toISOString() };
    Object.assign(events, {
      plain: oldEvent(120, 0),
      bob: oldEvent(120, 1, { userIdentity: { type: "ram-user", userName: "bob.old", accessKeyId: "LTAI5tOldBobKey00000001" } }),
      rds: oldEvent(120, 2, { serviceName: "Rds", eventName: "CreateDBInstance", eventRW: "Write", referencedResources: { "ACS::RDS::DBInstance": ["rm-old1"] } }),
      failed: oldEvent(120, 3, { errorCode: "Forbidden.RAM", errorMessage: "denied", sourceIpAddress: "198.18.7.7" }),
      sensitiveName: oldEvent(120, 4, { eventName: "DeleteInstance", eventRW: "Write" }),
      sensitiveFlag: oldEvent(120, 5, { eventName: "OddThing", sensitive: true }),
      global: oldEvent(120, 6, { serviceName: "Ram", eventName: "CreateUser", eventRW: "Write", isGlobal: true, acsRegion: "cn-hangzhou" }),
      shanghai: oldEvent(120, 7, { acsRegion: "cn-shanghai", eventType: "ConsoleOperation" }),
      multi: oldEvent(120, 8, { referencedResources: { "ACS::ECS::Instance": ["i-multi-a"], "ACS::VPC::VPC": ["vpc-multi"] } }),
      tooOld: oldEvent(200, 0),
    });
    all = Object.values(events);
    await putInLogStore(LOG_STORE, all);
    // Another log store's rows are never listed in this one.
    await putInLogStore("actiontrail_disabled-store", [oldEvent(120, 9, { userIdentity: { userName: "bob.old" } })]);
  });

  it("lists the log stores of the trails that have one, with their retention", () => {
    expect(stores).toEqual([{ name: LOG_STORE, trail: "org-audit", retentionDays: 180 }]);
  });

  it("lists 120-day-old events of the log store in the region, newest first, with derived columns", async () => {
    const page = await list({});
    const inHangzhou = all.filter((e) => e !== events.tooOld && e !== events.global && e !== events.shanghai);
    expect(ids(page.rows)).toEqual(newestFirst(inHangzhou));
    const rds = page.rows.find((r) => r.eventId === events.rds.eventId)!;
    expect(rds).toMatchObject({
      logStore: LOG_STORE, serviceName: "Rds", eventName: "CreateDBInstance", eventRW: "Write", userName: "alice.wang",
      resourceType: "ACS::RDS::DBInstance", resourceName: "rm-old1", queryRegion: "cn-hangzhou", sensitive: false,
    });
    expect(rds.raw).toBe(JSON.stringify(events.rds));
    expect(page.nextCursor).toBeUndefined();
    expect(page.scanLimited).toBeUndefined();
    // The query store knows none of them.
    expect((await findEventPage({ ...search({}).filters, logStore: undefined })).rows).toEqual([]);
  });

  it("applies every filter to the stored JSON", async () => {
    const cases: [Record<string, string>, Ev[]][] = [
      [{ user: "bob.old" }, [events.bob]],
      [{ accessKeyId: "LTAI5tOldBobKey00000001" }, [events.bob]],
      [{ service: "Rds" }, [events.rds]],
      [{ eventName: "CreateDBInstance" }, [events.rds]],
      [{ eventRW: "Write" }, [events.rds, events.sensitiveName]],
      [{ errorCode: "Forbidden.RAM" }, [events.failed]],
      [{ errorCode: "*" }, [events.failed]],
      [{ sourceIp: "198.18.7.7" }, [events.failed]],
      [{ resourceType: "ACS::RDS::DBInstance" }, [events.rds]],
      [{ resourceName: "vpc-multi" }, [events.multi]],
      [{ resourceType: "ACS::VPC::VPC", resourceName: "vpc-multi" }, [events.multi]],
      [{ resourceType: "ACS::VPC::VPC", resourceName: "i-multi-a" }, []],
      [{ sensitive: "true" }, [events.sensitiveName, events.sensitiveFlag]],
      [{ eventId: String(events.plain.eventId) }, [events.plain]],
      [{ region: "ap-southeast-1" }, [events.global]],
      [{ region: "cn-shanghai", eventType: "ConsoleOperation" }, [events.shanghai]],
      [{ region: "all", user: "bob.old" }, [events.bob]],
      [{ region: "all", eventRW: "Write", service: "Ram" }, [events.global]],
      [{ user: "bob.old", service: "Rds" }, []],
    ];
    for (const [params, expected] of cases) {
      const page = await list(params);
      expect(ids(page.rows), JSON.stringify(params)).toEqual(newestFirst(expected));
    }
  });

  it("pages with keyset cursors both ways", async () => {
    const expected = newestFirst(all.filter((e) => e !== events.tooOld));
    const p1 = await list({ region: "all" }, { limit: 4 });
    expect(ids(p1.rows)).toEqual(expected.slice(0, 4));
    expect(p1.prevCursor).toBeUndefined();
    const { filters } = search({ region: "all" });
    const page2 = await findEventPage(filters, { cursor: p1.nextCursor, limit: 4 });
    expect(ids(page2.rows)).toEqual(expected.slice(4, 8));
    const page3 = await findEventPage(filters, { cursor: page2.nextCursor, limit: 4 });
    expect(ids(page3.rows)).toEqual(expected.slice(8));
    expect(page3.nextCursor).toBeUndefined();
    const back2 = await findEventPage(filters, { cursor: page3.prevCursor, limit: 4 });
    expect(ids(back2.rows)).toEqual(expected.slice(4, 8));
    const back1 = await findEventPage(filters, { cursor: back2.prevCursor, limit: 4 });
    expect(ids(back1.rows)).toEqual(expected.slice(0, 4));
    expect(back1.prevCursor).toBeUndefined();
    expect(back1.nextCursor).toBeDefined();
  });

  it("stops a page after the scan bound and continues from where it stopped", async () => {
    const { filters } = search({ region: "all", user: "bob.old" });
    // bob's event is the 8th newest of 9 in the window: with a bound of 3 rows, two pages find nothing.
    const first = await findEventPage(filters, { scanLimit: 3 });
    expect(first.rows).toEqual([]);
    expect(first.scanLimited).toBe(3);
    expect(first.nextCursor).toBeDefined();
    const second = await findEventPage(filters, { cursor: first.nextCursor, scanLimit: 3 });
    expect(second.scanLimited).toBe(3);
    expect(second.rows).toEqual([]);
    const third = await findEventPage(filters, { cursor: second.nextCursor, scanLimit: 3 });
    expect(ids(third.rows)).toEqual([events.bob.eventId]);
    expect(third.scanLimited).toBeUndefined();
    expect(third.nextCursor).toBeUndefined();
    expect(third.prevCursor).toBeDefined();
  });

  it("keeps the window within the log store's retention", async () => {
    const { filters, problems } = parseEventSearch(
      { logStore: LOG_STORE, region: "all", start: new Date(Date.now() - 250 * DAY_MS).toISOString() },
      new Date(),
      stores,
    );
    expect(problems[0]).toMatch(/The log store actiontrail_org-audit keeps events for 180 days/);
    const rows = [];
    for await (const r of iterateEvents(filters, 2)) rows.push(r);
    expect(rows.map((r) => r.eventId)).toEqual(newestFirst(all.filter((e) => e !== events.tooOld)));
    // A log store nobody has enabled falls back to the query store.
    const unknown = parseEventSearch({ logStore: "actiontrail_disabled-store", ...window }, new Date(), stores);
    expect(unknown.filters.logStore).toBeUndefined();
    expect(unknown.problems[0]).toMatch(/There is no log store "actiontrail_disabled-store"/);
  });

  it("exports a filtered log store result", async () => {
    const rows = [];
    for await (const r of iterateEvents(search({ region: "all", eventRW: "Write" }).filters, 3)) rows.push(r);
    expect(ids(rows)).toEqual(newestFirst([events.rds, events.sensitiveName, events.global]));
  });

  it("finds an event by ID in the query store first, then in the log stores", async () => {
    const fromLog = await findEventById(String(events.failed.eventId));
    expect(fromLog).toMatchObject({ logStore: LOG_STORE, errorCode: "Forbidden.RAM", sourceIp: "198.18.7.7", raw: JSON.stringify(events.failed) });
    const recent = makeEvent();
    await ingestEvents([{ raw: JSON.stringify(recent), value: recent }] as never);
    const fromQuery = await findEventById(String(recent.eventId));
    expect(fromQuery?.eventId).toBe(recent.eventId);
    expect(fromQuery?.logStore).toBeUndefined();
    expect(await findEventById("no-such-event")).toBeUndefined();
  });
});
