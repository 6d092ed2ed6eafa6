// The insight detectors on generated data: planted anomalies are found, normal traffic raises nothing
// (rate detectors) or very little (new IPs of the demo's roaming users, see the README).
import { describe, expect, it } from "vitest";
import { CidrSet } from "@/lib/net/cidr";
import { DEFAULT_DETECTOR_CONFIG, HOUR_MS } from "@/lib/insights/config";
import { baselineOf, detectInsights, EMPTY_IP_LISTS, type IpLists } from "@/lib/insights/detect";
import { MemoryHistory, type InsightEvent } from "@/lib/insights/history";
import { normalizeEvent } from "@/lib/events/normalize";
import { parseEvent } from "@/lib/events/schema";
import { generateEvents } from "@/lib/seed/generate-events";

const END = Date.parse("2026-06-10T00:00:00.000Z");
let nextId = 1;

function ev(o: { user?: string | null; key?: string | null; ip?: string; at: number; error?: boolean; region?: string }): InsightEvent {
  const id = nextId++;
  return {
    id,
    eventId: `ev-${id}`,
    eventTime: new Date(o.at).toISOString(),
    queryRegion: o.region ?? "cn-hangzhou",
    eventName: "DescribeInstances",
    userName: o.user === undefined ? "planted.user" : o.user,
    accessKeyId: o.key ?? null,
    sourceIp: o.ip ?? "42.120.75.10",
    errorCode: o.error ? "Forbidden.RAM" : null,
  };
}

/** `perHour` calls every hour for `days` days before `end` (a steady baseline), errors at `errorEvery`. */
function steady(user: string, end: number, days: number, perHour: number, errorEvery = 0, ip = "42.120.75.10"): InsightEvent[] {
  const out: InsightEvent[] = [];
  let n = 0;
  for (let h = days * 24; h >= 1; h--) {
    for (let i = 0; i < perHour; i++) out.push(ev({ user, ip, at: end - h * HOUR_MS + i * 1_000, error: errorEvery > 0 && ++n % errorEvery === 0 }));
  }
  return out;
}

/** Runs the detectors on `batch` with a history of everything (as the worker does once the rollups caught up). */
function detect(history: InsightEvent[], batch: InsightEvent[], lists: IpLists = EMPTY_IP_LISTS) {
  return detectInsights(batch, new MemoryHistory([...history, ...batch]), lists);
}

function lists(allow: string[], deny: string[]): IpLists {
  return { allow: new CidrSet(allow), deny: new CidrSet(deny) };
}

describe("UnusualSourceIp", () => {
  const history = Array.from({ length: 40 }, (_, i) => ev({ at: END - (i + 1) * 6 * HOUR_MS, ip: i % 2 ? "42.120.75.10" : "42.120.75.11" }));

  it("is raised for a user with history calling from a new IP, once per user, IP and day", async () => {
    const first = ev({ at: END, ip: "203.0.113.99" });
    const again = ev({ at: END + 60_000, ip: "203.0.113.99" });
    const found = await detect(history, [first, again]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "UnusualSourceIp", subjectKind: "user", subject: "planted.user", sourceIp: "203.0.113.99", startTime: first.eventTime });
    expect(found[0].evidence).toMatchObject({ firstEventId: first.eventId, priorEvents: 40, knownIps: 2, historyDays: 30 });
  });

  it("is not raised for a known IP, a subject without enough history, or an allow-listed IP", async () => {
    expect(await detect(history, [ev({ at: END, ip: "42.120.75.11" })])).toEqual([]);
    expect(await detect(history.slice(0, 10), [ev({ at: END, ip: "203.0.113.99" })])).toEqual([]);
    expect(await detect(history, [ev({ at: END, ip: "203.0.113.99" })], lists(["203.0.113.0/24"], []))).toEqual([]);
  });

  it("forgets IPs last seen more than 30 days before", async () => {
    const old = [...history, ev({ at: END - 40 * 24 * HOUR_MS, ip: "198.51.100.1" })];
    const found = await detect(old, [ev({ at: END, ip: "198.51.100.1" })]);
    expect(found.map((i) => i.type)).toEqual(["UnusualSourceIp"]);
  });

  it("is not raised for an IP another subject of the account used, nor for a subject spread over many IPs", async () => {
    const colleague = ev({ user: "other.user", at: END - 3_600_000, ip: "203.0.113.99" });
    expect(await detect([...history, colleague], [ev({ at: END, ip: "203.0.113.99" })])).toEqual([]);
    const roaming = Array.from({ length: 40 }, (_, i) => ev({ at: END - (i + 1) * 6 * HOUR_MS, ip: `100.64.0.${i % 8}` }));
    expect(await detect(roaming, [ev({ at: END, ip: "203.0.113.99" })])).toEqual([]);
  });

  it("raises one insight for a user and its AccessKey new to the same IP, and works for AccessKeys alone", async () => {
    const keyed = history.map((e) => ({ ...e, accessKeyId: "LTAI5tPlanted000000000001" }));
    const found = await detect(keyed, [{ ...ev({ at: END, ip: "203.0.113.99" }), accessKeyId: "LTAI5tPlanted000000000001" }]);
    expect(found.map((i) => i.subjectKind)).toEqual(["user"]);
    const keyOnly = keyed.map((e) => ({ ...e, userName: null }));
    const byKey = await detect(keyOnly, [{ ...ev({ user: null, at: END, ip: "2001:db8::7" }), accessKeyId: "LTAI5tPlanted000000000001" }]);
    expect(byKey).toHaveLength(1);
    expect(byKey[0]).toMatchObject({ subjectKind: "accessKey", subject: "LTAI5tPlanted000000000001", sourceIp: "2001:db8::7" });
  });
});

describe("DeniedSourceIp", () => {
  it("is raised on any event from a deny-listed IP, without history, grouped per IP, subject and hour", async () => {
    const batch = [ev({ user: "new.user", at: END, ip: "185.220.101.5" }), ev({ user: "new.user", at: END + 1_000, ip: "185.220.101.6" })];
    const found = await detect([], batch, lists([], ["185.220.101.0/24", "2001:db8:bad::/48"]));
    expect(found.map((i) => [i.type, i.sourceIp, i.eventCount])).toEqual([
      ["DeniedSourceIp", "185.220.101.5", 1],
      ["DeniedSourceIp", "185.220.101.6", 1],
    ]);
    const v6 = await detect([], [ev({ at: END, ip: "2001:db8:bad:1::1" }), ev({ at: END + 5, ip: "2001:db8:bad:1::1" })], lists([], ["2001:db8:bad::/48"]));
    expect(v6).toHaveLength(1);
    expect(v6[0]).toMatchObject({ eventCount: 2, merge: "add" });
  });
});

describe("ApiCallRateAnomaly", () => {
  const baseline = steady("busy.user", END, 7, 5);

  it("is raised when an hour is far above the user's 7-day hourly baseline", async () => {
    const burst = Array.from({ length: 300 }, (_, i) => ev({ user: "busy.user", at: END + i * 10_000 }));
    const found = (await detect(baseline, burst)).filter((i) => i.type === "ApiCallRateAnomaly");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ subject: "busy.user", eventCount: 300, startTime: new Date(END).toISOString() });
    expect(found[0].evidence).toMatchObject({ calls: 300, baselineMean: 5, baselineStddev: 0, threshold: 60 });
  });

  it("is not raised for an hour within the baseline, under the floor, or for a user without a baseline", async () => {
    const normal = Array.from({ length: 6 }, (_, i) => ev({ user: "busy.user", at: END + i * 1_000 }));
    expect(await detect(baseline, normal)).toEqual([]);
    const underFloor = Array.from({ length: 50 }, (_, i) => ev({ user: "busy.user", at: END + i * 1_000 }));
    expect(await detect(baseline, underFloor)).toEqual([]);
    const newcomer = Array.from({ length: 300 }, (_, i) => ev({ user: "brand.new", at: END + i * 1_000 }));
    expect((await detect([], newcomer)).filter((i) => i.type === "ApiCallRateAnomaly")).toEqual([]);
  });

  it("computes the baseline over every hour, zeros included", () => {
    const counts = new Map([["2026-06-09T23", { calls: 10, errors: 1 }], ["2026-06-09T22", { calls: 30, errors: 0 }]]);
    const b = baselineOf(counts, "2026-06-10T00", 4);
    expect(b).toMatchObject({ hours: 4, calls: 40, errors: 1, mean: 10 });
    expect(b.stddev).toBeCloseTo(Math.sqrt((0 + 400 + 100 + 100) / 4), 6);
  });
});

describe("ApiErrorRateAnomaly", () => {
  const baseline = steady("flaky.user", END, 7, 4, 50);

  it("is raised when an hour's failed share is far above the user's baseline", async () => {
    const hour = Array.from({ length: 40 }, (_, i) => ev({ user: "flaky.user", at: END + i * 1_000, error: i < 30 }));
    const found = await detect(baseline, hour);
    expect(found.map((i) => i.type)).toEqual(["ApiErrorRateAnomaly"]);
    expect(found[0].evidence).toMatchObject({ calls: 40, errors: 30, errorRate: 0.75, baselineErrorRate: 0.0193 });
  });

  it("is not raised for a normal failed share or too few calls", async () => {
    const normal = Array.from({ length: 40 }, (_, i) => ev({ user: "flaky.user", at: END + i * 1_000, error: i < 2 }));
    expect(await detect(baseline, normal)).toEqual([]);
    const few = Array.from({ length: 12 }, (_, i) => ev({ user: "flaky.user", at: END + i * 1_000, error: true }));
    expect(await detect(baseline, few)).toEqual([]);
  });
});

describe("normal traffic (the demo generator)", () => {
  const generated: InsightEvent[] = [];
  let id = 0;
  for (const raw of generateEvents({ count: 20_000, end: new Date(END), days: 30, seed: 7 })) {
    const parsed = parseEvent(raw);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const { row } = normalizeEvent(parsed.event, JSON.stringify(raw), () => false);
    generated.push({ ...row, id: ++id });
  }
  generated.sort((a, b) => (a.eventTime < b.eventTime ? -1 : 1));

  it("raises no rate anomaly and few unusual IPs over the last 15 of 30 days", async () => {
    const lastHalf = generated.filter((e) => Date.parse(e.eventTime) > END - 15 * 24 * HOUR_MS);
    const found = await detectInsights(lastHalf, new MemoryHistory(generated), EMPTY_IP_LISTS, DEFAULT_DETECTOR_CONFIG);
    expect(found.filter((i) => i.type !== "UnusualSourceIp")).toEqual([]);
    // Demo humans use a long tail of home and travel IPs (3% of their calls): at most a few a day.
    expect(found.length).toBeLessThanOrEqual(15 * 3);
  });

  it("finds an anomaly planted in it", async () => {
    const target = "planted.burst";
    const plantedBaseline = steady(target, END - 24 * HOUR_MS, 7, 3);
    const burst = Array.from({ length: 400 }, (_, i) => ev({ user: target, at: END - 20 * HOUR_MS + i * 5_000 }));
    const all = [...generated, ...plantedBaseline, ...burst];
    const found = await detectInsights(burst, new MemoryHistory(all));
    expect(found.map((i) => [i.type, i.subject])).toEqual([["ApiCallRateAnomaly", target]]);
  });
});
