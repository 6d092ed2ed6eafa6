// The activity queries (users, AccessKeys, resources) on planted events, on both stores.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccessKeyDetail, listAccessKeys, listUnusedAccessKeys } from "@/lib/activity/access-keys";
import { findResourceTimeline } from "@/lib/activity/resources";
import { findRegionSightings } from "@/lib/activity/sql";
import { findUserActivity } from "@/lib/activity/user-activity";
import { QUERY_RETENTION_ENV } from "@/lib/config/retention";
import { ingestEvents } from "@/lib/events/ingest";
import { parseIngestBody } from "@/lib/events/ingest-request";
import { STORES, onFreshStore } from "../helpers/db";
import { body, makeEvent } from "../helpers/events";

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = new Date();
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();

function ev(o: { user: string; ago: number; ip?: string; ak?: string | null; region?: string; name?: string; error?: string; sensitive?: boolean; ua?: string; resource?: [string, string]; extra?: Record<string, unknown> }) {
  return makeEvent({
    eventTime: at(o.ago),
    eventName: o.name ?? "DescribeInstances",
    acsRegion: o.region ?? "cn-hangzhou",
    sourceIpAddress: o.ip ?? "198.51.100.1",
    userAgent: o.ua ?? "aliyun-cli/3.0.200",
    referencedResources: o.resource ? { [o.resource[0]]: [o.resource[1]] } : {},
    userIdentity: { type: "ram-user", principalId: "1", accountId: "1", userName: o.user, ...(o.ak === null ? {} : { accessKeyId: o.ak ?? "LTAI5tDefault" }) },
    ...(o.error ? { errorCode: o.error, errorMessage: "no" } : {}),
    ...(o.sensitive ? { sensitive: true } : {}),
    ...o.extra,
  });
}

async function ingest(events: Record<string, unknown>[]) {
  const parsed = parseIngestBody(body(events));
  if (!parsed.ok) throw new Error(parsed.message);
  const r = await ingestEvents(parsed.inputs);
  expect(r.failed).toEqual([]);
}

const scope = (region = "cn-hangzhou", days = 7) => ({ region, start: at(days * DAY), end: NOW.toISOString() });

afterAll(() => {
  delete process.env[QUERY_RETENTION_ENV];
});

describe.each(STORES)("activity queries on %s", (store) => {
  const u = `act-user-${randomUUID().slice(0, 8)}`;
  const k1 = `LTAI5tK1${randomUUID().slice(0, 8)}`;
  const k2 = `LTAI5tK2${randomUUID().slice(0, 8)}`;
  const kOld = `LTAI5tOld${randomUUID().slice(0, 8)}`;
  const kMixed = `LTAI5tMix${randomUUID().slice(0, 8)}`;
  const inst = `i-act${randomUUID().slice(0, 8)}`;

  onFreshStore(store);
  beforeAll(async () => {
    // The "unused for 30 days" view reads events up to 120 days old, older than the default query store retention, which
    // ingestion would otherwise refuse (lib/events/ingest-retention.ts): this store keeps ten years.
    process.env[QUERY_RETENTION_ENV] = "3650";
    await ingest([
      ev({ user: u, ago: 50 * MIN, ip: "198.51.100.1", ak: k1, name: "RunInstances", resource: ["ACS::ECS::Instance", inst], ua: "ua-one" }),
      ev({ user: u, ago: 40 * MIN, ip: "198.51.100.2", ak: k1, name: "ModifyInstanceAttribute", resource: ["ACS::ECS::Instance", inst], error: "Forbidden.RAM", ua: "ua-two" }),
      ev({ user: u, ago: 30 * MIN, ip: "198.51.100.1", ak: k2, name: "DeleteInstance", resource: ["ACS::ECS::Instance", inst], sensitive: true, ua: "ua-one" }),
      // Same user in another region and outside the window: neither counts in cn-hangzhou / 7 days.
      ev({ user: u, ago: 20 * MIN, ip: "198.51.100.9", ak: k1, region: "cn-shanghai", resource: ["ACS::ECS::Instance", inst] }),
      ev({ user: u, ago: 10 * DAY, ip: "198.51.100.8", ak: k1 }),
      // A console sign-in (global: listed under ap-southeast-1) with MFA.
      ev({ user: u, ago: 60 * MIN, ak: null, name: "ConsoleSignin", extra: { eventType: "ConsoleSignin", isGlobal: true, serviceName: "AasSub", additionalEventData: { MFAUsed: "true" } } }),
      // A key last used 100 days ago; another used 100 days ago here and yesterday elsewhere.
      ev({ user: "old-owner", ago: 120 * DAY, ak: kOld }),
      ev({ user: "old-owner", ago: 100 * DAY, ak: kOld }),
      ev({ user: "mixed-owner", ago: 100 * DAY, ak: kMixed }),
      ev({ user: "mixed-owner", ago: DAY, ak: kMixed, region: "cn-beijing" }),
    ]);
  });

  it("aggregates a user's activity in one region and window, with exact first and last seen", async () => {
    const a = await findUserActivity(u, scope());
    expect(a.total).toBe(3);
    expect(a.failedTotal).toBe(1);
    expect(a.sensitiveTotal).toBe(1);
    expect(a.firstSeen).toBe(at(50 * MIN));
    expect(a.lastSeen).toBe(at(30 * MIN));
    expect(a.sourceIps).toEqual([
      { value: "198.51.100.1", count: 2, firstSeen: at(50 * MIN), lastSeen: at(30 * MIN) },
      { value: "198.51.100.2", count: 1, firstSeen: at(40 * MIN), lastSeen: at(40 * MIN) },
    ]);
    expect(a.accessKeys).toEqual([
      { value: k1, count: 2, firstSeen: at(50 * MIN), lastSeen: at(40 * MIN) },
      { value: k2, count: 1, firstSeen: at(30 * MIN), lastSeen: at(30 * MIN) },
    ]);
    expect(a.userAgents.map((r) => [r.value, r.count])).toEqual([["ua-one", 2], ["ua-two", 1]]);
    expect(a.eventNames.map((r) => r.value).sort()).toEqual(["DeleteInstance", "ModifyInstanceAttribute", "RunInstances"]);
    expect(a.services).toEqual([{ value: "Ecs", count: 3, firstSeen: at(50 * MIN), lastSeen: at(30 * MIN) }]);
    expect(a.failures.map((f) => [f.eventName, f.errorCode])).toEqual([["ModifyInstanceAttribute", "Forbidden.RAM"]]);
    expect(a.sensitive.map((f) => f.eventName)).toEqual(["DeleteInstance"]);
    expect(a.timeline.reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(a.bucket).toBe("day");
    expect(a.timeline).toHaveLength(8);
    expect(a.timeline.reduce((s, b) => s + b.failed, 0)).toBe(1);
    // Sign-ins come from the global region whatever region is shown, with MFA read from the JSON.
    expect(a.signinRegion).toBe("ap-southeast-1");
    expect(a.signins.map((s) => [s.eventName, s.mfaUsed])).toEqual([["ConsoleSignin", true]]);
  });

  it("scopes by region and window, and 'all' adds every region", async () => {
    expect((await findUserActivity(u, scope("cn-shanghai"))).total).toBe(1);
    expect((await findUserActivity(u, scope("cn-hangzhou", 30))).total).toBe(4);
    // all regions, 7 days: 3 in cn-hangzhou, 1 in cn-shanghai, the global sign-in.
    expect((await findUserActivity(u, scope("all"))).total).toBe(5);
    const none = await findUserActivity("nobody-at-all", scope());
    expect(none).toMatchObject({ total: 0, firstSeen: null, lastSeen: null, sourceIps: [], signins: [] });
    const seen = await findRegionSightings("user", u);
    expect(seen.map((s) => s.region).sort()).toEqual(["ap-southeast-1", "cn-hangzhou", "cn-shanghai"]);
    expect(seen.find((s) => s.region === "cn-hangzhou")?.lastSeen).toBe(at(30 * MIN));
  });

  it("finds where an AccessKey or a resource name was seen, newest region first", async () => {
    expect(await findRegionSightings("accessKey", kMixed)).toEqual([
      { region: "cn-beijing", lastSeen: at(DAY) },
      { region: "cn-hangzhou", lastSeen: at(100 * DAY) },
    ]);
    expect(await findRegionSightings("resourceName", inst)).toEqual([
      { region: "cn-shanghai", lastSeen: at(20 * MIN) },
      { region: "cn-hangzhou", lastSeen: at(30 * MIN) },
    ]);
    // A user name is not a resource name: each subject reads its own column.
    expect(await findRegionSightings("resourceName", u)).toEqual([]);
    expect(await findRegionSightings("accessKey", "LTAI5tNeverSeen")).toEqual([]);
  });

  // The AccessKey audit reads the last-used records (every region, 400 days; lib/access-keys/last-used.ts).
  it("lists AccessKeys last used in the window with owner, first and last use and count, every region", async () => {
    const { keys } = await listAccessKeys({ since: at(7 * DAY) });
    const byId = new Map(keys.map((k) => [k.accessKeyId, k]));
    expect(byId.get(k1)).toEqual({ accessKeyId: k1, owner: u, firstUsed: at(10 * DAY), lastUsed: at(20 * MIN), count: 4 });
    expect(byId.get(k2)).toEqual({ accessKeyId: k2, owner: u, firstUsed: at(30 * MIN), lastUsed: at(30 * MIN), count: 1 });
    expect(byId.has(kOld)).toBe(false);
    expect((await listAccessKeys({ since: at(25 * MIN) })).keys.map((k) => k.accessKeyId)).not.toContain(k2);
  });

  it("finds keys unused for 90 days across every region", async () => {
    const unused = await listUnusedAccessKeys(NOW);
    const ids = unused.map((k) => k.accessKeyId);
    expect(ids).toContain(kOld);
    expect(ids).not.toContain(kMixed);
    expect(ids).not.toContain(k1);
    expect(unused.find((k) => k.accessKeyId === kOld)).toEqual({
      accessKeyId: kOld, owner: "old-owner", firstUsed: at(120 * DAY), lastUsed: at(100 * DAY), count: 2,
    });
  });

  it("details one key: owners, IPs, services and resources", async () => {
    const d = await findAccessKeyDetail(k1);
    expect(d).toMatchObject({ total: 4, firstUsed: at(10 * DAY), lastUsed: at(20 * MIN) });
    expect(d.owners.map((o) => [o.value, o.count])).toEqual([[u, 4]]);
    expect(d.sourceIps.map((o) => o.value)).toEqual(["198.51.100.1", "198.51.100.2", "198.51.100.8", "198.51.100.9"]);
    expect(d.services.map((o) => [o.value, o.count])).toEqual([["Ecs", 4]]);
    expect(d.resources).toEqual([{ type: "ACS::ECS::Instance", value: inst, count: 3, firstSeen: at(50 * MIN), lastSeen: at(20 * MIN) }]);
    expect((await findAccessKeyDetail("LTAI5tNeverSeen")).total).toBe(0);
  });

  it("gives a resource's timeline in order, marking create and delete", async () => {
    const asc = await findResourceTimeline({ type: "ACS::ECS::Instance", name: inst, order: "asc" }, scope());
    expect(asc.events.map((e) => [e.eventName, e.lifecycle])).toEqual([
      ["RunInstances", "create"], ["ModifyInstanceAttribute", null], ["DeleteInstance", "delete"],
    ]);
    expect(asc.events[1]).toMatchObject({ userName: u, sourceIp: "198.51.100.2", errorCode: "Forbidden.RAM", matchedType: "ACS::ECS::Instance", sensitive: false });
    expect(asc.events[2].sensitive).toBe(true);
    const desc = await findResourceTimeline({ name: inst, order: "desc" }, scope());
    expect(desc.events.map((e) => e.eventName)).toEqual(["DeleteInstance", "ModifyInstanceAttribute", "RunInstances"]);
    expect((await findResourceTimeline({ name: inst, order: "asc" }, scope("all"))).events).toHaveLength(4);
    expect((await findResourceTimeline({ type: "ACS::ECS::Disk", name: inst, order: "asc" }, scope())).events).toEqual([]);
  });
});
