// The dashboard's rollups (docs/dashboard-rollups.md) on both stores: after ingestion (duplicates and
// late events included), a retention purge that cuts an hour in two, a re-flag of the sensitive catalogue
// both ways and a rebuild, the rollup tables equal an aggregate over the events, and the dashboard read
// from them equals the same dashboard counted from the events alone, for windows whole and partial.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { db, num, sql } from "@/lib/db/sql";
import { ingestEvents } from "@/lib/events/ingest";
import type { EventScope } from "@/lib/events/scope";
import { addSensitiveAction, removeSensitiveAction } from "@/lib/events/sensitive-actions";
import { purgeQueryStore } from "@/lib/integrity/store-checkpoints";
import { rebuildRollups } from "@/lib/rollups/rebuild";
import { dayAggregateSql, hourAggregateSql, ROLLUP_DIMENSIONS, serviceHourAggregateSql, type RollupDimension } from "@/lib/rollups/rollups";
import { countServiceActivity } from "@/lib/stats/activity";
import { countDashboardFromEvents, getDashboard, STACKED_SERVICES } from "@/lib/stats/dashboard";
import { cutWindow, topPieces } from "@/lib/stats/rollups";
import { sqlBucketUnit, type SqlBucketUnit } from "@/lib/stats/window";
import { runCli } from "../helpers/cli";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Not on a minute: every preset window has partial hours and days at both ends.
const NOW = Math.floor(Date.now() / MIN) * MIN - 7 * MIN + 12_345;
const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;
const ACTOR: Actor = { username: "ada.admin", kind: "console-user", ip: "198.18.0.7", userAgent: "vitest" };
const REFLAG = "TkRollupReflag";

// A small deterministic generator: the same events on every run and store.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function event(t: number, r: () => number, over: { name?: string; sensitive?: boolean } = {}): Record<string, unknown> {
  const base = makeEvent();
  const user = pick(r, ["bob", "carol", "dave", "erin", "frank", null]);
  const ak = pick(r, ["LTAI5tRollKey0000000001", "LTAI5tRollKey0000000002", null]);
  const identity: Record<string, unknown> = { type: "ram-user", accountId: "1016954307248737" };
  if (user) Object.assign(identity, { userName: user, principalId: `p-${user}` });
  if (ak) identity.accessKeyId = ak;
  const e: Record<string, unknown> = {
    ...base,
    eventTime: iso(t),
    eventRW: r() < 0.6 ? "Read" : "Write",
    eventName: over.name ?? pick(r, ["DescribeInstances", "RunInstances", "PutObject", "CreateUser", "DeleteInstance"]),
    serviceName: pick(r, ["Ecs", "Oss", "Ram", "Vpc"]),
    acsRegion: pick(r, ["cn-hangzhou", "cn-hangzhou", "cn-shanghai", "cn-beijing"]),
    isGlobal: r() < 0.1,
    sourceIpAddress: pick(r, ["203.0.113.7", "198.51.100.1", "198.51.100.2", "192.0.2.9", "192.0.2.10"]),
    userIdentity: identity,
  };
  if (r() < 0.25) Object.assign(e, { errorCode: pick(r, ["Forbidden.RAM", "NoSuchBucket", "Throttling"]), errorMessage: "failed" });
  if (over.sensitive) e.sensitive = true;
  return e;
}

function plantEvents(): Record<string, unknown>[] {
  const r = rng(13);
  const out: Record<string, unknown>[] = [];
  // Spread over 89 days, denser in the last day so the short windows have something to count.
  for (let i = 0; i < 500; i++) out.push(event(NOW - Math.floor(r() * 89 * DAY), r));
  for (let i = 0; i < 200; i++) out.push(event(NOW - Math.floor(r() * DAY), r));
  // On the boundaries: the first and last millisecond of hours and days, the window's own ends.
  for (const t of [dayStart(NOW), dayStart(NOW) - 1, dayStart(NOW) - DAY, Math.floor(NOW / HOUR) * HOUR, Math.floor(NOW / HOUR) * HOUR - 1, NOW, NOW - DAY, NOW - 7 * DAY]) {
    out.push(event(t, r));
  }
  // Named for the re-flag: some carry their own "sensitive": true, which a removal must keep.
  for (let i = 0; i < 40; i++) out.push(event(NOW - Math.floor(r() * 80 * DAY), r, { name: REFLAG, sensitive: i % 5 === 0 }));
  return out;
}

async function ingest(events: Record<string, unknown>[]) {
  const result = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })), { now: new Date(NOW) });
  expect(result.failed).toEqual([]);
  return result;
}

/** The rollup tables as they are, and as an aggregate over the events computes them. */
async function expectRollupsMatchEvents() {
  const hourRow = (r: Record<string, unknown>) => [String(r.query_region), String(r.hour), num(r.events), num(r.reads), num(r.writes), num(r.failed), num(r.sensitive)];
  const stored = (await db.all(sql`SELECT * FROM event_rollup_hours ORDER BY query_region, hour`)).map(hourRow);
  const direct = (await db.all(sql`${hourAggregateSql()} ORDER BY 1, 2`)).map(hourRow);
  expect(stored).toEqual(direct);
  const serviceRow = (r: Record<string, unknown>) => [String(r.query_region), String(r.hour), String(r.service), num(r.n)];
  const services = (await db.all(sql`SELECT * FROM event_rollup_service_hours ORDER BY query_region, hour, service`)).map(serviceRow);
  expect(services).toEqual((await db.all(sql`${serviceHourAggregateSql()} ORDER BY 1, 2, 3`)).map(serviceRow));
  for (const d of Object.keys(ROLLUP_DIMENSIONS) as RollupDimension[]) {
    const dayRow = (r: Record<string, unknown>) => [String(r.query_region), String(r.day), String(r.value), num(r.n)];
    const kept = (await db.all(sql`SELECT * FROM event_rollup_days WHERE dimension = ${d} ORDER BY query_region, day, value`)).map(dayRow);
    const counted = (await db.all(sql`${dayAggregateSql(d)} ORDER BY 2, 3, 4`)).map(dayRow);
    expect(kept, d).toEqual(counted);
  }
}

function windows(): { name: string; w: EventScope; unit: SqlBucketUnit }[] {
  const out: { name: string; w: EventScope; unit: SqlBucketUnit }[] = [];
  for (const region of ["cn-hangzhou", "ap-southeast-1", "all"]) {
    const add = (name: string, start: number, end: number, unit?: SqlBucketUnit) => {
      const w = { region, start: iso(start), end: iso(end) };
      out.push({ name: `${name} (${region})`, w, unit: unit ?? sqlBucketUnit(w) });
    };
    for (const [name, span] of [["1 h", HOUR], ["24 h", DAY], ["7 d", 7 * DAY], ["30 d", 30 * DAY], ["90 d", 90 * DAY]] as const) add(name, NOW - span, NOW);
    add("whole days", dayStart(NOW) - 5 * DAY, dayStart(NOW) - 2 * DAY - 1);
    add("whole hours, not days", Math.floor(NOW / HOUR) * HOUR - 30 * HOUR, Math.floor(NOW / HOUR) * HOUR - 1);
    add("a day and a bit, from a day's first millisecond", dayStart(NOW) - 2 * DAY, dayStart(NOW) - DAY + 90 * MIN);
    add("inside one hour, counted per hour", Math.floor(NOW / HOUR) * HOUR + 1, Math.floor(NOW / HOUR) * HOUR + 20 * MIN, "hour");
    add("3 h, per minute", NOW - 3 * HOUR, NOW, "minute");
    // The partial days read directly, or as the whole day less the shorter part outside the window.
    add("short partial days", dayStart(NOW) - 3 * DAY + 20 * HOUR, dayStart(NOW) - DAY + 2 * HOUR);
    add("long partial days", dayStart(NOW) - 3 * DAY + 2 * HOUR + 7, dayStart(NOW) - DAY + 20 * HOUR);
    add("most of one day", dayStart(NOW) - 2 * DAY + HOUR, dayStart(NOW) - 2 * DAY + 23 * HOUR);
  }
  return out;
}

async function expectDashboardsMatchEvents() {
  for (const { name, w, unit } of windows()) {
    const fromRollups = await getDashboard(w, { unit, stack: "rw" });
    const direct = await countDashboardFromEvents(w, unit);
    expect({ totals: fromRollups.totals, activity: fromRollups.activity, top: fromRollups.top }, name).toEqual(direct);
    if (!direct.totals.events) continue;
    const stacked = await getDashboard(w, { unit, stack: "service" });
    const services = direct.top.service.slice(0, STACKED_SERVICES).map((v) => v.value);
    expect(stacked.serviceActivity, `${name}, stacked by service`).toEqual({ services, points: await countServiceActivity(w, unit, services) });
  }
}

describe("cutWindow", () => {
  it("cuts a window at whole periods, inclusive at both ends", () => {
    const h = Date.UTC(2026, 11, 1, 10);
    expect(cutWindow({ region: "r", start: iso(h), end: iso(h + 3 * HOUR - 1) }, HOUR, 13)).toEqual({ whole: { from: "2026-12-01T10", to: "2026-12-01T13" }, edges: [] });
    expect(cutWindow({ region: "r", start: iso(h + 1), end: iso(h + 3 * HOUR) }, HOUR, 13)).toEqual({
      whole: { from: "2026-12-01T11", to: "2026-12-01T13" },
      edges: [{ region: "r", start: iso(h + 1), end: iso(h + HOUR - 1) }, { region: "r", start: iso(h + 3 * HOUR), end: iso(h + 3 * HOUR) }],
    });
    expect(cutWindow({ region: "r", start: iso(h + 1), end: iso(h + 2 * HOUR - 2) }, HOUR, 13)).toEqual({ edges: [{ region: "r", start: iso(h + 1), end: iso(h + 2 * HOUR - 2) }] });
  });
});

describe("topPieces", () => {
  it("reads each partial day from its shorter side", () => {
    const d = Date.UTC(2026, 11, 1);
    const w = (a: number, b: number) => ({ region: "all", start: iso(a), end: iso(b) });
    // The last 24 hours at 14:00: yesterday's ten hours directly, today as its rollup less the ten to come.
    expect(topPieces(w(d + 14 * HOUR, d + DAY + 14 * HOUR))).toEqual({
      days: { from: "2026-12-02", to: "2026-12-03" },
      plus: [w(d + 14 * HOUR, d + DAY - 1)],
      minus: [w(d + DAY + 14 * HOUR + 1, d + 2 * DAY - 1)],
    });
    expect(topPieces(w(d, d + 3 * DAY - 1))).toEqual({ days: { from: "2026-12-01", to: "2026-12-04" }, plus: [], minus: [] });
    expect(topPieces(w(d + HOUR, d + 23 * HOUR))).toEqual({
      days: { from: "2026-12-01", to: "2026-12-02" },
      plus: [],
      minus: [w(d, d + HOUR - 1), w(d + 23 * HOUR + 1, d + DAY - 1)],
    });
    expect(topPieces(w(d + 10 * HOUR, d + 11 * HOUR))).toEqual({ plus: [w(d + 10 * HOUR, d + 11 * HOUR)], minus: [] });
  });
});

describe.each(STORES)("dashboard rollups on %s", (store) => {
  const databaseUrl = onFreshStore(store);
  const planted = plantEvents();

  beforeAll(async () => {
    // In batches, and the first batch twice: a duplicate is not counted again.
    for (let i = 0; i < planted.length; i += 150) await ingest(planted.slice(i, i + 150));
    const again = await ingest(planted.slice(0, 150));
    expect(again.duplicates).toBe(150);
  });

  it("keeps the rollups at ingestion: they equal the events' aggregate, and so does every dashboard window", async () => {
    await expectRollupsMatchEvents();
    const row = await db.one(sql`SELECT sum(events) AS n FROM event_rollup_hours`);
    expect(num(row?.n)).toBe(num((await db.one(sql`SELECT count(*) AS n FROM events`))?.n));
    await expectDashboardsMatchEvents();
  });

  it("adds a late event to its old hour and day", async () => {
    const r = rng(99);
    const before = await getDashboard({ region: "all", start: iso(NOW - 90 * DAY), end: iso(NOW) }, { unit: "hour", stack: "rw" });
    await ingest([event(NOW - 40 * DAY - 17 * MIN, r), event(NOW - 61 * DAY, r), event(NOW - 2 * HOUR, r)]);
    const after = await getDashboard({ region: "all", start: iso(NOW - 90 * DAY), end: iso(NOW) }, { unit: "hour", stack: "rw" });
    expect(after.totals.events).toBe(before.totals.events + 3);
    await expectRollupsMatchEvents();
    await expectDashboardsMatchEvents();
  });

  it("moves the sensitive counts when the catalogue gains or loses a name", async () => {
    const sensitive = async () => num((await db.one(sql`SELECT sum(sensitive) AS n FROM event_rollup_hours`))?.n);
    const before = await sensitive();
    const added = await addSensitiveAction({ eventName: REFLAG }, { actor: ACTOR });
    // 40 planted, 8 of them already sensitive by their own JSON.
    expect(added.reflagged).toBe(32);
    // The edit's own audit record is ingested too: compare with the events rather than by hand.
    await expectRollupsMatchEvents();
    expect(await sensitive()).toBeGreaterThanOrEqual(before + 32);
    await expectDashboardsMatchEvents();
    const removed = await removeSensitiveAction(REFLAG, { actor: ACTOR });
    expect(removed.reflagged).toBe(32);
    await expectRollupsMatchEvents();
    await expectDashboardsMatchEvents();
  });

  it("subtracts what the retention purge deletes, dropping hours and days left empty", async () => {
    // The cutoff 80 days and some minutes back: inside an hour that has events on both sides of it.
    const hoursBefore = num((await db.one(sql`SELECT count(*) AS n FROM event_rollup_hours`))?.n);
    const later = new Date(NOW + 10 * DAY + 23 * MIN);
    const result = await purgeQueryStore({ now: later, retentionDays: 90, pauseMs: 0, batchSize: 37 });
    expect(result.purged).toBeGreaterThan(0);
    const oldest = await db.one<{ t: string }>(sql`SELECT min(event_time) AS t FROM events`);
    expect(Date.parse(oldest!.t)).toBeGreaterThanOrEqual(later.getTime() - 90 * DAY);
    expect(num((await db.one(sql`SELECT count(*) AS n FROM event_rollup_hours`))?.n)).toBeLessThan(hoursBefore);
    await expectRollupsMatchEvents();
    await expectDashboardsMatchEvents();
  });

  it("rebuilds the rollups from the events, and records the rebuild", async () => {
    await db.run(sql`UPDATE event_rollup_hours SET events = events + 5, sensitive = 0`);
    await db.run(sql`DELETE FROM event_rollup_days WHERE dimension = 'user'`);
    await db.run(sql`INSERT INTO event_rollup_days (dimension, query_region, day, value, n) VALUES ('service', 'cn-hangzhou', '2001-01-01', 'Ghost', 7)`);
    const r = await rebuildRollups({ actor: { username: "operator", kind: "cli" } });
    expect(r.hours).toBeGreaterThan(0);
    expect(r.days).toBeGreaterThan(0);
    await expectRollupsMatchEvents();
    await expectDashboardsMatchEvents();
    const audit = await db.one<{ raw: string }>(sql`SELECT raw FROM events WHERE event_name = 'RebuildDashboardRollups'`);
    expect(JSON.parse(audit!.raw)).toMatchObject({ userIdentity: { userName: "operator" }, additionalEventData: { hourRows: r.hours, dayRows: r.days } });
  });

  it("rebuilds from the CLI, audited under the operator's name", async () => {
    await db.run(sql`DELETE FROM event_rollup_hours`);
    const run = await runCli(["rollups", "rebuild", "--json"], { databaseUrl: databaseUrl(), env: { TRAILKEEPER_OPERATOR: "rollup-operator" } });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toMatchObject({ hours: expect.any(Number), days: expect.any(Number) });
    await expectRollupsMatchEvents();
    const audit = await db.one(sql`SELECT origin_channel AS "channel" FROM events WHERE event_name = 'RebuildDashboardRollups' AND user_name = 'rollup-operator'`);
    expect(audit).toEqual({ channel: "cli" });
  });
});
