// The catalogue and the remaining service operations of the compatible API on every store, through
// handleOpenApi with signed requests: DescribeSupportedServices, ListEventNames (paging), ListProductResourceType,
// DescribeResourceLifeCycleEvents (the model's tree and the ResourceId extension), DescribeTrailDeliveryMetricData,
// CheckOssConfig against a local bucket, s3rver and an unreachable endpoint, ListServiceTrail,
// CreateServiceLinkedRole and OpenService; errors, Format=XML and role refusal (docs/actiontrail-catalogue.md).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { sealSecret, resetServerKeyCache } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { localBucketDir } from "@/lib/delivery/object-store";
import { ingestEvents } from "@/lib/events/ingest";
import type { OpenApiResponse } from "@/lib/openapi/handle";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { CATALOGUE_ACTIONS } from "@/lib/openapi/actions/catalogue";
import { EXAMPLE_TRAIL } from "@/lib/openapi/actions/define";
import { SERVICE_ACTIONS } from "@/lib/openapi/actions/service";
import { TRAIL_ACTIONS } from "@/lib/openapi/actions/trails";
import { toXml } from "@/lib/openapi/xml";
import { createBucket } from "@/lib/trails/buckets";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";
import { signedParams, type SigningKey } from "../helpers/openapi";
import { freePort, S3rver, S3RVER_KEY, type S3rverInstance } from "../helpers/s3rver";
import { callAndAudit } from "../helpers/openapi-call";

async function call(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<OpenApiResponse> {
  return callAndAudit({ method: "POST", params: signedParams("POST", key, action, params), ip: "198.51.100.9", userAgent: "vitest-sdk" });
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

async function ingest(events: Record<string, unknown>[]) {
  const r = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
  expect(r.failed).toEqual([]);
}

describe.each(STORES)("catalogue and service actions on %s", (store) => {
  let admin: SigningKey;
  let auditor: SigningKey;
  let server: S3rverInstance | undefined;
  let s3Dir = "";
  let port = 0;
  const resource = `i-bp1lifecycle${store}`;

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), `catalogue-${store}-`));
    resetServerKeyCache();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "cat-admin", password: "cat-admin-password", role: "admin" });
    await createUser({ username: "cat-auditor", password: "cat-auditor-password", role: "auditor" });
    admin = await createAccessKey({ username: "cat-admin" });
    auditor = await createAccessKey({ username: "cat-auditor" });
    const setup = { actor: { username: "setup", kind: "cli" as const } };
    await createBucket({ name: "cat-local" }, setup);

    port = await freePort();
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-s3rver-cat-"));
    server = new S3rver({ address: "127.0.0.1", port, directory: s3Dir, silent: true });
    await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY } });
    await client.send(new CreateBucketCommand({ Bucket: "cat-s3" }));
    client.destroy();
    await prisma.bucket.create({ data: { name: "cat-s3", kind: "s3", endpoint, region: "us-east-1", accessKeyId: S3RVER_KEY, secretEncrypted: sealSecret(S3RVER_KEY), forcePathStyle: true } });
    // Nothing listens on this port: the endpoint is unreachable.
    const deadPort = await freePort();
    await prisma.bucket.create({ data: { name: "cat-dead", kind: "s3", endpoint: `http://127.0.0.1:${deadPort}`, region: "us-east-1", accessKeyId: S3RVER_KEY, secretEncrypted: sealSecret(S3RVER_KEY), forcePathStyle: true } });

    const t = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const onResource = { requestParameters: { InstanceId: resource }, referencedResources: { "ACS::ECS::Instance": [resource] } };
    await ingest([
      makeEvent({ eventName: "RunInstances", eventTime: t(30), ...onResource }),
      makeEvent({ eventName: "DescribeInstanceAttribute", eventRW: "Read", eventTime: t(20), ...onResource }),
      makeEvent({ eventName: "StopInstance", eventTime: t(10), ...onResource }),
      // Names and types no catalogue knows, seen only in events.
      makeEvent({ eventName: "FrobnicateInstance", eventTime: t(5), referencedResources: { "ACS::ECS::Widget": ["w-1"] } }),
      makeEvent({ serviceName: "MyInHouseApp", eventSource: "app.example.com", eventName: "ShipOrder", eventTime: t(5), referencedResources: {} }),
    ]);
  });
  afterAll(async () => {
    delete process.env.TRAILKEEPER_API_RATE;
    await server?.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
  });

  it("DescribeSupportedServices: the Introduction's list, the catalogue and the services events show", async () => {
    const { Services } = await ok(auditor, "DescribeSupportedServices");
    const by = (code: string) => Services.find((s: any) => s.ServiceCode === code);
    expect(by("Ecs")).toEqual({ ServiceCode: "Ecs", ServiceName: "Elastic Compute Service", Category: "Elastic computing", Source: "supported-list" });
    expect(by("Actiontrail")).toMatchObject({ Source: "supported-list", Category: "Management and monitoring" });
    expect(by("RealtimeCompute")).toMatchObject({ Source: "catalogue" });
    expect(by("MyInHouseApp")).toMatchObject({ Source: "events" });
    // One entry per code although several products share Vpc.
    expect(Services.filter((s: any) => s.ServiceCode === "Vpc")).toHaveLength(1);
  });

  it("ListEventNames pages through the catalogue's names and those events show, with their meaning", async () => {
    const seen: any[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ok(auditor, "ListEventNames", { ServiceName: "ecs", MaxResults: "7", ...(token ? { NextToken: token } : {}) });
      expect(page.MaxResults).toBe(7);
      expect(page.EventNames.length).toBeLessThanOrEqual(7);
      seen.push(...page.EventNames);
      token = page.NextToken;
      pages++;
    } while (token && pages < 100);
    const names = seen.map((e) => e.EventName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("FrobnicateInstance");
    expect(pages).toBe(Math.ceil(names.length / 7));
    expect(seen.find((e) => e.EventName === "RunInstances")).toEqual({
      EventName: "RunInstances",
      ServiceName: "Ecs",
      EventRW: "Write",
      Description: "Creates one or more ECS instances and starts them.",
    });
    expect(seen.find((e) => e.EventName === "FrobnicateInstance")).toMatchObject({ ServiceName: "Ecs", Description: "" });
    // A service only events know.
    expect((await ok(auditor, "ListEventNames", { ServiceName: "MyInHouseApp" })).EventNames.map((e: any) => e.EventName)).toEqual(["ShipOrder"]);

    const first = await ok(auditor, "ListEventNames", { ServiceName: "Ecs", MaxResults: "2" });
    expect(await refused(auditor, "ListEventNames", { ServiceName: "Ram", NextToken: first.NextToken })).toMatchObject({ status: 400, code: "InvalidParameter", message: expect.stringContaining("NextToken") });
    expect(await refused(auditor, "ListEventNames", { ServiceName: "Ecs", NextToken: "garbage" })).toMatchObject({ code: "InvalidParameter" });
    expect(await refused(auditor, "ListEventNames", {})).toMatchObject({ status: 400, code: "MissingParameter", message: expect.stringContaining("ServiceName") });
    expect(await refused(auditor, "ListEventNames", { ServiceName: "Ecs' OR 1=1" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("ServiceName") });
    expect(await refused(auditor, "ListEventNames", { ServiceName: "Ecs", MaxResults: "0" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("MaxResults") });
    expect(await refused(auditor, "ListEventNames", { ServiceName: "Ecs", MaxResults: "101" })).toMatchObject({ code: "InvalidParameter" });
  });

  it("ListProductResourceType: the catalogue's types of a service and those events show", async () => {
    const { ResourceTypes } = await ok(auditor, "ListProductResourceType", { ServiceName: "Ecs" });
    const types = ResourceTypes.map((r: any) => r.ResourceType);
    expect(types).toEqual(expect.arrayContaining(["ACS::ECS::Instance", "ACS::ECS::Disk", "ACS::ECS::Widget"]));
    expect(ResourceTypes.every((r: any) => r.ServiceName === "Ecs")).toBe(true);
    const all = (await ok(auditor, "ListProductResourceType")).ResourceTypes;
    expect(all).toEqual(expect.arrayContaining([{ ServiceName: "Ram", ResourceType: "ACS::RAM::User" }, { ServiceName: "Oss", ResourceType: "ACS::OSS::Bucket" }]));
    expect((await ok(auditor, "ListProductResourceType", { ServiceName: "NoSuchService" })).ResourceTypes).toEqual([]);
  });

  it("DescribeResourceLifeCycleEvents: the model's tree as a JSON string, and a resource's lifecycle events", async () => {
    const body = await ok(auditor, "DescribeResourceLifeCycleEvents", { ServiceName: "Ecs", ResourceType: "ACS::ECS::Instance" });
    expect(typeof body.Data).toBe("string");
    const tree = JSON.parse(body.Data);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ value: "Ecs", label: "Elastic Compute Service", labelEn: "Elastic Compute Service" });
    expect(tree[0].children.map((c: any) => c.value)).toEqual(["ACS::ECS::Instance"]);
    const kinds = Object.fromEntries(tree[0].children[0].children.map((k: any) => [k.label, k.value.split(",")]));
    expect(kinds["Create Events"]).toEqual(expect.arrayContaining(["RunInstances", "CreateInstance"]));
    expect(kinds["Delete Events"]).toEqual(expect.arrayContaining(["DeleteInstance", "DeleteInstances"]));
    expect(kinds["Modify Events"]).toEqual(expect.arrayContaining(["StopInstance", "ModifyInstanceAttribute"]));
    expect(kinds["Create Events"]).not.toContain("DescribeInstances");
    expect(body.Events).toBeUndefined();
    // Without filters: every service with lifecycle events.
    expect(JSON.parse((await ok(auditor, "DescribeResourceLifeCycleEvents")).Data).map((s: any) => s.value)).toEqual(expect.arrayContaining(["Ecs", "Ram", "Oss"]));

    const life = await ok(auditor, "DescribeResourceLifeCycleEvents", { ResourceType: "ACS::ECS::Instance", ResourceId: resource });
    expect(life.Events.map((e: any) => [e.EventName, e.LifeCycle])).toEqual([["StopInstance", "modify"], ["RunInstances", "create"]]);
    expect(life.Events[1].Event).toMatchObject({ eventName: "RunInstances", referencedResources: { "ACS::ECS::Instance": [resource] } });
    expect(life.Truncated).toBe(false);
    const windowed = await ok(auditor, "DescribeResourceLifeCycleEvents", {
      ResourceType: "ACS::ECS::Instance",
      ResourceId: resource,
      StartTime: new Date(Date.now() - 15 * 60_000).toISOString(),
    });
    expect(windowed.Events.map((e: any) => e.EventName)).toEqual(["StopInstance"]);

    expect(await refused(auditor, "DescribeResourceLifeCycleEvents", { ResourceId: resource })).toMatchObject({ code: "MissingParameter", message: expect.stringContaining("ResourceType") });
    expect(await refused(auditor, "DescribeResourceLifeCycleEvents", { ResourceType: "ECS Instance" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("ResourceType") });
    expect(await refused(auditor, "DescribeResourceLifeCycleEvents", { ResourceType: "ACS::ECS::Instance", ResourceId: resource, StartTime: "yesterday" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("StartTime") });
  });

  it("DescribeTrailDeliveryMetricData: delivered events and failed attempts per period, zero where nothing happened", async () => {
    await ok(admin, "CreateTrail", { Name: "cat-metrics-trail", SlsProjectArn: "acs:log:cn-hangzhou:0:project/trailkeeper", OssBucketName: "cat-local" });
    const at = (iso: string) => new Date(iso);
    const row = { trailName: "cat-metrics-trail", location: "x", firstEventPk: 1, lastEventPk: 2 };
    await prisma.delivery.createMany({
      data: [
        { ...row, destination: "logstore", eventCount: 5, deliveredAt: at("2026-11-01T00:10:00Z") },
        { ...row, destination: "logstore", eventCount: 7, deliveredAt: at("2026-11-01T00:50:00Z") },
        { ...row, destination: "logstore", eventCount: 3, deliveredAt: at("2026-11-01T02:00:00Z") },
        { ...row, destination: "oss", eventCount: 11, deliveredAt: at("2026-11-01T00:20:00Z") },
        // Outside the window.
        { ...row, destination: "logstore", eventCount: 99, deliveredAt: at("2026-11-01T03:00:00Z") },
      ],
    });
    await prisma.deliveryFailure.createMany({
      data: [
        { trailName: "cat-metrics-trail", destination: "oss", failedAt: at("2026-11-01T01:05:00Z") },
        { trailName: "cat-metrics-trail", destination: "oss", failedAt: at("2026-11-01T01:06:00Z") },
      ],
    });
    const window = { TrailName: "cat-metrics-trail", Period: "3600", StartTime: "2026-11-01T00:00:00Z", EndTime: "2026-11-01T03:00:00Z" };
    const h = (n: number) => Date.parse("2026-11-01T00:00:00Z") + n * 3_600_000;
    expect((await ok(auditor, "DescribeTrailDeliveryMetricData", { ...window, MetricName: "delivery_sls_success_count" })).MetricList).toEqual([
      { Count: 12, Timestamp: h(0) },
      { Count: 0, Timestamp: h(1) },
      { Count: 3, Timestamp: h(2) },
    ]);
    expect((await ok(auditor, "DescribeTrailDeliveryMetricData", { ...window, MetricName: "delivery_oss_success_count" })).MetricList.map((p: any) => p.Count)).toEqual([11, 0, 0]);
    expect((await ok(auditor, "DescribeTrailDeliveryMetricData", { ...window, MetricName: "delivery_oss_fail_count" })).MetricList.map((p: any) => p.Count)).toEqual([0, 2, 0]);
    expect((await ok(auditor, "DescribeTrailDeliveryMetricData", { ...window, MetricName: "delivery_sls_fail_count", Period: "900" })).MetricList).toHaveLength(12);

    const m = { ...window, MetricName: "delivery_sls_success_count" };
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, TrailName: "no-such-trail" })).toMatchObject({ status: 404, code: "TrailNotFoundException" });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, MetricName: "delivery_count" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("MetricName") });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, Period: "90" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("multiple of 60") });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, Period: "" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("Period") });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, StartTime: "2026-11-01T04:00:00Z" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("StartTime") });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, Period: "60", StartTime: "2026-10-01T00:00:00Z", EndTime: "2026-10-30T00:00:00Z" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("Period") });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { ...m, StartTime: "2026-09-01T00:00:00Z", EndTime: "2026-11-01T00:00:00Z" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("31 days") });
    expect(await refused(auditor, "DescribeTrailDeliveryMetricData", { TrailName: "cat-metrics-trail", MetricName: "delivery_sls_success_count", Period: "60" })).toMatchObject({ code: "MissingParameter", message: expect.stringContaining("StartTime") });
  });

  it("the delivery worker records each failed attempt, which the fail metric counts", async () => {
    await ok(admin, "CreateTrail", { Name: "cat-dead-trail", OssBucketName: "cat-dead" });
    await ok(admin, "StartLogging", { Name: "cat-dead-trail" });
    const start = new Date(Date.now() - 60_000);
    await ingest([makeEvent()]);
    await new DeliveryEngine().step();
    expect(await prisma.deliveryFailure.count({ where: { trailName: "cat-dead-trail", destination: "oss" } })).toBe(1);
    const end = new Date(Date.now() + 60_000);
    const { MetricList } = await ok(auditor, "DescribeTrailDeliveryMetricData", {
      TrailName: "cat-dead-trail", MetricName: "delivery_oss_fail_count", Period: "600", StartTime: start.toISOString(), EndTime: end.toISOString(),
    });
    expect(MetricList.reduce((n: number, p: any) => n + p.Count, 0)).toBe(1);
    await ok(admin, "DeleteTrail", { Name: "cat-dead-trail" });
  });

  it("CheckOssConfig writes and deletes a probe in a local bucket and on S3, and says what failed on an unreachable one", async () => {
    const local = await ok(admin, "CheckOssConfig", { OssBucketName: "cat-local", OssKeyPrefix: "audit" });
    expect(local).toMatchObject({ OssBucketName: "cat-local", BucketExists: true, BucketKind: "local", IsReachable: true, IsWritable: true, IsDeletable: true, Passed: true });
    expect(local.Checks).toEqual([
      { Check: "Reachable", Passed: true, Message: "ok" },
      { Check: "Write", Passed: true, Message: "ok" },
      { Check: "Delete", Passed: true, Message: "ok" },
    ]);
    // The probe is gone (the bucket holds only what trails delivered to it).
    const files = fs.readdirSync(localBucketDir("cat-local"), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.filter((f) => !f.parentPath.includes("AliyunLogs"))).toEqual([]);

    const s3 = await ok(admin, "CheckOssConfig", { OssBucketName: "cat-s3" });
    expect(s3).toMatchObject({ BucketKind: "s3", IsReachable: true, IsWritable: true, IsDeletable: true, Passed: true });
    const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY } });
    expect((await client.send(new ListObjectsV2Command({ Bucket: "cat-s3" }))).KeyCount ?? 0).toBe(0);
    client.destroy();

    const dead = await ok(admin, "CheckOssConfig", { OssBucketName: "cat-dead" });
    expect(dead).toMatchObject({ BucketExists: true, IsReachable: false, IsWritable: false, IsDeletable: false, Passed: false });
    expect(dead.Checks[0]).toMatchObject({ Check: "Reachable", Passed: false, Message: expect.stringMatching(/refused|unreachable|timed out|connect/i) });
    expect(dead.Checks[1]).toEqual({ Check: "Write", Passed: false, Message: "Not tried: the Reachable check failed." });

    const unknown = await ok(admin, "CheckOssConfig", { OssBucketName: "no-such-bucket" });
    expect(unknown).toMatchObject({ BucketExists: false, Passed: false, Checks: [expect.objectContaining({ Message: expect.stringContaining("no-such-bucket") }), expect.anything(), expect.anything()] });

    expect(await refused(auditor, "CheckOssConfig", { OssBucketName: "cat-local" })).toMatchObject({ status: 403, code: "Forbidden.RAM" });
    expect(await refused(admin, "CheckOssConfig", {})).toMatchObject({ code: "MissingParameter", message: expect.stringContaining("OssBucketName") });
    expect(await refused(admin, "CheckOssConfig", { OssBucketName: "x".repeat(256) })).toMatchObject({ code: "InvalidParameter" });
    // Recorded under ActionTrail's own event name, as a Write.
    expect(await prisma.event.count({ where: { eventName: "CheckOssConfig", eventRW: "Write", userName: "cat-admin", errorCode: null } })).toBe(4);
  });

  it("ListServiceTrail answers the empty list with its paging fields", async () => {
    expect(await ok(auditor, "ListServiceTrail")).toMatchObject({ Trails: [], MaxResults: 20, TotalCount: 0 });
    const body = await ok(auditor, "ListServiceTrail", { MaxResults: "5" });
    expect(body).toMatchObject({ Trails: [], MaxResults: 5 });
    expect(body.NextToken).toBeUndefined();
    expect(await refused(auditor, "ListServiceTrail", { NextToken: "abc" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("NextToken") });
    expect(await refused(auditor, "ListServiceTrail", { MaxResults: "500" })).toMatchObject({ code: "InvalidParameter" });
  });

  it("CreateServiceLinkedRole and OpenService succeed without effect, for any role, and are recorded", async () => {
    const before = await prisma.trail.count();
    expect(await ok(auditor, "CreateServiceLinkedRole", { ServiceName: "actiontrail.aliyuncs.com" })).toEqual({ RequestId: expect.any(String) });
    expect(await ok(auditor, "OpenService")).toEqual({ RequestId: expect.any(String), OrderId: "" });
    expect(await ok(admin, "OpenService")).toMatchObject({ OrderId: "" });
    expect(await prisma.trail.count()).toBe(before);
    expect(await prisma.event.count({ where: { eventName: "OpenService", eventRW: "Write" } })).toBe(2);
    expect(await prisma.event.count({ where: { eventName: "CreateServiceLinkedRole", userName: "cat-auditor" } })).toBe(1);
  });

  it("runs the reference example of each of these actions as written", async () => {
    await ok(admin, "CreateTrail", { ...TRAIL_ACTIONS.CreateTrail.example.params });
    for (const [action, def] of Object.entries({ ...CATALOGUE_ACTIONS, ...SERVICE_ACTIONS })) {
      const r = await call(admin, action, def.example.params);
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    await ok(admin, "DeleteTrail", { Name: EXAMPLE_TRAIL });
  });

  it("answers Format=XML", async () => {
    const r = await call(auditor, "ListEventNames", { Format: "XML", ServiceName: "Sts" });
    expect(r).toMatchObject({ status: 200, xml: true, root: "ListEventNamesResponse" });
    const xml = toXml(r.root, r.body);
    expect(xml).toContain("<EventNames><EventName>AssumeRole</EventName><ServiceName>Sts</ServiceName><EventRW>Write</EventRW>");
    const life = await call(auditor, "DescribeResourceLifeCycleEvents", { Format: "XML", ResourceType: "ACS::ECS::Instance", ResourceId: resource });
    expect(toXml(life.root, life.body)).toContain("<LifeCycle>create</LifeCycle>");
    const check = await call(admin, "CheckOssConfig", { Format: "XML", OssBucketName: "cat-local" });
    expect(toXml(check.root, check.body)).toContain("<Checks><Check>Reachable</Check><Passed>true</Passed>");
  });
});
