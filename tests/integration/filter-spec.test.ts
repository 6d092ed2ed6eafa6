// The filter spec's three evaluators on one table of cases: the SQL on SQLite, the SQL on PostgreSQL and
// the JS matcher (log stores, alert rules) must find the same events for every filter set.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { FILTER_SPEC } from "@/lib/events/filter-spec";
import type { EventFilters } from "@/lib/events/filters";
import { ingestEvents } from "@/lib/events/ingest";
import { normalizeEvent, type ResourceRef } from "@/lib/events/normalize";
import { originColumns, type EventOrigin } from "@/lib/events/origin";
import { findEventPage, matchesDerivedFilters, type EventListRow } from "@/lib/events/query";
import { parseEvent } from "@/lib/events/schema";
import { loadSensitiveNames, sensitivityRule } from "@/lib/events/sensitive-catalog";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const T0 = Date.now() - 3_600_000;

/** Events that differ in every filtered column, some alike in pairs so each filter splits them. */
function events(): Record<string, unknown>[] {
  const e = (i: number, o: Record<string, unknown>) => makeEvent({ eventTime: new Date(T0 + i * 1000).toISOString(), ...o });
  return [
    e(1, { eventName: "DeleteInstance", eventRW: "Write", serviceName: "Ecs", acsRegion: "cn-hangzhou", sourceIpAddress: "203.0.113.1",
      userIdentity: { type: "ram-user", userName: "alice", accessKeyId: "LTAI5tAlice00000000000001" },
      referencedResources: { "ACS::ECS::Instance": ["i-1", "i-2"] } }),
    e(2, { eventName: "DescribeInstances", eventRW: "Read", serviceName: "Ecs", acsRegion: "cn-hangzhou", sourceIpAddress: "203.0.113.2",
      userIdentity: { type: "ram-user", userName: "bob", accessKeyId: "LTAI5tBob0000000000000001" }, errorCode: "Forbidden.RAM", errorMessage: "no",
      referencedResources: { "ACS::ECS::Instance": ["i-2"], "ACS::ECS::Disk": ["i-1"] } }),
    e(3, { eventName: "PutBucketAcl", eventRW: "Write", serviceName: "Oss", acsRegion: "cn-shanghai", sourceIpAddress: "203.0.113.1",
      userIdentity: { type: "ram-user", userName: "alice", accessKeyId: "LTAI5tAlice00000000000001" }, errorCode: "AccessDenied", errorMessage: "no",
      referencedResources: { "ACS::OSS::Bucket": ["b-1"] }, sensitive: true }),
    e(4, { eventName: "ConsoleSignin", eventType: "ConsoleSignin", eventRW: "Write", serviceName: "AasSub", acsRegion: "cn-hangzhou", isGlobal: true,
      sourceIpAddress: "198.51.100.4", userIdentity: { type: "ram-user", userName: "carol" }, referencedResources: {} }),
    e(5, { eventName: "DescribeRegions", eventRW: "Read", serviceName: "Ecs", acsRegion: "cn-shanghai", sourceIpAddress: "203.0.113.2",
      userIdentity: { type: "ram-user", userName: "bob" }, referencedResources: { "ACS::ECS::Instance": ["i-1"] } }),
    // Assumed roles (RoleName): named by the session issuer, or only by `<role>/<session>` in userName.
    e(6, { eventName: "PutObject", eventRW: "Write", serviceName: "Oss", acsRegion: "cn-beijing", sourceIpAddress: "100.64.0.6",
      userIdentity: { type: "assumed-role", principalId: "3001:sync", userName: "AliyunServiceRoleForActionTrail/sync",
        sessionContext: { sessionIssuer: { type: "role", userName: "AliyunServiceRoleForActionTrail", arn: "acs:ram::1:role/aliyunserviceroleforactiontrail" } } },
      referencedResources: {} }),
    e(7, { eventName: "GetObject", eventRW: "Read", serviceName: "Oss", acsRegion: "cn-beijing", sourceIpAddress: "100.64.0.7",
      userIdentity: { type: "assumed-role", principalId: "3002:ci", userName: " deployer:ci-run-7 " }, referencedResources: {} }),
  ];
}

/** Who sent each event (by index): two tokens, Trailkeeper's console, an import. */
const TOKEN_A: EventOrigin = { kind: "token", tokenId: "itk_aaaaaaaaaaaa", tokenLabel: "forwarder" };
const TOKEN_B: EventOrigin = { kind: "token", tokenId: "itk_bbbbbbbbbbbb", tokenLabel: null };
const ORIGINS: EventOrigin[] = [TOKEN_A, TOKEN_A, TOKEN_B, { kind: "self", channel: "console" }, { kind: "import" }, { kind: "seed" }, { kind: "seed" }];

/** Filter sets: every filter alone, the wildcard, combinations, resources on one resource vs several. */
const CASES: Omit<EventFilters, "start" | "end">[] = [
  { region: "all" },
  { region: "cn-hangzhou" },
  { region: "ap-southeast-1" },
  { region: "all", eventRW: "Read" },
  { region: "all", eventType: "ConsoleSignin" },
  { region: "all", user: "alice" },
  { region: "all", service: "Ecs" },
  { region: "all", eventName: "DescribeRegions" },
  { region: "all", accessKeyId: "LTAI5tAlice00000000000001" },
  { region: "all", sourceIp: "203.0.113.2" },
  { region: "all", errorCode: "*" },
  { region: "all", errorCode: "AccessDenied" },
  { region: "all", sensitive: true },
  { region: "all", resourceType: "ACS::ECS::Instance" },
  { region: "all", resourceName: "i-1" },
  // i-1 is an Instance of event 1 and 5 but a Disk of event 2: both must hold for one resource.
  { region: "all", resourceType: "ACS::ECS::Instance", resourceName: "i-1" },
  { region: "cn-hangzhou", resourceType: "ACS::ECS::Disk", resourceName: "i-1" },
  { region: "all", user: "alice", eventRW: "Write", service: "Ecs" },
  { region: "cn-shanghai", user: "bob", sourceIp: "203.0.113.2", resourceName: "i-1" },
  { region: "all", user: "nobody" },
  { region: "all", roleName: "AliyunServiceRoleForActionTrail" },
  { region: "all", roleName: "deployer" },
  { region: "cn-beijing", roleName: "deployer", eventRW: "Read" },
  // A role name is not a user name: alice's events name no role.
  { region: "all", roleName: "alice" },
  { region: "all", origin: "token" },
  { region: "all", origin: "self" },
  { region: "all", origin: "import" },
  { region: "all", origin: "seed" },
  { region: "all", ingestToken: "itk_aaaaaaaaaaaa" },
  { region: "all", ingestToken: "itk_bbbbbbbbbbbb", errorCode: "*" },
  { region: "cn-hangzhou", origin: "token", ingestToken: "itk_aaaaaaaaaaaa", eventRW: "Read" },
];

describe.each(STORES)("the filter spec's evaluators agree on %s", (store) => {
  const rows: { row: EventListRow; resources: ResourceRef[] }[] = [];
  let ids: string[] = [];
  const window = { start: new Date(T0 - 60_000).toISOString(), end: new Date(T0 + 60_000).toISOString() };

  onFreshStore(store);
  beforeAll(async () => {
    const list = events();
    ids = list.map((e) => String(e.eventId));
    for (const [i, value] of list.entries()) {
      const result = await ingestEvents([{ value, raw: JSON.stringify(value) }], { origin: ORIGINS[i] });
      expect(result.failed).toEqual([]);
    }
    const isSensitive = sensitivityRule(await loadSensitiveNames());
    for (const [i, value] of list.entries()) {
      const parsed = parseEvent(value);
      if (!parsed.ok) throw new Error(parsed.errors.join("; "));
      const n = normalizeEvent(parsed.event, JSON.stringify(value), isSensitive);
      const [origin, originChannel, ingestTokenId, ingestTokenLabel] = originColumns(ORIGINS[i]);
      rows.push({ row: { ...n.row, id: 0, origin, originChannel, ingestTokenId, ingestTokenLabel } as unknown as EventListRow, resources: n.resources });
    }
  });

  it("covers every filter of the spec", () => {
    const used = new Set(CASES.flatMap((c) => Object.keys(c)));
    for (const d of FILTER_SPEC) if (d.key !== "eventId") expect(used, d.key).toContain(d.key);
  });

  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))("%s", async (_name, c) => {
    const f: EventFilters = { ...c, ...window } as EventFilters;
    const bySql = (await findEventPage(f, { limit: 50 })).rows.map((r) => r.eventId).sort();
    const byJs = rows.filter((r) => matchesDerivedFilters(f, r.row, r.resources)).map((r) => r.row.eventId).sort();
    expect(bySql).toEqual(byJs);
    expect(bySql.every((id) => ids.includes(id))).toBe(true);
  });

  it("finds what the table says (the cases are not vacuous)", async () => {
    const find = async (c: Omit<EventFilters, "start" | "end">) =>
      (await findEventPage({ ...c, ...window } as EventFilters, { limit: 50 })).rows.map((r) => ids.indexOf(r.eventId)).sort();
    expect(await find({ region: "all" })).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await find({ region: "all", roleName: "AliyunServiceRoleForActionTrail" })).toEqual([5]);
    expect(await find({ region: "all", roleName: "deployer" })).toEqual([6]);
    expect(await find({ region: "all", roleName: "alice" })).toEqual([]);
    expect(await find({ region: "cn-hangzhou" })).toEqual([0, 1]);
    expect(await find({ region: "ap-southeast-1" })).toEqual([3]);
    expect(await find({ region: "all", errorCode: "*" })).toEqual([1, 2]);
    expect(await find({ region: "all", resourceType: "ACS::ECS::Instance", resourceName: "i-1" })).toEqual([0, 4]);
    expect(await find({ region: "cn-hangzhou", resourceType: "ACS::ECS::Disk", resourceName: "i-1" })).toEqual([1]);
    expect(await find({ region: "all", user: "alice", eventRW: "Write", service: "Ecs" })).toEqual([0]);
    expect(await find({ region: "all", origin: "token" })).toEqual([0, 1, 2]);
    expect(await find({ region: "all", origin: "self" })).toEqual([3]);
    expect(await find({ region: "all", ingestToken: "itk_aaaaaaaaaaaa" })).toEqual([0, 1]);
  });

  it("agrees on the event ID filter too", async () => {
    const f = { region: "all", eventId: ids[2], ...window } as EventFilters;
    expect((await findEventPage(f)).rows.map((r) => r.eventId)).toEqual([ids[2]]);
    expect(rows.filter((r) => matchesDerivedFilters(f, r.row, r.resources)).map((r) => r.row.eventId)).toEqual([ids[2]]);
  });
});

describe.each(STORES)("the role_name migration on %s", (store) => {
  onFreshStore(store);

  it("derives for stored rows the role names ingestion derives", async () => {
    const list = events();
    for (const value of list) expect((await ingestEvents([{ value, raw: JSON.stringify(value) }])).failed).toEqual([]);
    const read = async () => (await prisma.event.findMany({ where: { eventId: { in: list.map((e) => String(e.eventId)) } }, orderBy: { eventTime: "asc" }, select: { roleName: true } })).map((r) => r.roleName);
    const atIngestion = await read();
    expect(atIngestion).toEqual([null, null, null, null, null, "AliyunServiceRoleForActionTrail", "deployer"]);
    await prisma.event.updateMany({ data: { roleName: null } });
    const dir = store === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
    const migration = fs.readFileSync(path.join(dir, "20261203040000_role_name", "migration.sql"), "utf8");
    const update = migration.slice(migration.indexOf("UPDATE"));
    await prisma.$executeRawUnsafe(update.replace(/;\s*$/, ""));
    expect(await read()).toEqual(atIngestion);
  });
});
