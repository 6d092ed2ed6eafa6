// The dashboard's aggregate queries on both stores: planted events at known instants, exact counts.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/events/ingest";
import type { EventScope } from "@/lib/events/scope";
import { countActivity, countServiceActivity } from "@/lib/stats/activity";
import { getDashboard } from "@/lib/stats/dashboard";
import { db } from "@/lib/db/sql";
import { buildDistinctValuesQuery, buildTopValuesQuery, findTopValues, topPlanFor, type TopDimension, type TopValue } from "@/lib/stats/top";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const HOUR = 3_600_000;
// A whole UTC hour a few hours back (within the 90-day store), so buckets have known boundaries.
const H = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;
const at = (ms: number) => new Date(H + ms).toISOString();
// At the 128-character limit of serviceName.
const HOSTILE = `<img src=x onerror=alert(1)>${"x".repeat(100)}`;

interface Plant {
  t: number;
  rw?: "Read" | "Write";
  region?: string;
  global?: boolean;
  service?: string;
  name?: string;
  user?: string | null;
  ak?: string | null;
  ip?: string;
  error?: string;
  sensitive?: boolean;
}

function plant(p: Plant): Record<string, unknown> {
  const base = makeEvent();
  const identity: Record<string, unknown> = { ...(base.userIdentity as Record<string, unknown>) };
  if (p.user === null) delete identity.userName;
  else identity.userName = p.user ?? "alice.wang";
  if (p.ak === null) delete identity.accessKeyId;
  else identity.accessKeyId = p.ak ?? "LTAI5tStatsKey0000000001";
  // No principalId either: a nameless user stays nameless (normalize falls back to it).
  if (p.user === null) delete identity.principalId;
  const e: Record<string, unknown> = {
    ...base,
    eventTime: at(p.t),
    eventRW: p.rw ?? "Read",
    eventName: p.name ?? "DescribeInstances",
    serviceName: p.service ?? "Ecs",
    acsRegion: p.region ?? "cn-hangzhou",
    isGlobal: p.global ?? false,
    sourceIpAddress: p.ip ?? "203.0.113.7",
    userIdentity: identity,
  };
  if (p.error) Object.assign(e, { errorCode: p.error, errorMessage: "failed" });
  if (p.sensitive) e.sensitive = true;
  return e;
}

const PLANTS: Plant[] = [
  // Hour 0: two events, the first exactly on the hour's first millisecond.
  { t: 0, rw: "Write", service: "Ecs", name: "RunInstances", user: "bob", ip: "198.51.100.1" },
  { t: HOUR - 1, rw: "Read", service: "Ecs", user: "bob", ip: "198.51.100.1" },
  // Hour 1: a failed write, a sensitive one, one with no user and no AccessKey, one hostile service name.
  { t: HOUR, rw: "Write", service: "Oss", name: "PutBucket", user: "carol", error: "Forbidden.RAM", ip: "198.51.100.2" },
  { t: HOUR + 60_000, rw: "Write", service: "Ecs", name: "DeleteInstance", user: "bob", sensitive: true, ak: "LTAI5tOtherKey0000000002" },
  { t: HOUR + 61_000, rw: "Read", service: "Oss", user: null, ak: null, error: "NoSuchBucket" },
  { t: HOUR + 120_000, rw: "Read", service: HOSTILE, user: "bob" },
  // Elsewhere: another region, a global event (listed under ap-southeast-1), outside the window.
  { t: HOUR + 5_000, rw: "Write", region: "cn-shanghai", service: "Vpc", user: "dave" },
  { t: HOUR + 6_000, rw: "Write", region: "cn-hangzhou", global: true, service: "Ram", name: "CreateUser", user: "erin" },
  { t: 3 * HOUR, rw: "Read", service: "Ecs", user: "late" },
  { t: -1, rw: "Read", service: "Ecs", user: "early" },
];

/** Both plans of the top-N query, which must agree; returns their answer. */
async function top(w: EventScope, dimension: TopDimension, limit?: number): Promise<TopValue[]> {
  const [groupBy, skipScan] = await Promise.all(
    (["group-by", "skip-scan"] as const).map(async (plan) =>
      (await db.all(buildTopValuesQuery(w, dimension, { limit, plan }))).map((r) => ({ value: String(r.value), count: Number(r.n) })),
    ),
  );
  expect(skipScan).toEqual(groupBy);
  expect(await findTopValues(w, dimension, { limit })).toEqual(groupBy);
  return groupBy;
}

const WINDOW: EventScope = { region: "cn-hangzhou", start: at(0), end: at(3 * HOUR - 1) };

describe.each(STORES)("dashboard aggregates on %s", (store) => {
  onFreshStore(store);
  beforeAll(async () => {
    const inputs = PLANTS.map(plant).map((value) => ({ value, raw: JSON.stringify(value) }));
    const result = await ingestEvents(inputs);
    expect(result.failed).toEqual([]);
  });

  it("counts Read/Write, failures and sensitive operations per UTC hour, boundaries included", async () => {
    expect(await countActivity(WINDOW, "hour")).toEqual([
      { at: at(0), read: 1, write: 1, errors: 0, sensitive: 0 },
      { at: at(HOUR), read: 2, write: 2, errors: 2, sensitive: 1 },
    ]);
  });

  it("counts per minute", async () => {
    const w = { ...WINDOW, start: at(HOUR), end: at(HOUR + 2 * 60_000) };
    expect(await countActivity(w, "minute")).toEqual([
      { at: at(HOUR), read: 0, write: 1, errors: 1, sensitive: 0 },
      { at: at(HOUR + 60_000), read: 1, write: 1, errors: 1, sensitive: 1 },
      { at: at(HOUR + 120_000), read: 1, write: 0, errors: 0, sensitive: 0 },
    ]);
  });

  it("treats the window as inclusive at both ends", async () => {
    const edges = await countActivity({ region: "cn-hangzhou", start: at(-1), end: at(3 * HOUR) }, "hour");
    expect(edges.reduce((n, p) => n + p.read + p.write, 0)).toBe(8);
    const inner = await countActivity({ region: "cn-hangzhou", start: at(1), end: at(HOUR - 2) }, "hour");
    expect(inner).toEqual([]);
  });

  it("scopes every count to the region, with global events under ap-southeast-1 only", async () => {
    expect(await top(WINDOW, "service")).toEqual([
      { value: "Ecs", count: 3 },
      { value: "Oss", count: 2 },
      { value: HOSTILE, count: 1 },
    ]);
    expect(await top({ ...WINDOW, region: "ap-southeast-1" }, "service")).toEqual([{ value: "Ram", count: 1 }]);
    expect(await top({ ...WINDOW, region: "cn-shanghai" }, "user")).toEqual([{ value: "dave", count: 1 }]);
    const all = await top({ ...WINDOW, region: "all" }, "service");
    expect(all.slice(0, 2)).toEqual([{ value: "Ecs", count: 3 }, { value: "Oss", count: 2 }]);
    // Ties are ordered by value in the store's collation: compare them as a set.
    expect(all.slice(2).sort((a, b) => (a.value < b.value ? -1 : 1))).toEqual([
      { value: HOSTILE, count: 1 },
      { value: "Ram", count: 1 },
      { value: "Vpc", count: 1 },
    ]);
  });

  it("ranks users, IPs, AccessKeys, event names and error codes, leaving out missing values", async () => {
    expect(await top(WINDOW, "user")).toEqual([{ value: "bob", count: 4 }, { value: "carol", count: 1 }]);
    expect(await top(WINDOW, "sourceIp")).toEqual([
      { value: "203.0.113.7", count: 3 },
      { value: "198.51.100.1", count: 2 },
      { value: "198.51.100.2", count: 1 },
    ]);
    expect(await top(WINDOW, "accessKeyId")).toEqual([
      { value: "LTAI5tStatsKey0000000001", count: 4 },
      { value: "LTAI5tOtherKey0000000002", count: 1 },
    ]);
    expect(await top(WINDOW, "eventName", 2)).toEqual([
      { value: "DescribeInstances", count: 3 },
      { value: "DeleteInstance", count: 1 },
    ]);
    expect(await top(WINDOW, "errorCode")).toEqual([
      { value: "Forbidden.RAM", count: 1 },
      { value: "NoSuchBucket", count: 1 },
    ]);
  });

  it("counts all regions as the sum of each region", async () => {
    const all = await countActivity({ ...WINDOW, region: "all" }, "hour");
    const parts = await Promise.all(["cn-hangzhou", "cn-shanghai", "ap-southeast-1"].map((region) => countActivity({ ...WINDOW, region }, "hour")));
    const sum = new Map<string, number[]>();
    for (const p of parts.flat()) {
      const s = sum.get(p.at) ?? [0, 0, 0, 0];
      sum.set(p.at, [s[0] + p.read, s[1] + p.write, s[2] + p.errors, s[3] + p.sensitive]);
    }
    expect(all.map((p) => [p.at, [p.read, p.write, p.errors, p.sensitive]])).toEqual([...sum.entries()].sort());
    expect(all.reduce((n, p) => n + p.read + p.write, 0)).toBe(8);
    expect(await countServiceActivity({ ...WINDOW, region: "all" }, "hour", ["Ram", "Vpc"])).toEqual([{ at: at(HOUR), counts: { Ram: 1, Vpc: 1 } }]);
  });

  it("counts distinct values up to a cap, to choose the top-N plan", async () => {
    const distinct = async (w: EventScope, cap?: number) => Number((await db.all(buildDistinctValuesQuery(w, "user", cap)))[0].n);
    expect(await distinct(WINDOW)).toBe(4); // bob, carol, late, early (all time), no nameless one
    expect(await distinct(WINDOW, 1)).toBe(2);
    expect(await distinct({ ...WINDOW, region: "all" })).toBe(6);
    expect([topPlanFor(500), topPlanFor(50_000, 10), topPlanFor(50_000, 1_000_000), topPlanFor(undefined)]).toEqual([
      "group-by", "skip-scan", "group-by", "skip-scan",
    ]);
  });

  it("counts the top services per bucket", async () => {
    expect(await countServiceActivity(WINDOW, "hour", ["Ecs", "Oss"])).toEqual([
      { at: at(0), counts: { Ecs: 2 } },
      { at: at(HOUR), counts: { Ecs: 1, Oss: 2 } },
    ]);
    expect(await countServiceActivity(WINDOW, "hour", [])).toEqual([]);
  });

  it("puts it together for the page, and an empty window is all zeros", async () => {
    const data = await getDashboard(WINDOW, { unit: "hour", stack: "service" });
    expect(data.totals).toEqual({ events: 6, read: 3, write: 3, errors: 2, sensitive: 1 });
    expect(data.latestSensitive.map((r) => [r.eventName, r.userName, r.eventTime])).toEqual([["DeleteInstance", "bob", at(HOUR + 60_000)]]);
    expect(data.serviceActivity?.services).toEqual(["Ecs", "Oss", HOSTILE]);
    const empty = await getDashboard({ region: "me-east-1", start: WINDOW.start, end: WINDOW.end }, { unit: "hour", stack: "rw" });
    expect(empty.totals.events).toBe(0);
    expect(empty.top.service).toEqual([]);
  });
});
