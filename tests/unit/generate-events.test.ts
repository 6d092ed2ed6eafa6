import { describe, expect, it } from "vitest";
import { generateEvents } from "@/lib/seed/generate-events";
import { GLOBAL_EVENTS_REGION, REGION_IDS, REGIONS, SERVICES, getService } from "@/lib/catalog/catalog";
import { DEFAULT_SENSITIVE_EVENT_NAMES, isSensitiveByDefault } from "@/lib/events/sensitive-rule";
import { DEFAULT_REGION, regionName } from "@/lib/events/regions";

type Ev = Record<string, any>;

const END = new Date("2026-06-02T12:00:00.500Z");
const DAYS = 90;
const N = 20_000;
const events: Ev[] = [...generateEvents({ count: N, end: END, days: DAYS, seed: 42 })];

const EVENT_TYPES = new Set(["ApiCall", "ConsoleSignin", "ConsoleOperation", "AliyunServiceEvent"]);
const IDENTITY_TYPES = new Set(["ram-user", "assumed-role", "root-account", "system"]);
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("catalog", () => {
  it("lists the 23 ActionTrail regions with names", () => {
    expect(REGIONS).toHaveLength(23);
    expect(new Set(REGION_IDS).size).toBe(23);
    expect(regionName("cn-wulanchabu")).toBe("China (Ulanqab)");
    expect(regionName("ap-southeast-1")).toBe("Singapore");
    expect(GLOBAL_EVENTS_REGION).toBe("ap-southeast-1");
    expect(DEFAULT_REGION).toBe("cn-hangzhou");
  });

  it("has at least 28 services with read and write events", () => {
    expect(SERVICES.length).toBeGreaterThanOrEqual(28);
    for (const code of ["Ecs", "Ram", "Oss", "Rds", "Vpc", "Slb", "Kms", "DataWorks", "RealtimeCompute", "Actiontrail", "Sts", "ResourceManager"]) {
      expect(getService(code), code).toBeDefined();
    }
    expect(getService("ram")!.global).toBe(true);
    expect(getService("Sts")!.global).toBe(true);
    expect(getService("Ecs")!.global).toBe(false);
    expect(getService("Ecs")!.events.find((e) => e.name === "DeleteInstance")?.resource?.type).toBe("ACS::ECS::Instance");
  });

  it("applies the sensitive catalogue, with ConsoleSignin only when it failed", () => {
    expect(DEFAULT_SENSITIVE_EVENT_NAMES.length).toBeGreaterThan(20);
    expect(isSensitiveByDefault("DeleteTrail")).toBe(true);
    expect(isSensitiveByDefault("CreateAccessKey")).toBe(true);
    expect(isSensitiveByDefault("DescribeInstances")).toBe(false);
    expect(isSensitiveByDefault("ConsoleSignin")).toBe(false);
    expect(isSensitiveByDefault("ConsoleSignin", "")).toBe(false);
    expect(isSensitiveByDefault("ConsoleSignin", "InvalidPassword")).toBe(true);
    // Failed sign-ins are sensitive by rule; an entry would make every sign-in sensitive.
    expect(DEFAULT_SENSITIVE_EVENT_NAMES.some((s) => s.eventName === "ConsoleSignin")).toBe(false);
  });
});

describe("generateEvents", () => {
  it("yields exactly count events", () => {
    expect(events).toHaveLength(N);
    expect([...generateEvents({ count: 0, end: END })]).toHaveLength(0);
    expect([...generateEvents({ count: 7, end: END })]).toHaveLength(7);
  });

  it("is deterministic: same seed, same events; another seed, other events", () => {
    const again = [...generateEvents({ count: 2_000, end: END, days: DAYS, seed: 42 })];
    expect(again).toEqual(events.slice(0, 2_000));
    const other = [...generateEvents({ count: 50, end: END, days: DAYS, seed: 43 })];
    expect(other.map((e) => e.eventId)).not.toEqual(events.slice(0, 50).map((e) => e.eventId));
  });

  it("gives every event a unique UUID-shaped eventId, and honours idPrefix", () => {
    const ids = new Set(events.map((e) => e.eventId));
    expect(ids.size).toBe(N);
    expect(events.filter((e) => !UUID.test(e.eventId))).toEqual([]);
    const prefixed: Ev[] = [...generateEvents({ count: 5, end: END, seed: 42, idPrefix: "demo-" })];
    for (const e of prefixed) expect(e.eventId.startsWith("demo-")).toBe(true);
  });

  it("puts every eventTime inside the window", () => {
    const start = END.getTime() - DAYS * 86_400_000;
    const outside = events.filter((e) => {
      const t = Date.parse(e.eventTime);
      return !ISO_SECONDS.test(e.eventTime) || !(t >= start && t <= END.getTime());
    });
    expect(outside).toEqual([]);
    const short: Ev[] = [...generateEvents({ count: 500, end: END, days: 1, seed: 5 })];
    for (const e of short) expect(END.getTime() - Date.parse(e.eventTime)).toBeLessThanOrEqual(86_400_000);
  });

  it("is denser on weekdays than at weekends", () => {
    let weekday = 0;
    let weekend = 0;
    for (const e of events) {
      const dow = new Date(Date.parse(e.eventTime) + 8 * 3_600_000).getUTCDay();
      if (dow === 0 || dow === 6) weekend++;
      else weekday++;
    }
    expect(weekday / 5).toBeGreaterThan((weekend / 2) * 1.5);
  });

  it("covers at least 25 services and 20 regions, cn-hangzhou and cn-shanghai most", () => {
    const services = new Set(events.map((e) => e.serviceName));
    expect(services.size).toBeGreaterThanOrEqual(25);
    const byRegion = new Map<string, number>();
    for (const e of events) byRegion.set(e.acsRegion, (byRegion.get(e.acsRegion) ?? 0) + 1);
    expect(byRegion.size).toBeGreaterThanOrEqual(20);
    for (const r of byRegion.keys()) expect(REGION_IDS).toContain(r);
    const top2 = [...byRegion.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([r]) => r).sort();
    expect(top2).toEqual(["cn-hangzhou", "cn-shanghai"]);
  });

  it("fails about 5% of events with an errorCode and errorMessage, and omits both otherwise", () => {
    const failed = events.filter((e) => "errorCode" in e);
    const rate = failed.length / N;
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.07);
    for (const e of failed) {
      expect(typeof e.errorCode).toBe("string");
      expect(e.errorCode.length).toBeGreaterThan(0);
      expect(typeof e.errorMessage).toBe("string");
    }
    for (const e of events) if (!("errorCode" in e)) expect("errorMessage" in e).toBe(false);
    const codes = new Set(failed.map((e) => e.errorCode));
    for (const c of ["Forbidden.RAM", "Throttling.User", "InvalidPassword"]) expect(codes).toContain(c);
  });

  it("marks global events, and every RAM event is global", () => {
    const global = events.filter((e) => e.isGlobal === true);
    expect(global.length).toBeGreaterThan(0);
    const ram = events.filter((e) => e.serviceName === "Ram");
    expect(ram.length).toBeGreaterThan(0);
    for (const e of ram) expect(e.isGlobal).toBe(true);
    for (const e of events.filter((e) => e.serviceName === "Sts" || e.eventType === "ConsoleSignin")) expect(e.isGlobal).toBe(true);
    for (const e of events.filter((e) => e.serviceName === "Ecs")) expect(e.isGlobal).toBe(false);
  });

  it("includes sensitive events (about 1-3%), failed sign-ins among them", () => {
    const sensitive = events.filter((e) => isSensitiveByDefault(e.eventName, e.errorCode));
    expect(sensitive.length / N).toBeGreaterThan(0.005);
    expect(sensitive.length / N).toBeLessThan(0.05);
    expect(sensitive.some((e) => e.eventName === "ConsoleSignin")).toBe(true);
    expect(new Set(sensitive.map((e) => e.eventName)).size).toBeGreaterThan(10);
    const signins = events.filter((e) => e.eventType === "ConsoleSignin");
    expect(signins.some((e) => !e.errorCode)).toBe(true);
  });

  it("gives every event the ActionTrail shape", () => {
    const problems: string[] = [];
    const need = (e: Ev, ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(`${e.eventId} ${e.eventName}: ${what}`);
    };
    const str = (v: unknown) => typeof v === "string" && v.length > 0;
    for (const e of events) {
      need(e, str(e.eventId), "eventId");
      need(e, e.eventVersion === 1, "eventVersion");
      need(e, str(e.eventName), "eventName");
      need(e, EVENT_TYPES.has(e.eventType), `eventType ${e.eventType}`);
      need(e, e.eventRW === "Read" || e.eventRW === "Write", `eventRW ${e.eventRW}`);
      need(e, e.eventCategory === "Management", "eventCategory");
      for (const f of ["eventSource", "serviceName", "acsRegion", "requestId", "sourceIpAddress", "userAgent"]) need(e, str(e[f]), f);
      need(e, typeof e.isGlobal === "boolean", "isGlobal");
      need(e, typeof e.requestParameters === "object" && e.requestParameters !== null, "requestParameters");
      need(e, typeof e.responseElements === "object" && e.responseElements !== null, "responseElements");
      if (e.eventType !== "ConsoleSignin") need(e, str(e.apiVersion), "apiVersion");
      const u = e.userIdentity;
      need(e, !!u && IDENTITY_TYPES.has(u.type), `userIdentity.type ${u?.type}`);
      need(e, u?.accountId === "1016954307248737", "userIdentity.accountId");
      need(e, str(u?.userName), "userIdentity.userName");
      if (e.referencedResources) {
        const types = Object.keys(e.referencedResources);
        need(e, types.length > 0, "referencedResources empty");
        for (const t of types) {
          need(e, /^ACS::[A-Za-z]+::[A-Za-z]+$/.test(t), `resource type ${t}`);
          need(e, Array.isArray(e.referencedResources[t]) && e.referencedResources[t].length > 0, `resources of ${t}`);
        }
        need(e, e.resourceType.split(",")[0] === types[0], "resourceType");
        need(e, e.resourceName.split(",")[0] === e.referencedResources[types[0]][0], "resourceName");
      } else {
        need(e, e.resourceType === undefined && e.resourceName === undefined, "resourceType without resources");
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses AccessKeys for API calls and none for console events", () => {
    // API calls made with an AccessKey (CLI, SDK, Terraform); calls made from the console carry none.
    const apiByUsers = events.filter((e) => e.eventType === "ApiCall" && e.userIdentity.type === "ram-user" && !e.userAgent.startsWith("Mozilla/") && e.userAgent !== "RealtimeCompute");
    expect(apiByUsers.length).toBeGreaterThan(0);
    expect(apiByUsers.filter((e) => !/^LTAI5t[A-Za-z0-9]{18}$/.test(e.userIdentity.accessKeyId))).toEqual([]);
    for (const e of events.filter((e) => e.eventType === "ConsoleSignin" || e.eventType === "ConsoleOperation")) {
      expect(e.userIdentity.accessKeyId).toBeUndefined();
    }
    for (const e of events.filter((e) => e.eventType === "ConsoleSignin")) {
      expect(e.additionalEventData.loginAccount).toBeTruthy();
      expect(["true", "false"]).toContain(e.additionalEventData.MFAUsed);
    }
  });

  it("has a coherent population: ~40 RAM users, several roles, a few hundred IPs, some root activity", () => {
    const ramUsers = new Set(events.filter((e) => e.userIdentity.type === "ram-user" && e.userIdentity.principalId).map((e) => e.userIdentity.userName));
    expect(ramUsers.size).toBeGreaterThanOrEqual(35);
    const roles = new Set(events.filter((e) => e.userIdentity.type === "assumed-role").map((e) => e.userIdentity.sessionContext.sessionIssuer.userName));
    expect(roles.size).toBeGreaterThanOrEqual(6);
    expect(events.some((e) => e.userIdentity.type === "root-account")).toBe(true);
    expect(events.some((e) => e.eventType === "AliyunServiceEvent" && e.userIdentity.type === "system")).toBe(true);
    const ips = new Set(events.map((e) => e.sourceIpAddress));
    expect(ips.size).toBeGreaterThan(150);
    // A user's calls come mostly from a handful of habitual IPs.
    const alice = events.filter((e) => e.userIdentity.userName === "alice.wang");
    const aliceIps = new Map<string, number>();
    for (const e of alice) aliceIps.set(e.sourceIpAddress, (aliceIps.get(e.sourceIpAddress) ?? 0) + 1);
    const top4 = [...aliceIps.values()].sort((a, b) => b - a).slice(0, 4).reduce((s, n) => s + n, 0);
    expect(top4 / alice.length).toBeGreaterThan(0.85);
  });
});
