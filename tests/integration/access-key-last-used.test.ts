// AccessKey last-used records (docs/access-key-last-used.md) on both stores: written at ingestion (newer
// wins, a late older event widens only the first use and the count, a duplicate counts once), kept past
// the query store's retention purge, purged after 400 days, and read by the five GetAccessKeyLastUsed*
// actions with ActionTrail's fields, paging and errors, as JSON and XML, and by the console's queries.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { findKeyRecord, LAST_USED_DAYS, purgeLastUsed } from "@/lib/access-keys/last-used";
import { findAccessKeyDetail, listAccessKeys, listUnusedAccessKeys } from "@/lib/activity/access-keys";
import { QUERY_RETENTION_ENV } from "@/lib/config/retention";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { db, sql } from "@/lib/db/sql";
import { ingestEvents } from "@/lib/events/ingest";
import { purgeQueryStore } from "@/lib/integrity/store-checkpoints";
import { ACCESS_KEY_ACTIONS } from "@/lib/openapi/actions/access-keys";
import type { OpenApiResponse } from "@/lib/openapi/handle";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { toXml } from "@/lib/openapi/xml";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";
import { signedParams, type SigningKey } from "../helpers/openapi";
import { callAndAudit } from "../helpers/openapi-call";

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.now();
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace(/\.\d{3}Z$/, "Z");
const ms = (msAgo: number) => Date.parse(at(msAgo));

function ev(ak: string, o: { ago: number; service?: string; name?: string; ip?: string; user?: string; resource?: [string, string]; type?: string; extra?: Record<string, unknown> }) {
  return makeEvent({
    eventTime: at(o.ago),
    serviceName: o.service ?? "Ecs",
    eventName: o.name ?? "DescribeInstances",
    sourceIpAddress: o.ip ?? "198.51.100.1",
    referencedResources: o.resource ? { [o.resource[0]]: [o.resource[1]] } : {},
    userIdentity: { type: o.type ?? "ram-user", principalId: "2881533486827800", accountId: "1016954307248737", accessKeyId: ak, userName: o.user ?? "alice" },
    ...o.extra,
  });
}

async function ingest(events: Record<string, unknown>[]) {
  const r = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
  expect(r.failed).toEqual([]);
  return r;
}

async function call(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<OpenApiResponse> {
  return callAndAudit({ method: "POST", params: signedParams("POST", key, action, params), ip: "198.51.100.77", userAgent: "vitest-sdk" });
}

async function ok(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<Record<string, any>> {
  const r = await call(key, action, params);
  const { text } = renderOpenApiResponse(r);
  expect(r.status, text).toBe(200);
  return JSON.parse(text) as Record<string, any>;
}

async function refused(key: SigningKey, action: string, params: Record<string, string> = {}) {
  const r = await call(key, action, params);
  expect(r.status).not.toBe(200);
  return { status: r.status, code: String(r.body.Code), message: String(r.body.Message) };
}

const uid = () => randomUUID().slice(0, 8);

afterAll(() => {
  delete process.env[QUERY_RETENTION_ENV];
  delete process.env.TRAILKEEPER_API_RATE;
});

describe.each(STORES)("AccessKey last-used records on %s", (store) => {
  let security: SigningKey;
  let auditor: SigningKey;
  const ak = `LTAI5tLU${uid()}`;
  const bucket = `lu-bucket-${uid()}`;
  const inst = `i-lu${uid()}`;

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `last-used-${store}-`));
    resetServerKeyCache();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "lu-security", password: "lu-security-password", role: "security" });
    await createUser({ username: "lu-auditor", password: "lu-auditor-password", role: "auditor" });
    security = await createAccessKey({ username: "lu-security" });
    auditor = await createAccessKey({ username: "lu-auditor" });
    await ingest([
      ev(ak, { ago: 50 * MIN, name: "RunInstances", ip: "198.51.100.1", resource: ["ACS::ECS::Instance", inst] }),
      ev(ak, { ago: 40 * MIN, name: "StopInstance", ip: "198.51.100.2", resource: ["ACS::ECS::Instance", inst], user: "bob" }),
      ev(ak, { ago: 30 * MIN, service: "Oss", name: "PutObject", ip: "198.51.100.1", resource: ["ACS::OSS::Bucket", bucket], extra: { eventCategory: "Data" } }),
      // 25 more IPs on Ecs, a minute apart: three pages of ten.
      ...Array.from({ length: 25 }, (_, i) => ev(ak, { ago: (100 + i) * MIN, ip: `203.0.113.${i + 1}` })),
    ]);
  });

  it("GetAccessKeyLastUsedInfo answers the newest use with ActionTrail's fields", async () => {
    const b = await ok(security, "GetAccessKeyLastUsedInfo", { AccessKey: ak });
    expect(b).toMatchObject({
      AccessKeyId: ak, AccountId: "1016954307248737", OwnerId: "2881533486827800", UserName: "alice", AccountType: "ram-user",
      UsedTimestamp: ms(30 * MIN), Source: "DataEvent", ServiceName: "Oss", ServiceNameEn: "Object Storage Service",
    });
    expect(typeof b.UsedTimestamp).toBe("number");
    const detail = JSON.parse(b.Detail);
    expect(Object.keys(detail)).toEqual(["eventId", "eventVersion", "eventSource", "sourceIpAddress", "eventType", "userIdentity", "serviceName", "apiVersion", "requestId", "eventTime", "isGlobal", "acsRegion", "eventName"]);
    expect(detail).toMatchObject({ eventName: "PutObject", eventTime: at(30 * MIN), userIdentity: { accountId: "1016954307248737", principalId: "2881533486827800", type: "ram-user", userName: "alice" } });
    expect(detail.requestParameters).toBeUndefined();
  });

  it("GetAccessKeyLastUsedProducts lists each service with its last use", async () => {
    const b = await ok(security, "GetAccessKeyLastUsedProducts", { AccessKey: ak });
    expect(b.Products.map((p: any) => [p.ServiceName, p.UsedTimestamp, p.Source])).toEqual([
      ["Oss", ms(30 * MIN), "DataEvent"],
      ["Ecs", ms(40 * MIN), "ManagementEvent"],
    ]);
    expect(b.Products[1]).toMatchObject({ ServiceNameCn: "Elastic Compute Service", ServiceNameEn: "Elastic Compute Service" });
    expect(JSON.parse(b.Products[1].Detail).eventName).toBe("StopInstance");
  });

  it("GetAccessKeyLastUsedIps pages newest first with a NextToken bound to its query", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const b = await ok(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Ecs", PageSize: "10", ...(token ? { NextToken: token } : {}) });
      sizes.push(b.Ips.length);
      for (const ip of b.Ips) {
        expect(Object.keys(ip).sort()).toEqual(["Detail", "Ip", "Source", "UsedTimestamp"]);
        seen.push(ip.Ip);
      }
      token = b.NextToken;
    } while (token);
    expect(sizes).toEqual([10, 10, 7]);
    expect(new Set(seen).size).toBe(27);
    expect(seen.slice(0, 3)).toEqual(["198.51.100.2", "198.51.100.1", "203.0.113.1"]);
    const first = await ok(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Ecs", PageSize: "10" });
    expect((await refused(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Oss", NextToken: first.NextToken })).code).toBe("InvalidParameter");
    expect((await refused(security, "GetAccessKeyLastUsedEvents", { AccessKey: ak, ServiceName: "Ecs", NextToken: first.NextToken })).code).toBe("InvalidParameter");
    // Default 20; 0 means the default.
    expect((await ok(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Ecs" })).Ips).toHaveLength(20);
    expect((await ok(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Ecs", PageSize: "0" })).Ips).toHaveLength(20);
    const oss = await ok(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Oss" });
    expect(oss.Ips.map((i: any) => i.Ip)).toEqual(["198.51.100.1"]);
    expect(oss.NextToken).toBeUndefined();
  });

  it("GetAccessKeyLastUsedEvents and GetAccessKeyLastUsedResources list per service", async () => {
    const e = await ok(security, "GetAccessKeyLastUsedEvents", { AccessKey: ak, ServiceName: "Ecs" });
    expect(e.Events.map((x: any) => [x.EventName, x.UsedTimestamp])).toEqual([
      ["StopInstance", ms(40 * MIN)], ["RunInstances", ms(50 * MIN)], ["DescribeInstances", ms(100 * MIN)],
    ]);
    expect(JSON.parse(e.Events[0].Detail).eventName).toBe("StopInstance");
    const r = await ok(security, "GetAccessKeyLastUsedResources", { AccessKey: ak, ServiceName: "Ecs" });
    expect(r.Resources.map((x: any) => [x.ResourceType, x.ResourceName, x.UsedTimestamp, x.Source])).toEqual([["ACS::ECS::Instance", inst, ms(40 * MIN), "ManagementEvent"]]);
    const none = await ok(security, "GetAccessKeyLastUsedResources", { AccessKey: ak, ServiceName: "Ram" });
    expect(none.Resources).toEqual([]);
  });

  it("refuses an AccessKey never seen, bad parameters and the auditor role", async () => {
    const never = `LTAI5tNever${uid()}`;
    for (const action of ["GetAccessKeyLastUsedInfo", "GetAccessKeyLastUsedProducts", "GetAccessKeyLastUsedEvents", "GetAccessKeyLastUsedIps", "GetAccessKeyLastUsedResources"]) {
      const r = await refused(security, action, { AccessKey: never, ServiceName: "Ecs" });
      expect(r).toMatchObject({ status: 404, code: "AccessKeyNotFoundException" });
      expect(r.message).toContain(never);
      expect(await refused(security, action, {})).toMatchObject({ status: 400, code: "MissingParameter" });
      expect((await refused(auditor, action, { AccessKey: ak, ServiceName: "Ecs" })).code).toBe("Forbidden.RAM");
    }
    expect((await refused(security, "GetAccessKeyLastUsedIps", { AccessKey: ak })).message).toContain("ServiceName");
    for (const PageSize of ["101", "-1", "ten", "1.5"]) {
      const r = await refused(security, "GetAccessKeyLastUsedEvents", { AccessKey: ak, ServiceName: "Ecs", PageSize });
      expect(r.code).toBe("InvalidParameter");
      expect(r.message).toContain("PageSize");
    }
    expect((await refused(security, "GetAccessKeyLastUsedEvents", { AccessKey: ak, ServiceName: "Ecs", NextToken: "not-a-token" })).code).toBe("InvalidParameter");
    expect((await refused(security, "GetAccessKeyLastUsedInfo", { AccessKey: "x".repeat(129) })).message).toContain("AccessKey");
  });

  it("answers Format=XML", async () => {
    const r = await call(security, "GetAccessKeyLastUsedIps", { AccessKey: ak, ServiceName: "Ecs", PageSize: "2", Format: "XML" });
    expect(r.status).toBe(200);
    const xml = toXml(r.root, r.body);
    expect(xml).toContain("<GetAccessKeyLastUsedIpsResponse>");
    expect(xml.match(/<Ips>/g)).toHaveLength(2);
    expect(xml).toContain("<Ip>198.51.100.2</Ip>");
    expect(xml).toMatch(/<NextToken>[A-Za-z0-9_-]+<\/NextToken>/);
    expect(renderOpenApiResponse(r).text).toContain("<UsedTimestamp>");
  });

  it("ingestion keeps the newest use: a late older event and a duplicate do not move it back", async () => {
    const k = `LTAI5tOrder${uid()}`;
    const newest = ev(k, { ago: 5 * MIN, name: "StartInstance", ip: "192.0.2.1" });
    await ingest([newest, ev(k, { ago: 20 * MIN, name: "StartInstance", ip: "192.0.2.1" })]);
    let rec = await findKeyRecord(k);
    expect(rec).toMatchObject({ lastUsed: new Date(ms(5 * MIN)).toISOString(), firstUsed: new Date(ms(20 * MIN)).toISOString(), count: 2, eventId: newest.eventId });
    // Late and older: first use moves, last use stays.
    await ingest([ev(k, { ago: 60 * MIN, name: "StartInstance", ip: "192.0.2.1" })]);
    // The same event again is a duplicate: not counted twice.
    const again = await ingestEvents([{ value: newest, raw: JSON.stringify(newest) }]);
    expect(again.duplicates).toBe(1);
    rec = await findKeyRecord(k);
    expect(rec).toMatchObject({ lastUsed: new Date(ms(5 * MIN)).toISOString(), firstUsed: new Date(ms(60 * MIN)).toISOString(), count: 3, eventId: newest.eventId });
    // Newer wins, in its own call.
    const newer = ev(k, { ago: 1 * MIN, name: "StopInstance", ip: "192.0.2.2", service: "Ecs" });
    await ingest([newer]);
    const info = await ok(security, "GetAccessKeyLastUsedInfo", { AccessKey: k });
    expect(info.UsedTimestamp).toBe(ms(1 * MIN));
    expect(JSON.parse(info.Detail).eventId).toBe(newer.eventId);
    const ips = await ok(security, "GetAccessKeyLastUsedIps", { AccessKey: k, ServiceName: "Ecs" });
    expect(ips.Ips.map((i: any) => [i.Ip, i.UsedTimestamp])).toEqual([["192.0.2.2", ms(1 * MIN)], ["192.0.2.1", ms(5 * MIN)]]);
  });

  it("records outlive the query store's retention purge and are purged after 400 days", async () => {
    const k = `LTAI5tOld${uid()}`;
    const kAncient = `LTAI5tAncient${uid()}`;
    process.env[QUERY_RETENTION_ENV] = "3650";
    const old = ev(k, { ago: 200 * DAY, name: "DeleteBucket", service: "Oss", resource: ["ACS::OSS::Bucket", bucket] });
    await ingest([
      old,
      ev(kAncient, { ago: (LAST_USED_DAYS - 1) * DAY }),
      // Older than 400 days: stored as an event (the lifted retention keeps it) but not as a record.
      ev(`LTAI5tTooOld${uid()}`, { ago: (LAST_USED_DAYS + 5) * DAY }),
    ]);
    process.env[QUERY_RETENTION_ENV] = "90";
    const purge = await purgeQueryStore({ pauseMs: 0 });
    expect(purge.purged).toBeGreaterThanOrEqual(3);
    expect(await db.one(sql`SELECT 1 AS x FROM events WHERE event_id = ${String(old.eventId)}`)).toBeUndefined();
    // The events are gone; the records still answer, Detail included.
    const info = await ok(security, "GetAccessKeyLastUsedInfo", { AccessKey: k });
    expect(info.UsedTimestamp).toBe(ms(200 * DAY));
    expect(JSON.parse(info.Detail)).toMatchObject({ eventId: old.eventId, eventName: "DeleteBucket" });
    const res = await ok(security, "GetAccessKeyLastUsedResources", { AccessKey: k, ServiceName: "Oss" });
    expect(res.Resources.map((r: any) => r.ResourceName)).toEqual([bucket]);
    expect(await findKeyRecord(kAncient)).toBeDefined();
    // The unused view (last use older than 90 days) now sees a key whose events are all purged.
    expect((await listUnusedAccessKeys(new Date())).map((x) => x.accessKeyId)).toEqual(expect.arrayContaining([k, kAncient]));
    // Two days on, the 399-day-old key is past the 400 days: its five records (key, service, event,
    // IP, user) are purged, in batches of two; the 200-day-old one stays.
    const later = new Date(NOW + 2 * DAY);
    const p = await purgeLastUsed({ now: later, batchSize: 2 });
    expect(p.purged).toBe(5);
    expect(p.more).toBe(false);
    expect(await db.one(sql`SELECT 1 AS x FROM access_key_last_used WHERE access_key_id = ${kAncient}`)).toBeUndefined();
    expect(await findKeyRecord(k, later)).toBeDefined();
    expect((await refused(security, "GetAccessKeyLastUsedInfo", { AccessKey: kAncient })).code).toBe("AccessKeyNotFoundException");
    const tooOld = await db.one<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM access_key_last_used WHERE last_used < ${new Date(NOW - LAST_USED_DAYS * DAY).toISOString()}`);
    expect(Number(tooOld?.n)).toBe(0);
  });

  it("the console's AccessKey queries read the records", async () => {
    const since = new Date(NOW - 1 * DAY).toISOString();
    const { keys } = await listAccessKeys({ since });
    const mine = keys.find((x) => x.accessKeyId === ak);
    expect(mine).toEqual({ accessKeyId: ak, owner: "alice", firstUsed: new Date(ms(124 * MIN)).toISOString(), lastUsed: new Date(ms(30 * MIN)).toISOString(), count: 28 });
    const unused = await listUnusedAccessKeys(new Date());
    expect(unused.map((x) => x.accessKeyId)).not.toContain(ak);
    const d = await findAccessKeyDetail(ak);
    expect(d).toMatchObject({ total: 28, lastUsed: new Date(ms(30 * MIN)).toISOString() });
    expect(d.owners.map((o) => [o.value, o.count])).toEqual([["alice", 27], ["bob", 1]]);
    expect(d.services.map((s) => [s.value, s.count])).toEqual([["Ecs", 27], ["Oss", 1]]);
    expect(d.sourceIps.find((i) => i.value === "198.51.100.1")).toMatchObject({ count: 2, lastSeen: new Date(ms(30 * MIN)).toISOString() });
    expect(d.resources.map((r) => [r.type, r.value, r.count])).toEqual([["ACS::ECS::Instance", inst, 2], ["ACS::OSS::Bucket", bucket, 1]]);
    expect((await findAccessKeyDetail(`LTAI5tNever${uid()}`)).total).toBe(0);
  });

  it("runs each action's reference example for the key that signs it (its own earlier calls are Actiontrail events)", async () => {
    await ok(security, "DescribeRegions");
    for (const [action, def] of Object.entries(ACCESS_KEY_ACTIONS)) {
      const params = Object.fromEntries(Object.entries(def.example.params).map(([k, v]) => [k, v.replace("${AccessKeyId}", security.accessKeyId)]));
      const b = await ok(security, action, params);
      if (action === "GetAccessKeyLastUsedInfo") expect(b).toMatchObject({ AccessKeyId: security.accessKeyId, UserName: "lu-security" });
      if (action === "GetAccessKeyLastUsedEvents") expect(b.Events.map((e: any) => e.EventName)).toContain("DescribeRegions");
    }
  });
});
