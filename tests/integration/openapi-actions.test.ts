// The compatible API's actions on every store, driven through handleOpenApi with signed requests (the
// e2e suite drives the same endpoint over HTTP with the official SDK): trail actions with ActionTrail's
// names and rules, delivery history jobs, GetEventsCount, Direction, XML, role refusal and the audit
// of refused calls.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import type { OpenApiResponse } from "@/lib/openapi/handle";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { toXml } from "@/lib/openapi/xml";
import { createBucket } from "@/lib/trails/buckets";
import { createTrail } from "@/lib/trails/trails";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { signedParams, type SigningKey } from "../helpers/openapi";
import { makeEvent } from "../helpers/events";
import { callAndAudit } from "../helpers/openapi-call";

async function call(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<OpenApiResponse> {
  return callAndAudit({ method: "POST", params: signedParams("POST", key, action, params), ip: "198.51.100.7", userAgent: "vitest-sdk" });
}

/** The body as a client reads it: rendered as the route sends it, then parsed. */
async function ok(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<Record<string, any>> {
  const r = await call(key, action, params);
  const { text } = renderOpenApiResponse(r);
  expect(r.status, text).toBe(200);
  const body = JSON.parse(text) as Record<string, any>;
  expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  return body;
}

async function refused(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<{ status: number; code: string; message: string }> {
  const r = await call(key, action, params);
  expect(r.status).not.toBe(200);
  return { status: r.status, code: String(r.body.Code), message: String(r.body.Message) };
}

describe.each(STORES)("compatible API actions on %s", (store) => {
  let admin: SigningKey;
  let auditor: SigningKey;

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `openapi-${store}-`));
    resetServerKeyCache();
    // These tests make many calls a second with one key; throttling has its own test (e2e).
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "api-admin", password: "api-admin-password", role: "admin" });
    await createUser({ username: "api-auditor", password: "api-auditor-password", role: "auditor" });
    admin = await createAccessKey({ username: "api-admin" });
    auditor = await createAccessKey({ username: "api-auditor" });
    await createBucket({ name: "api-bucket" }, { actor: { username: "setup", kind: "cli" } });
  });
  afterAll(() => {
    delete process.env.TRAILKEEPER_API_RATE;
  });

  it("CreateTrail, DescribeTrails, UpdateTrail, Stop/StartLogging, GetTrailStatus and DeleteTrail with ActionTrail's names", async () => {
    const created = await ok(admin, "CreateTrail", {
      Name: "api-trail-1",
      OssBucketName: "api-bucket",
      OssKeyPrefix: "audit",
      EventRW: "All",
      RegionId: "cn-shanghai",
    });
    expect(created).toMatchObject({ Name: "api-trail-1", HomeRegion: "cn-shanghai", OssBucketName: "api-bucket", OssKeyPrefix: "audit", EventRW: "All", TrailRegion: "All", SlsProjectArn: "" });

    const listed = await ok(auditor, "DescribeTrails", { RegionId: "cn-shanghai" });
    expect(listed.TrailList).toHaveLength(1);
    // As ActionTrail: a created trail does not log (Status Fresh) until StartLogging.
    expect(listed.TrailList[0]).toMatchObject({ Name: "api-trail-1", Status: "Fresh", HomeRegion: "cn-shanghai", TrailRegion: "All", StartLoggingTime: "" });
    expect(await ok(auditor, "GetTrailStatus", { Name: "api-trail-1" })).toMatchObject({ IsLogging: false });
    await ok(admin, "StartLogging", { Name: "api-trail-1" });
    expect((await ok(auditor, "DescribeTrails", { NameList: "api-trail-1" })).TrailList[0]).toMatchObject({ Status: "Enable", StartLoggingTime: expect.stringMatching(/Z$/) });
    expect(listed.TrailList[0].CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await ok(auditor, "DescribeTrails", { RegionId: "cn-beijing" })).TrailList).toEqual([]);
    expect((await ok(auditor, "DescribeTrails", { RegionId: "cn-beijing", IncludeShadowTrails: "true" })).TrailList).toHaveLength(1);

    // Only what is given changes; an SLS project ARN turns the built-in log store on.
    const updated = await ok(admin, "UpdateTrail", { Name: "api-trail-1", SlsProjectArn: "acs:log:cn-shanghai:123:project/anything" });
    expect(updated).toMatchObject({ OssBucketName: "api-bucket", EventRW: "All", SlsProjectArn: expect.stringContaining(":project/") });
    const row = await prisma.trail.findUniqueOrThrow({ where: { name: "api-trail-1" } });
    expect(row).toMatchObject({ logStoreEnabled: true, ossBucketName: "api-bucket", ossKeyPrefix: "audit" });
    // "" removes the bucket; the log store remains the one destination.
    await ok(admin, "UpdateTrail", { Name: "api-trail-1", OssBucketName: "" });
    expect((await prisma.trail.findUniqueOrThrow({ where: { name: "api-trail-1" } })).ossBucketName).toBeNull();

    await ok(admin, "StopLogging", { Name: "api-trail-1" });
    const stopped = await ok(auditor, "GetTrailStatus", { Name: "api-trail-1" });
    expect(stopped).toMatchObject({ IsLogging: false, LatestDeliveryError: "", OssBucketStatus: false });
    expect(stopped.StopLoggingTime).toMatch(/Z$/);
    expect((await ok(auditor, "DescribeTrails", { NameList: "api-trail-1" })).TrailList[0].Status).toBe("Disable");
    await ok(admin, "StartLogging", { Name: "api-trail-1" });
    expect((await ok(auditor, "GetTrailStatus", { Name: "api-trail-1" })).IsLogging).toBe(true);

    // Each change is audited once, under its own name, as an ApiCall of the AccessKey.
    const audits = await prisma.event.findMany({ where: { accessKeyId: admin.accessKeyId, eventName: { in: ["CreateTrail", "UpdateTrail", "StopLogging", "StartLogging"] } }, select: { eventName: true, eventType: true, sourceIp: true } });
    expect(audits.filter((a) => a.eventName === "UpdateTrail")).toHaveLength(2);
    expect(audits.filter((a) => a.eventName === "StopLogging")).toHaveLength(1);
    expect(audits.filter((a) => a.eventName === "StartLogging")).toHaveLength(2);
    expect(audits.every((a) => a.eventType === "ApiCall" && a.sourceIp === "198.51.100.7")).toBe(true);

    await ok(admin, "DeleteTrail", { Name: "api-trail-1" });
    expect(await refused(auditor, "GetTrailStatus", { Name: "api-trail-1" })).toMatchObject({ status: 404, code: "TrailNotFoundException" });
  });

  it("answers the console's trail rules with ActionTrail's codes and the parameter at fault", async () => {
    expect(await refused(admin, "CreateTrail", {})).toMatchObject({ code: "MissingParameter", message: expect.stringContaining("Name") });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-2" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("OssBucketName/SlsProjectArn") });
    expect(await refused(admin, "CreateTrail", { Name: "9bad", OssBucketName: "api-bucket" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("Name must start with a letter") });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-2", OssBucketName: "no-such-bucket" })).toMatchObject({ code: "OssBucketNotExistException" });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-2", SlsProjectArn: "not-an-arn" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("SlsProjectArn") });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-2", OssBucketName: "api-bucket", EventRW: "Sometimes" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("EventRW") });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-2", OssBucketName: "api-bucket", RegionId: "mars-1" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("RegionId") });
    await ok(admin, "CreateTrail", { Name: "api-trail-2", OssBucketName: "api-bucket" });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-2", OssBucketName: "api-bucket" })).toMatchObject({ code: "TrailExistedException" });
    for (let i = 3; i <= 6; i++) await ok(admin, "CreateTrail", { Name: `api-trail-${i}`, OssBucketName: "api-bucket" });
    expect(await refused(admin, "CreateTrail", { Name: "api-trail-7", OssBucketName: "api-bucket" })).toMatchObject({ code: "InsufficientTrailQuotaException" });
    expect(await refused(admin, "UpdateTrail", { Name: "no-such-trail", EventRW: "Read" })).toMatchObject({ status: 404, code: "TrailNotFoundException" });
  });

  it("refuses a role its writes with Forbidden.RAM, and records the refused call with its error code", async () => {
    const r = await refused(auditor, "CreateTrail", { Name: "auditor-trail", OssBucketName: "api-bucket" });
    expect(r).toMatchObject({ status: 403, code: "Forbidden.RAM" });
    expect(await prisma.trail.findUnique({ where: { name: "auditor-trail" } })).toBeNull();
    expect(await refused(auditor, "StopLogging", { Name: "api-trail-2" })).toMatchObject({ code: "Forbidden.RAM" });
    const audit = await prisma.event.findFirstOrThrow({ where: { accessKeyId: auditor.accessKeyId, eventName: "CreateTrail" } });
    expect(audit).toMatchObject({ errorCode: "Forbidden.RAM", eventRW: "Write", eventType: "ApiCall" });
  });

  it("creates, reads, lists and deletes delivery history jobs", async () => {
    const { JobId } = await ok(admin, "CreateDeliveryHistoryJob", { TrailName: "api-trail-2" });
    expect(Number.isInteger(JobId)).toBe(true);
    expect(await refused(admin, "CreateDeliveryHistoryJob", { TrailName: "api-trail-3" })).toMatchObject({ code: "DeliveryHistoryJobRunningException" });
    expect(await refused(admin, "CreateDeliveryHistoryJob", { TrailName: "no-such-trail" })).toMatchObject({ code: "TrailNotFoundException" });
    const job = await ok(auditor, "GetDeliveryHistoryJob", { JobId: String(JobId) });
    expect(job).toMatchObject({ JobId, TrailName: "api-trail-2", HomeRegion: expect.any(String), Status: [{ Status: job.JobStatus }] });
    expect([0, 1]).toContain(job.JobStatus);
    expect(await refused(admin, "DeleteDeliveryHistoryJob", { JobId: String(JobId) })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("running") });
    await prisma.deliveryHistoryJob.update({ where: { id: JobId }, data: { status: "Finished", finishedAt: new Date() } });
    expect((await ok(auditor, "GetDeliveryHistoryJob", { JobId: String(JobId) })).JobStatus).toBe(2);
    const { JobId: second } = await ok(admin, "CreateDeliveryHistoryJob", { TrailName: "api-trail-3" });
    const page1 = await ok(auditor, "ListDeliveryHistoryJobs", { PageSize: "1" });
    expect(page1).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 1 });
    expect(page1.DeliveryHistoryJobs.map((j: { JobId: number }) => j.JobId)).toEqual([second]);
    const page2 = await ok(auditor, "ListDeliveryHistoryJobs", { PageSize: "1", PageNumber: "2" });
    expect(page2.DeliveryHistoryJobs.map((j: { JobId: number }) => j.JobId)).toEqual([JobId]);
    expect(await refused(auditor, "ListDeliveryHistoryJobs", { PageSize: "101" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("PageSize") });
    await ok(admin, "DeleteDeliveryHistoryJob", { JobId: String(JobId) });
    expect(await refused(auditor, "GetDeliveryHistoryJob", { JobId: String(JobId) })).toMatchObject({ status: 404, code: "DeliveryHistoryJobNotFoundException" });
    expect(await refused(auditor, "GetDeliveryHistoryJob", { JobId: "abc" })).toMatchObject({ code: "InvalidParameter" });
  });

  it("GetEventsCount counts what LookupEvents would page through; Direction=FORWARD pages oldest first", async () => {
    const user = `count-${store}`;
    const now = Date.now();
    const events = Array.from({ length: 7 }, (_, i) =>
      makeEvent({ eventTime: new Date(now - 3_600_000 + i * 60_000).toISOString(), userIdentity: { type: "ram-user", userName: user, principalId: "1", accountId: "1" } }),
    );
    const r = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
    expect(r.failed).toEqual([]);
    const attrs = { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user };
    expect((await ok(auditor, "GetEventsCount", attrs)).EventsCount).toBe(7);
    expect((await ok(auditor, "GetEventsCount", { ...attrs, StartTime: new Date(now - 3_600_000 + 3 * 60_000).toISOString() })).EventsCount).toBe(4);

    const forward: string[] = [];
    let token: string | undefined;
    do {
      const page = await ok(auditor, "LookupEvents", { ...attrs, Direction: "FORWARD", MaxResults: "3", ...(token ? { NextToken: token } : {}) });
      forward.push(...page.Events.map((e: { eventId: string }) => e.eventId));
      token = page.NextToken;
    } while (token);
    expect(forward).toEqual(events.map((e) => e.eventId));

    const backward = await ok(auditor, "LookupEvents", { ...attrs, MaxResults: "3" });
    expect(backward.Events.map((e: { eventId: string }) => e.eventId)).toEqual(events.slice(-3).reverse().map((e) => e.eventId));
    // A token of one direction does not continue the other.
    expect(await refused(auditor, "LookupEvents", { ...attrs, Direction: "FORWARD", MaxResults: "3", NextToken: backward.NextToken })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("NextToken") });
    expect(await refused(auditor, "LookupEvents", { ...attrs, Direction: "SIDEWAYS" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("Direction") });
  });

  it("LookupEvents with TrailName reads the log store past the query store's retention, one NextToken across both", async () => {
    const user = `aged-${store}`;
    const now = Date.now();
    const DAY = 86_400_000;
    const at = (days: number) => makeEvent({ eventTime: new Date(now - days * DAY).toISOString().replace(/\.\d{3}Z$/, "Z"), userIdentity: { type: "ram-user", userName: user, principalId: "2", accountId: "1" } });
    const recent = [1, 10, 50, 80].map(at);
    const aged = [100, 120, 150].map(at);
    expect((await ingestEvents(recent.map((e) => ({ value: e, raw: JSON.stringify(e) })))).failed).toEqual([]);
    const actor = { username: "setup", kind: "cli" } as const;
    await createTrail({ name: "aged-archive", homeRegion: "cn-qingdao", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor });
    await createTrail({ name: "no-store-trail", homeRegion: "cn-qingdao", eventRW: "All", trailRegion: "All", ossBucketName: "api-bucket" }, { actor });
    // The log store holds the aged events and, as delivery leaves them, copies of two recent ones.
    await prisma.logStoreEvent.createMany({
      data: [...aged, recent[1], recent[2], at(200)].map((e) => ({
        logStore: "actiontrail_aged-archive", eventId: String(e.eventId), eventTime: new Date(String(e.eventTime)).toISOString(), queryRegion: "cn-hangzhou", raw: JSON.stringify(e),
      })),
    });
    const attrs = { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user, StartTime: new Date(now - 170 * DAY).toISOString(), TrailName: "aged-archive" };
    const walk = async (extra: Record<string, string>) => {
      const pages: string[][] = [];
      let token: string | undefined;
      do {
        const page = await ok(auditor, "LookupEvents", { ...attrs, ...extra, ...(token ? { NextToken: token } : {}) });
        pages.push(page.Events.map((e: { eventId: string }) => e.eventId));
        token = page.NextToken;
      } while (token && pages.length < 20);
      return pages;
    };
    const ids = (list: Record<string, unknown>[]) => list.map((e) => String(e.eventId));
    const newestFirst = [...ids(recent), ...ids(aged)];
    // Newest first: the query store's part, then the log store's; the recent copies in the log store are not listed again.
    expect(await walk({ MaxResults: "2" })).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4, 6), newestFirst.slice(6)]);
    expect((await walk({ MaxResults: "3" })).flat()).toEqual(newestFirst);
    expect((await walk({ MaxResults: "50" }))).toEqual([newestFirst]);
    // Oldest first: the log store's part, then the query store's.
    expect((await walk({ MaxResults: "3", Direction: "FORWARD" })).flat()).toEqual([...newestFirst].reverse());
    // A window wholly in the log store's part, and one wholly in the query store's.
    expect((await walk({ EndTime: new Date(now - 110 * DAY).toISOString() })).flat()).toEqual(ids(aged).slice(1));
    expect((await walk({ StartTime: new Date(now - 60 * DAY).toISOString() })).flat()).toEqual(ids(recent).slice(0, 3));

    // Without TrailName the window stays within the query store's retention, and says how to go further.
    const { TrailName: _omit, ...withoutTrail } = attrs;
    void _omit;
    expect(await refused(auditor, "LookupEvents", withoutTrail)).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("TrailName") });
    expect(await refused(auditor, "LookupEvents", { ...attrs, TrailName: "no-such-trail" })).toMatchObject({ status: 404, code: "TrailNotFoundException" });
    expect(await refused(auditor, "LookupEvents", { ...attrs, TrailName: "no-store-trail" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("no log store") });
    expect(await refused(auditor, "LookupEvents", { ...attrs, StartTime: new Date(now - 200 * DAY).toISOString() })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("180 days") });
    // A token of the two-store walk does not continue a query-store lookup, nor the other way round.
    const first = await ok(auditor, "LookupEvents", { ...attrs, MaxResults: "2" });
    expect(await refused(auditor, "LookupEvents", { ...withoutTrail, StartTime: attrs.StartTime, NextToken: first.NextToken })).toMatchObject({ code: "InvalidParameter" });
    const recentOnly = { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user, MaxResults: "1", StartTime: new Date(now - 85 * DAY).toISOString() };
    const plain = await ok(auditor, "LookupEvents", recentOnly);
    expect(plain.NextToken).toEqual(expect.any(String));
    expect(await refused(auditor, "LookupEvents", { ...recentOnly, TrailName: "aged-archive", NextToken: plain.NextToken })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("NextToken") });
  });

  it("LookupEvents takes every documented LookupAttribute key, RoleName included", async () => {
    const role = `ops-role-${store}`;
    const assumed = makeEvent({ userIdentity: { type: "assumed-role", principalId: "3:s", userName: `${role}/s`, sessionContext: { sessionIssuer: { type: "role", userName: role } } } });
    const other = makeEvent({ userIdentity: { type: "ram-user", userName: role } });
    expect((await ingestEvents([assumed, other].map((e) => ({ value: e, raw: JSON.stringify(e) })))).failed).toEqual([]);
    const page = await ok(auditor, "LookupEvents", { "LookupAttribute.1.Key": "RoleName", "LookupAttribute.1.Value": role });
    expect(page.Events.map((e: { eventId: string }) => e.eventId)).toEqual([assumed.eventId]);
    for (const key of ["ServiceName", "EventName", "User", "EventId", "ResourceType", "ResourceName", "EventRW", "EventAccessKeyId", "SensitiveAction", "SourceIpAddress", "EventType", "RoleName"]) {
      const value = key === "EventRW" ? "Read" : key === "SensitiveAction" ? "true" : key === "EventType" ? "ConsoleSignout" : "x";
      await ok(auditor, "LookupEvents", { "LookupAttribute.1.Key": key, "LookupAttribute.1.Value": value });
    }
    expect(await refused(auditor, "LookupEvents", { "LookupAttribute.1.Key": "Role", "LookupAttribute.1.Value": role })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("RoleName") });
  });

  it("answers Format=XML with the action's root element, errors included", async () => {
    const r = await call(auditor, "DescribeTrails", { Format: "XML", NameList: "api-trail-2" });
    expect(r).toMatchObject({ status: 200, xml: true, root: "DescribeTrailsResponse" });
    const xml = toXml(r.root, r.body);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><DescribeTrailsResponse><RequestId>[0-9A-F-]{36}<\/RequestId><TrailList><Name>api-trail-2<\/Name>/);
    const e = await call(auditor, "DeleteTrail", { Format: "XML", Name: "api-trail-2" });
    expect(e).toMatchObject({ status: 403, xml: true, root: "Error" });
    expect(toXml(e.root, e.body)).toContain("<Code>Forbidden.RAM</Code>");
  });
});
