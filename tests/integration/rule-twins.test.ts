// The two rules that exist both as SQL and as JS run on one table of cases each, on both stores: which
// events a trail delivers (lib/delivery/matching.ts: trailMatchSql / trailMatches) and which stored events
// are sensitive after a catalogue edit (lib/events/sensitive-catalog.ts RULE_SQL / lib/events/sensitive-rule.ts).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ALL, trailMatches, type TrailScope } from "@/lib/delivery/matching";
import { readMatchingEvents } from "@/lib/delivery/read-events";
import { ingestEvents } from "@/lib/events/ingest";
import { invalidateSensitiveCatalog, reflagStoredEvents } from "@/lib/events/sensitive-catalog";
import { DEFAULT_SENSITIVE_EVENT_NAMES, isSensitiveIn } from "@/lib/events/sensitive-rule";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

/** Events across Read/Write, regions (query and ACS), global ones filed under Singapore. */
function deliveryEvents(): Record<string, unknown>[] {
  const e = (o: Record<string, unknown>) => makeEvent(o);
  return [
    e({ eventRW: "Write", acsRegion: "cn-hangzhou" }),
    e({ eventRW: "Read", acsRegion: "cn-hangzhou" }),
    e({ eventRW: "Write", acsRegion: "cn-shanghai" }),
    e({ eventRW: "Read", acsRegion: "cn-shanghai" }),
    // Global: listed under ap-southeast-1 whatever its acsRegion; delivered by every trail.
    e({ eventRW: "Write", acsRegion: "cn-shanghai", isGlobal: true, serviceName: "Ram" }),
    e({ eventRW: "Read", acsRegion: "cn-hangzhou", isGlobal: true, serviceName: "Ram" }),
    e({ eventRW: "Write", acsRegion: "ap-southeast-1" }),
  ];
}

const TRAILS: TrailScope[] = ["All", "Read", "Write"].flatMap((eventRW) =>
  [ALL, "home"].flatMap((scope) =>
    ["cn-hangzhou", "ap-southeast-1"].map((homeRegion) => ({ name: `t-${eventRW}-${scope}-${homeRegion}`, eventRW, trailRegion: scope === ALL ? ALL : homeRegion, homeRegion })),
  ),
);
/** The inner trail (docs/inner-trail.md): every region and Read/Write, but origin self only. */
const INNER: TrailScope = { name: "t-inner", eventRW: ALL, trailRegion: ALL, homeRegion: "cn-hangzhou", kind: "inner" };

/** Events that differ in what the sensitive rules look at: name, type, error, identity type, own flag. */
function sensitivityEvents(name: string): Record<string, unknown>[] {
  const base = { eventName: name };
  return [
    makeEvent(base),
    makeEvent({ ...base, errorCode: "Forbidden", errorMessage: "x" }),
    makeEvent({ ...base, userIdentity: { type: "root-account", userName: "root" } }),
    makeEvent({ ...base, sensitive: true }),
    makeEvent({ ...base, requestParameters: { note: '"sensitive": true is only mentioned here' } }),
    makeEvent({ eventName: "ConsoleSignin", eventType: "ConsoleSignin", errorCode: "InvalidPassword", errorMessage: "x", isGlobal: true, serviceName: "AasSub" }),
    makeEvent({ eventName: "ConsoleSignin", eventType: "ConsoleSignin", isGlobal: true, serviceName: "AasSub" }),
  ];
}

describe.each(STORES)("SQL and JS twins agree on %s", (store) => {
  onFreshStore(store);

  it("trails deliver the same events by SQL and by trailMatches", async () => {
    const events = deliveryEvents();
    expect((await ingestEvents(events.map((value) => ({ value, raw: JSON.stringify(value) })))).failed).toEqual([]);
    // Trailkeeper's own records and a token's event, for the inner trail's origin rule.
    const own = [makeEvent({ eventRW: "Read" }), makeEvent({ acsRegion: "cn-shanghai" })];
    const sent = [makeEvent()];
    expect((await ingestEvents(own.map((value) => ({ value, raw: JSON.stringify(value) })), { origin: { kind: "self", channel: "cli" } })).failed).toEqual([]);
    expect((await ingestEvents(sent.map((value) => ({ value, raw: JSON.stringify(value) })), { origin: { kind: "token", tokenId: "itk_x", tokenLabel: null } })).failed).toEqual([]);
    events.push(...own, ...sent);
    const rows = await prisma.event.findMany({ where: { eventId: { in: events.map((e) => String(e.eventId)) } } });
    expect(rows.filter((r) => trailMatches(INNER, r)).map((r) => r.eventId).sort()).toEqual(own.map((e) => String(e.eventId)).sort());
    let someDiffer = false;
    for (const trail of [...TRAILS, INNER]) {
      const bySql = (await readMatchingEvents(trail, { afterId: 0, maxId: 2_000_000_000, limit: 1_000 }))
        .map((e) => e.eventId)
        .filter((id) => rows.some((r) => r.eventId === id))
        .sort();
      const byJs = rows.filter((r) => trailMatches(trail, r)).map((r) => r.eventId).sort();
      expect(bySql, trail.name).toEqual(byJs);
      if (byJs.length !== rows.length) someDiffer = true;
    }
    // The table is not vacuous: some trails leave events out.
    expect(someDiffer).toBe(true);
  });

  it("re-flagging after a catalogue edit gives what the JS rule says, both ways", async () => {
    const name = "DeleteBucket";
    expect(DEFAULT_SENSITIVE_EVENT_NAMES.some((d) => d.eventName === name)).toBe(true);
    const events = sensitivityEvents(name);
    expect((await ingestEvents(events.map((value) => ({ value, raw: JSON.stringify(value) })))).failed).toEqual([]);
    const ids = events.map((e) => String(e.eventId));
    const expected = (catalogue: Set<string>) =>
      events.map((e) => {
        const identity = (e.userIdentity ?? {}) as { type?: string };
        return e.sensitive === true || isSensitiveIn(catalogue, String(e.eventName), { errorCode: (e.errorCode as string) ?? null, eventType: String(e.eventType), userType: identity.type ?? null });
      });
    const stored = async () => {
      const rows = await prisma.event.findMany({ where: { eventId: { in: ids } }, select: { eventId: true, sensitive: true } });
      return ids.map((id) => rows.find((r) => r.eventId === id)!.sensitive);
    };
    const withName = new Set(DEFAULT_SENSITIVE_EVENT_NAMES.map((d) => d.eventName));
    expect(await stored()).toEqual(expected(withName));

    // The name leaves the catalogue: only the rules and the events' own flag keep it.
    await prisma.sensitiveAction.delete({ where: { eventName: name } });
    invalidateSensitiveCatalog();
    await reflagStoredEvents(name, false);
    const without = new Set([...withName].filter((n) => n !== name));
    expect(await stored()).toEqual(expected(without));
    expect(expected(without)).toContain(false);

    // And back.
    await prisma.sensitiveAction.create({ data: { eventName: name } });
    invalidateSensitiveCatalog();
    await reflagStoredEvents(name, true);
    expect(await stored()).toEqual(expected(withName));
  });
});
