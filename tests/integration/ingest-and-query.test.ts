import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { parseIngestBody } from "@/lib/events/ingest-request";
import { findEventById, findEventPage, iterateEvents } from "@/lib/events/query";
import type { EventFilters } from "@/lib/events/filters";
import { STORES, onFreshStore } from "../helpers/db";
import { body, makeEvent } from "../helpers/events";

const HOUR = 3_600_000;

function window(hours = 24): Pick<EventFilters, "start" | "end"> {
  const end = new Date();
  return { start: new Date(end.getTime() - hours * HOUR).toISOString(), end: end.toISOString() };
}

async function ingestText(text: string) {
  const parsed = parseIngestBody(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return ingestEvents(parsed.inputs);
}

describe.each(STORES)("ingestion and queries on %s", (store) => {
  onFreshStore(store);

  it("stores valid events byte-for-byte and returns per-event errors for invalid ones", async () => {
    const good = makeEvent({ eventName: "RunInstances", extraField: { nested: [1.0, "\u003cb\u003e"] } });
    const bad = makeEvent({ eventRW: "Maybe", eventTime: "yesterday" });
    // Hand-written text with odd spacing and a non-canonical number, to prove nothing is rewritten.
    const goodText = JSON.stringify(good).replace('"eventVersion":1', '"eventVersion" :  1.0');
    const text = `{"events":[ ${goodText} ,${JSON.stringify(bad)}]}`;
    const result = await ingestText(text);
    expect(result.accepted).toBe(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].index).toBe(1);
    expect(result.failed[0].eventId).toBe(bad.eventId);
    expect(result.failed[0].errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^eventRW: /), expect.stringMatching(/^eventTime: /)]),
    );
    const stored = await findEventById(good.eventId as string);
    expect(stored?.raw).toBe(goodText);
    expect(await findEventById(bad.eventId as string)).toBeUndefined();
  });

  it("accepts every ActionTrail event type and refuses another with the list", async () => {
    const types = ["ApiCall", "ConsoleOperation", "ConsoleSignin", "ConsoleSignout", "PasswordReset", "AliyunServiceEvent"];
    const events = types.map((eventType) => makeEvent({ eventType, eventName: eventType === "ApiCall" ? "DescribeInstances" : eventType }));
    const unknown = makeEvent({ eventType: "ConsoleLogout" });
    const result = await ingestText(body([...events, unknown]));
    expect(result.accepted).toBe(types.length);
    expect(result.failed).toEqual([{ index: types.length, eventId: unknown.eventId, errors: [`eventType: must be one of ${types.join(", ")}`] }]);
    for (const [i, eventType] of types.entries()) {
      const page = await findEventPage({ region: "cn-hangzhou", ...window(), eventType, eventId: events[i].eventId as string });
      expect(page.rows.map((r) => r.eventId)).toEqual([events[i].eventId]);
    }
  });

  it("is idempotent on eventId", async () => {
    const e = makeEvent();
    expect(await ingestText(body([e]))).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await ingestText(body([e, e]))).toMatchObject({ accepted: 2, duplicates: 2 });
    const count = await prisma.event.count({ where: { eventId: e.eventId as string } });
    expect(count).toBe(1);
  });

  it("applies every filter together, and lists global events under ap-southeast-1", async () => {
    const user = `filter-user-${Date.now()}`;
    const match = makeEvent({ userIdentity: { type: "ram-user", userName: user, accessKeyId: "LTAI5tFilterKey0000000001" }, errorCode: "Forbidden.RAM", errorMessage: "denied" });
    const otherName = makeEvent({ userIdentity: { type: "ram-user", userName: user }, eventName: "DescribeInstances", eventRW: "Read" });
    const global = makeEvent({ serviceName: "Ram", eventName: "CreateUser", isGlobal: true, acsRegion: "cn-shanghai", userIdentity: { type: "ram-user", userName: user } });
    await ingestText(body([match, otherName, global]));
    const base: EventFilters = { region: "cn-hangzhou", ...window(), user };
    expect((await findEventPage(base)).rows.map((r) => r.eventId).sort()).toEqual([match.eventId, otherName.eventId].sort());
    const all: EventFilters = {
      ...base, eventRW: "Write", service: "Ecs", eventName: "DeleteInstance", accessKeyId: "LTAI5tFilterKey0000000001",
      sourceIp: "203.0.113.7", errorCode: "Forbidden.RAM", sensitive: true,
      resourceType: "ACS::ECS::Instance", resourceName: (match.referencedResources as Record<string, string[]>)["ACS::ECS::Instance"][0],
      eventId: match.eventId as string,
    };
    expect((await findEventPage(all)).rows.map((r) => r.eventId)).toEqual([match.eventId]);
    expect((await findEventPage({ ...all, sourceIp: "198.51.100.1" })).rows).toEqual([]);
    expect((await findEventPage({ ...base, errorCode: "*" })).rows.map((r) => r.eventId)).toEqual([match.eventId]);
    const singapore = await findEventPage({ region: "ap-southeast-1", ...window(), user });
    expect(singapore.rows.map((r) => r.eventId)).toEqual([global.eventId]);
  });

  it("pages with keyset cursors forwards and back without gaps or repeats", async () => {
    const user = `pager-${Date.now()}`;
    const now = Date.now();
    // 120 events, several sharing a timestamp, to exercise the id tie-break.
    const events = Array.from({ length: 120 }, (_, i) =>
      makeEvent({ eventTime: new Date(now - 1_000 * Math.floor(i / 3) - 5_000).toISOString(), userIdentity: { userName: user } }),
    );
    await ingestText(body(events));
    const f: EventFilters = { region: "cn-hangzhou", ...window(), user };
    const p1 = await findEventPage(f, { limit: 50 });
    const p2 = await findEventPage(f, { limit: 50, cursor: p1.nextCursor });
    const p3 = await findEventPage(f, { limit: 50, cursor: p2.nextCursor });
    expect([p1.rows.length, p2.rows.length, p3.rows.length]).toEqual([50, 50, 20]);
    expect(p1.prevCursor).toBeUndefined();
    expect(p3.nextCursor).toBeUndefined();
    const ids = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.eventId);
    expect(new Set(ids).size).toBe(120);
    const times = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.eventTime);
    expect([...times].sort().reverse()).toEqual(times);
    const back = await findEventPage(f, { limit: 50, cursor: p3.prevCursor });
    expect(back.rows.map((r) => r.eventId)).toEqual(p2.rows.map((r) => r.eventId));
    const back1 = await findEventPage(f, { limit: 50, cursor: back.prevCursor });
    expect(back1.rows.map((r) => r.eventId)).toEqual(p1.rows.map((r) => r.eventId));
    expect(back1.prevCursor).toBeUndefined();
    const exported: string[] = [];
    for await (const row of iterateEvents(f, 7)) exported.push(row.eventId);
    expect(exported).toEqual(ids);
  });
});
