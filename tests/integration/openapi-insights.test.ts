// The insight actions and the default trail through handleOpenApi with signed requests, on every store:
// selectors per trail, the default trail's rules, insights raised by the detector as ActionTrail insight
// events (Start and End) in LookupInsightEvents with its filters and paging, the counts, IP list and
// time series, the IP lists (DescribeInsightStrategy/ModifyInsightStrategy), errors, XML and roles; and
// the insight events delivered to the Insight path of a local bucket and into the log store, with
// `verify trail` still clean.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { decodeLogFile } from "@/lib/delivery/files";
import { localBucketDir } from "@/lib/delivery/object-store";
import { deliverInsightEvents } from "@/lib/insights/insight-delivery";
import { emitInsightEvents, insightEventsOf } from "@/lib/insights/insight-events";
import { runInsightsUntilIdle } from "@/lib/insights/step";
import { DigestEngine } from "@/lib/integrity/digests";
import { verifyTrail } from "@/lib/integrity/verify-trail";
import type { OpenApiResponse } from "@/lib/openapi/handle";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { toXml } from "@/lib/openapi/xml";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { signedParams, type SigningKey } from "../helpers/openapi";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";
import { callAndAudit } from "../helpers/openapi-call";

const USER = "ina.api";
const KEY = "LTAI5tInsightApiKey00001";
const LONE_KEY = "LTAI5tLoneKey00000000001";
const TRAIL = "insight-trail";
const OTHER = "other-trail";
const BUCKET = "insight-bucket";

async function call(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<OpenApiResponse> {
  return callAndAudit({ method: "POST", params: signedParams("POST", key, action, params), ip: "198.51.100.7", userAgent: "vitest-sdk" });
}

async function ok(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<Record<string, any>> {
  const r = await call(key, action, params);
  const { text } = renderOpenApiResponse(r);
  expect(r.status, text).toBe(200);
  return JSON.parse(text) as Record<string, any>;
}

async function refused(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<{ status: number; code: string; message: string }> {
  const r = await call(key, action, params);
  expect(r.status).not.toBe(200);
  return { status: r.status, code: String(r.body.Code), message: String(r.body.Message) };
}

function history(identity: Record<string, unknown>, ip: string, agoMs: number, extra: Record<string, unknown> = {}) {
  return { eventTime: new Date(Date.now() - agoMs).toISOString(), sourceIpAddress: ip, userIdentity: { type: "ram-user", accountId: "1016954307248737", ...identity }, ...extra };
}

const ALL_TYPES = '[{"insightType":"IpInsight"},{"insightType":"AkInsight"},{"insightType":"ApiCallRateInsight"},{"insightType":"ApiErrorRateInsight"}]';

describe.each(STORES)("insight actions on %s", (store) => {
  let admin: SigningKey;
  let security: SigningKey;
  let auditor: SigningKey;
  let dataDir = "";

  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "ins-admin", password: "ins-admin-password", role: "admin" });
    await createUser({ username: "ins-security", password: "ins-security-password", role: "security" });
    await createUser({ username: "ins-auditor", password: "ins-auditor-password", role: "auditor" });
    admin = await createAccessKey({ username: "ins-admin" });
    security = await createAccessKey({ username: "ins-security" });
    auditor = await createAccessKey({ username: "ins-auditor" });
    await prisma.bucket.create({ data: { name: BUCKET, kind: "local" } });
    await createLoggingTrail({ name: TRAIL, ossBucketName: BUCKET, ossKeyPrefix: "team", logStoreEnabled: true });
    await createLoggingTrail({ name: OTHER, logStoreEnabled: true });
    // A user (with its key) and a key without a user, each with a stable history from one office IP.
    await ingest([
      ...Array.from({ length: 30 }, (_, i) => history({ userName: USER, accessKeyId: KEY }, "42.120.75.10", (i + 1) * 4 * 3_600_000)),
      ...Array.from({ length: 30 }, (_, i) => history({ accessKeyId: LONE_KEY }, "42.120.75.11", (i + 1) * 4 * 3_600_000)),
    ]);
    await runInsightsUntilIdle();
  });
  afterAll(() => {
    delete process.env.TRAILKEEPER_API_RATE;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("sets and reads a trail's insight selectors, with the default trail when TrailName is left out", async () => {
    expect((await ok(auditor, "GetInsightSelectors", { TrailName: TRAIL })).InsightSelectors).toEqual([]);
    expect((await refused(auditor, "GetInsightSelectors", {})).code).toBe("MissingParameter");
    const put = await ok(admin, "PutInsightSelectors", { TrailName: TRAIL, InsightSelectors: ALL_TYPES });
    expect(put).toMatchObject({ InsightSelectors: ["IpInsight", "ApiCallRateInsight", "ApiErrorRateInsight", "AkInsight"], TrailArn: `acs:actiontrail:cn-hangzhou:1016954307248737:trail/${TRAIL}` });
    expect((await ok(auditor, "GetInsightSelectors", { TrailName: TRAIL })).InsightSelectors).toHaveLength(4);
    const enabled = await ok(auditor, "DescribeInsightEnabledTrails");
    expect(enabled.TrailList).toEqual([expect.objectContaining({ Name: TRAIL, Status: "Enable", IsDefaultTrail: false, InsightSelectors: put.InsightSelectors })]);
    // Recorded as its own event, with the selectors as the SDK sends them.
    const audit = await prisma.event.findFirst({ where: { eventName: "PutInsightSelectors" }, orderBy: { id: "desc" } });
    expect(audit?.raw).toContain("insightType");

    for (const [params, code] of [
      [{ TrailName: TRAIL, InsightSelectors: "IpInsight" }, "InvalidParameter"],
      [{ TrailName: TRAIL, InsightSelectors: '{"insightType":"IpInsight"}' }, "InvalidParameter"],
      [{ TrailName: TRAIL, InsightSelectors: '[{"insightType":"PolicyChangeInsight"}]' }, "InvalidParameter"],
      [{ TrailName: TRAIL, InsightSelectors: "x".repeat(5000) }, "InvalidParameter"],
      [{ TrailName: TRAIL }, "MissingParameter"],
      [{ TrailName: "no-such-trail", InsightSelectors: "[]" }, "TrailNotFoundException"],
    ] as const) {
      expect((await refused(admin, "PutInsightSelectors", params)).code, JSON.stringify(params)).toBe(code);
    }
    expect((await refused(security, "PutInsightSelectors", { TrailName: TRAIL, InsightSelectors: "[]" })).code).toBe("Forbidden.RAM");
    expect((await refused(auditor, "GetInsightSelectors", { TrailName: "no-such-trail" })).status).toBe(404);
  });

  it("keeps one default trail: Set replaces, Get reads, Remove unsets; a deleted trail is no default", async () => {
    expect(await ok(auditor, "GetDefaultTrail")).toMatchObject({ TrailName: "", TrailArn: "" });
    await ok(admin, "SetDefaultTrail", { TrailName: OTHER });
    await ok(admin, "SetDefaultTrail", { TrailName: TRAIL });
    expect(await ok(auditor, "GetDefaultTrail")).toMatchObject({ TrailName: TRAIL, HomeRegion: "cn-hangzhou", InsightSelectors: ["IpInsight", "ApiCallRateInsight", "ApiErrorRateInsight", "AkInsight"] });
    // The default trail answers for a call that names none.
    expect((await ok(auditor, "GetInsightSelectors")).TrailArn).toContain(`trail/${TRAIL}`);
    expect((await ok(auditor, "DescribeInsightEnabledTrails")).TrailList[0].IsDefaultTrail).toBe(true);

    expect((await refused(admin, "SetDefaultTrail", { TrailName: "no-such-trail" })).code).toBe("TrailNotFoundException");
    expect((await refused(admin, "SetDefaultTrail", {})).code).toBe("MissingParameter");
    expect((await refused(security, "SetDefaultTrail", { TrailName: OTHER })).code).toBe("Forbidden.RAM");
    expect((await refused(admin, "RemoveDefaultTrail", { TrailName: OTHER })).message).toContain(`The default trail is ${TRAIL}`);
    expect(await ok(admin, "RemoveDefaultTrail", { TrailName: TRAIL })).toMatchObject({ TrailName: TRAIL });
    expect(await ok(admin, "RemoveDefaultTrail")).toMatchObject({ TrailName: "" });
    expect((await ok(auditor, "GetDefaultTrail")).TrailName).toBe("");
    // Each change is recorded once by the domain (refused calls are recorded with their error code).
    expect(await prisma.event.count({ where: { eventName: { in: ["SetDefaultTrail", "RemoveDefaultTrail"] }, errorCode: null } })).toBe(3);

    // A trail that is deleted stops being the default.
    await createLoggingTrail({ name: "short-lived" });
    await ok(admin, "SetDefaultTrail", { TrailName: "short-lived" });
    await prisma.trail.delete({ where: { name: "short-lived" } });
    expect((await ok(auditor, "GetDefaultTrail")).TrailName).toBe("");
  });

  it("turns the detector's insights into Start and End insight events, looked up with filters and paging", async () => {
    await ingest([
      history({ userName: USER, accessKeyId: KEY }, "203.0.113.50", 60_000, { eventName: "DeleteBucket" }),
      history({ accessKeyId: LONE_KEY }, "203.0.113.77", 50_000, { eventName: "DescribeInstances" }),
    ]);
    expect((await runInsightsUntilIdle()).raised).toBe(2);
    const all = await ok(security, "LookupInsightEvents");
    expect(all.NextToken).toBeUndefined();
    expect(all.Events).toHaveLength(4);
    const ip = all.Events.filter((e: any) => e.insightDetails.insightType === "IpInsight");
    expect(ip.map((e: any) => e.insightDetails.state).sort()).toEqual(["End", "Start"]);
    const start = ip.find((e: any) => e.insightDetails.state === "Start");
    expect(start).toMatchObject({
      eventVersion: "1",
      eventType: "ActionTrailInsight",
      eventCategory: "Insight",
      acsRegion: "cn-hangzhou",
      recipientAccountId: "1016954307248737",
      userIdentity: { userName: USER },
      insightDetails: {
        insightObject: "203.0.113.50",
        sourceIpAddress: "203.0.113.50",
        insightContext: {
          statistics: { insight: { average: 1 }, baseline: { average: 0 }, baselineDuration: 30 * 1440, insightCount: 1 },
          attributions: expect.arrayContaining([{ attribution: "eventName", insight: [{ value: "DeleteBucket", average: 1 }], baseline: [] }]),
        },
      },
    });
    expect(start.eventId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    // Start and End share the sharedEventId, and nothing else.
    expect(new Set(ip.map((e: any) => e.sharedEventId)).size).toBe(1);
    expect(new Set(ip.map((e: any) => e.eventId)).size).toBe(2);
    const ak = all.Events.find((e: any) => e.insightDetails.insightType === "AkInsight");
    expect(ak).toMatchObject({ userIdentity: { accessKeyId: LONE_KEY }, insightDetails: { insightObject: LONE_KEY, sourceIpAddress: "203.0.113.77" } });

    // Filters: each documented key, two at once, and the limits.
    const by = async (...pairs: [string, string][]) =>
      (await ok(security, "LookupInsightEvents", Object.fromEntries(pairs.flatMap(([k, v], i) => [[`LookupAttribute.${i + 1}.Key`, k], [`LookupAttribute.${i + 1}.Value`, v]])))).Events;
    expect(await by(["InsightType", "AkInsight"])).toHaveLength(2);
    expect(await by(["SourceIpAddress", "203.0.113.50"])).toHaveLength(2);
    expect(await by(["AccessKeyId", LONE_KEY])).toHaveLength(2);
    expect(await by(["InsightObject", "203.0.113.50"], ["InsightType", "IpInsight"])).toHaveLength(2);
    expect(await by(["InsightObject", "203.0.113.50"], ["InsightType", "AkInsight"])).toHaveLength(0);
    expect(await by(["EventId", start.eventId])).toEqual([start]);
    expect(await by(["EventName", "DeleteBucket"])).toEqual([]);
    expect((await refused(security, "LookupInsightEvents", { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": "x" })).code).toBe("InvalidParameter");
    expect((await refused(security, "LookupInsightEvents", { "LookupAttribute.1.Key": "InsightType", "LookupAttribute.1.Value": "Nope" })).code).toBe("InvalidParameter");
    expect((await refused(security, "LookupInsightEvents", { "LookupAttribute.1.Key": "InsightType" })).code).toBe("MissingParameter");
    const three = Object.fromEntries([1, 2, 3].flatMap((n) => [[`LookupAttribute.${n}.Key`, "InsightType"], [`LookupAttribute.${n}.Value`, "IpInsight"]]));
    expect((await refused(security, "LookupInsightEvents", three)).code).toBe("InvalidParameter");

    // Paging newest first: every event once, and a token only for its own query.
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ok(security, "LookupInsightEvents", { MaxResults: "1", ...(token ? { NextToken: token } : {}) });
      seen.push(...page.Events.map((e: any) => e.eventId));
      token = page.NextToken;
      if (pages === 0) {
        expect((await refused(security, "LookupInsightEvents", { MaxResults: "1", NextToken: token!, "LookupAttribute.1.Key": "InsightType", "LookupAttribute.1.Value": "IpInsight" })).code).toBe("InvalidParameter");
      }
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.Events.map((e: any) => e.eventId));
    expect((await refused(security, "LookupInsightEvents", { NextToken: "not-a-token" })).code).toBe("InvalidParameter");
    expect((await refused(security, "LookupInsightEvents", { MaxResults: "51" })).code).toBe("InvalidParameter");
    expect((await refused(security, "LookupInsightEvents", { StartTime: "yesterday" })).code).toBe("InvalidParameter");
    expect((await refused(security, "LookupInsightEvents", { StartTime: "2026-11-02T00:00:00Z", EndTime: "2026-11-01T00:00:00Z" })).code).toBe("InvalidParameter");
    // The window: the past hour holds them all, one 93-day window long ago none.
    expect((await ok(security, "LookupInsightEvents", { StartTime: new Date(Date.now() - 3_600_000).toISOString().slice(0, 19) + "Z" })).Events).toHaveLength(4);
    expect((await ok(security, "LookupInsightEvents", { StartTime: "2020-01-01T00:00:00Z", EndTime: "2025-01-01T00:00:00Z" })).Events).toHaveLength(0);
    expect((await refused(auditor, "LookupInsightEvents")).code).toBe("Forbidden.RAM");

    // The default trail narrows a call that names no trail to its types; TrailName to that trail's.
    await ok(admin, "PutInsightSelectors", { TrailName: OTHER, InsightSelectors: '[{"insightType":"AkInsight"}]' });
    await ok(admin, "SetDefaultTrail", { TrailName: OTHER });
    expect((await ok(security, "LookupInsightEvents")).Events.map((e: any) => e.insightDetails.insightType)).toEqual(["AkInsight", "AkInsight"]);
    expect((await ok(security, "LookupInsightEvents", { TrailName: TRAIL })).Events).toHaveLength(4);
    expect((await refused(security, "LookupInsightEvents", { TrailName: "no-such-trail" })).code).toBe("TrailNotFoundException");
    await ok(admin, "RemoveDefaultTrail");

    // XML: the events as elements.
    const r = await call(security, "LookupInsightEvents", { Format: "XML", MaxResults: "1" });
    expect(r.xml).toBe(true);
    const xml = toXml(r.root, r.body);
    expect(xml).toContain("<LookupInsightEventsResponse>");
    expect(xml).toContain("<eventCategory>Insight</eventCategory>");
  });

  it("counts insights per type, their IPs and per period", async () => {
    const counts = await ok(security, "GetInsightsEventsCount");
    expect(counts.Data).toEqual([
      { Count: 1, InsightType: "AkInsight", RegionId: "cn-hangzhou" },
      { Count: 1, InsightType: "IpInsight", RegionId: "cn-hangzhou" },
    ]);
    expect((await ok(security, "GetInsightEventCount", { InsightType: "IpInsight" })).Data).toEqual([{ Count: 1, InsightType: "IpInsight", RegionId: "cn-hangzhou" }]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ok(security, "GetInsightsEventsCount", { Date: "2020-01-01" })).Data).toEqual([]);
    expect((await ok(security, "GetInsightsEventsCount", { Date: today })).Data.length).toBeGreaterThanOrEqual(1);
    expect((await refused(security, "GetInsightsEventsCount", { Date: "01/02/2026" })).code).toBe("InvalidParameter");
    expect((await refused(security, "GetInsightEventCount", { InsightType: "Nope" })).code).toBe("InvalidParameter");

    expect(await ok(security, "GetInsightIpCount")).toMatchObject({ IpCount: 2 });
    const list = await ok(security, "DescribeInsightIpList", { PageSize: "1" });
    expect(list).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 1 });
    expect(list.IpList).toHaveLength(1);
    const page2 = await ok(security, "DescribeInsightIpList", { PageSize: "1", PageNumber: "2" });
    expect([list.IpList[0].Ip, page2.IpList[0].Ip].sort()).toEqual(["203.0.113.50", "203.0.113.77"]);
    expect(page2.IpList[0]).toMatchObject({ InsightCount: 1, InsightTypes: [expect.stringMatching(/Insight$/)] });
    expect((await refused(security, "DescribeInsightIpList", { PageSize: "101" })).code).toBe("InvalidParameter");

    const series = await ok(security, "DescribeInsightMetricData", { Period: "3600" });
    expect(series.Period).toBe(3600);
    expect(series.Datapoints.length).toBeGreaterThanOrEqual(24);
    expect(series.Datapoints.reduce((n: number, d: any) => n + d.Count, 0)).toBe(2);
    expect(series.Datapoints[0].Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    expect((await refused(security, "DescribeInsightMetricData", { Period: "90" })).code).toBe("InvalidParameter");
    expect((await refused(security, "DescribeInsightMetricData", { Period: "60", StartTime: "2026-01-01T00:00:00Z" })).message).toContain("at most 1440");
    expect((await refused(auditor, "GetInsightIpCount")).code).toBe("Forbidden.RAM");
  });

  it("reads and changes the IP lists through the same rules as the console", async () => {
    expect(await ok(security, "DescribeInsightStrategy")).toMatchObject({ WhiteList: [], BlackList: [] });
    const changed = await ok(security, "ModifyInsightStrategy", { ListType: "BlackList", AddIps: "198.51.100.0/24, 2001:db8:bad::/48", Note: "tor exits" });
    expect(changed.BlackList.map((e: any) => e.Ip)).toEqual(["198.51.100.0/24", "2001:db8:bad::/48"]);
    expect(changed.BlackList[0]).toMatchObject({ Note: "tor exits", CreatedBy: "ins-security" });
    const moved = await ok(admin, "ModifyInsightStrategy", { ListType: "BlackList", RemoveIps: "198.51.100.0/24" });
    expect(moved.BlackList.map((e: any) => e.Ip)).toEqual(["2001:db8:bad::/48"]);
    for (const [params, text] of [
      [{ ListType: "WhiteList", AddIps: "10.0.0.1/8" }, "host bits"],
      [{ ListType: "WhiteList", AddIps: "2001:db8:bad::/48" }, "other list"],
      [{ ListType: "BlackList", AddIps: "2001:db8:bad::/48" }, "already on the BlackList"],
      [{ ListType: "WhiteList", RemoveIps: "192.0.2.1" }, "is not on the WhiteList"],
      [{ ListType: "GreyList", AddIps: "192.0.2.1" }, "ListType"],
      [{ ListType: "WhiteList", AddIps: Array.from({ length: 101 }, (_, i) => `192.0.2.${i}`).join(",") }, "At most 100"],
      [{ ListType: "BlackList", RemoveIps: "2001:db8:bad::/48", AddIps: "192.0.2.7", Note: "n".repeat(201) }, "At most 200"],
    ] as const) {
      const r = await refused(security, "ModifyInsightStrategy", params);
      expect(r.code).toBe("InvalidParameter");
      expect(r.message).toContain(text);
    }
    // A refused call changes nothing, not even its valid part.
    await refused(security, "ModifyInsightStrategy", { ListType: "WhiteList", AddIps: "192.0.2.0/24,not-an-ip" });
    expect((await ok(security, "DescribeInsightStrategy")).WhiteList).toEqual([]);
    expect((await refused(security, "ModifyInsightStrategy", { ListType: "WhiteList" })).code).toBe("MissingParameter");
    expect((await refused(auditor, "ModifyInsightStrategy", { ListType: "WhiteList", AddIps: "192.0.2.0/24" })).code).toBe("Forbidden.RAM");
    expect((await refused(auditor, "DescribeInsightStrategy")).code).toBe("Forbidden.RAM");
    expect(await prisma.event.count({ where: { eventName: "ModifyInsightStrategy", errorCode: null } })).toBe(3);
    await ok(security, "ModifyInsightStrategy", { ListType: "BlackList", RemoveIps: "2001:db8:bad::/48" });
  });

  it("delivers the insight events to the Insight path of the bucket and into the log store, once, and verify trail stays clean", async () => {
    const delivery = new DeliveryEngine();
    await delivery.runUntilIdle();
    const first = await deliverInsightEvents();
    expect(first.failures).toBe(0);
    // TRAIL has had every type on since before the insights (4 events to each destination); OTHER turned
    // AkInsight on after its events were written, and delivers from then on: nothing yet.
    expect(first.delivered).toBe(4 + 4);
    expect(first.files).toHaveLength(1);
    const key = first.files[0].slice(`oss://${BUCKET}/`.length);
    const today = new Date().toISOString().slice(0, 10).split("-");
    expect(key).toMatch(new RegExp(`^team/AliyunLogs/Actiontrail-Insight/cn-hangzhou/${today.join("/")}/Actiontrail_cn-hangzhou_\\d{14}_1002_4_\\d+_[0-9a-f]{32}\\.gz$`));
    const body = fs.readFileSync(path.join(localBucketDir(BUCKET), ...key.split("/")));
    const lines = decodeLogFile(body).map((l) => JSON.parse(l));
    expect(lines.map((e) => `${e.insightDetails.insightType}/${e.insightDetails.state}`).sort()).toEqual(["AkInsight/End", "AkInsight/Start", "IpInsight/End", "IpInsight/Start"]);
    const looked = await ok(security, "LookupInsightEvents", { TrailName: TRAIL });
    expect(lines.map((e) => e.eventId).sort()).toEqual(looked.Events.map((e: any) => e.eventId).sort());
    expect(await prisma.logStoreEvent.count({ where: { logStore: `actiontrail_${TRAIL}`, raw: { contains: '"eventCategory":"Insight"' } } })).toBe(4);
    expect(await prisma.logStoreEvent.count({ where: { logStore: `actiontrail_${OTHER}`, raw: { contains: '"eventCategory":"Insight"' } } })).toBe(0);
    // Nothing twice.
    expect((await deliverInsightEvents()).delivered).toBe(0);

    // The digests cover the management event files; the insight files beside them break nothing.
    const digests = new DigestEngine({ now: () => new Date(Date.now() + 2 * 3_600_000) });
    await digests.step();
    const report = await verifyTrail(TRAIL, {}, new Date(Date.now() + 2 * 3_600_000));
    expect(report.objects?.problems).toEqual([]);
    expect(report.logStore?.problems).toEqual([]);
  });

  it("closes an hour's insight ten minutes after its hour: Start at once, End with the final figures later", async () => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const insight = await prisma.insight.create({
      data: {
        type: "ApiCallRateAnomaly", subjectKind: "user", subject: USER, region: "cn-hangzhou", sourceIp: null,
        startTime: hour.toISOString(), endTime: new Date(hour.getTime() + 3_599_999).toISOString(), eventCount: 240,
        evidence: JSON.stringify({ calls: 240, baselineMean: 3.5, baselineHours: 168, reason: "240 calls in the hour" }),
        dedupeKey: `ApiCallRateAnomaly|user|${USER}|test`,
      },
    });
    await emitInsightEvents(new Date(hour.getTime() + 3_600_000 + 9 * 60_000));
    const rate = { "LookupAttribute.1.Key": "InsightType", "LookupAttribute.1.Value": "ApiCallRateInsight", EndTime: new Date(hour.getTime() + 7_200_000).toISOString().slice(0, 19) + "Z" };
    const open = await ok(security, "LookupInsightEvents", rate);
    expect(open.Events.map((e: any) => e.insightDetails.state)).toEqual(["Start"]);
    expect(open.Events[0]).toMatchObject({
      eventTime: hour.toISOString().slice(0, 19) + "Z",
      userIdentity: { userName: USER },
      insightDetails: {
        insightObject: USER,
        insightContext: { statistics: { insight: { average: 240 }, baseline: { average: 3.5 }, insightDuration: 60, baselineDuration: 10_080, insightCount: 240 } },
      },
    });
    await emitInsightEvents(new Date(hour.getTime() + 3_600_000 + 10 * 60_000));
    const closed = await ok(security, "LookupInsightEvents", rate);
    expect(closed.Events.map((e: any) => `${e.insightDetails.state} ${e.eventTime}`)).toEqual([
      `End ${new Date(hour.getTime() + 3_600_000).toISOString().slice(0, 19)}Z`,
      `Start ${hour.toISOString().slice(0, 19)}Z`,
    ]);
    // Written once: a second pass adds nothing, and the insight page reads the same two.
    await emitInsightEvents(new Date(hour.getTime() + 5 * 3_600_000));
    expect((await insightEventsOf(insight.id)).map((e) => e.state)).toEqual(["Start", "End"]);
    // The trail with every type on delivers both.
    const d = await deliverInsightEvents();
    expect(d.delivered).toBe(4);
    expect(d.files).toHaveLength(1);
  });
});
