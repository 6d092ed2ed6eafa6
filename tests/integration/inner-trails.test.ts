// The inner trail (docs/inner-trail.md) on both stores: the six API operations with their errors, XML and
// role refusal; outside the 5-trails quota; it delivers Trailkeeper's own records (origin self: console,
// CLI, API) and never an ingested event to innertrail_<name>, which the events page reads as a log store
// and the verifier checks against its digests; Start/Stop; delete; the CLI.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { parseEventSearch } from "@/lib/events/filters";
import { ingestEvents } from "@/lib/events/ingest";
import { findEventPage, listLogStores } from "@/lib/events/query";
import { DigestEngine } from "@/lib/integrity/digests";
import { verifyTrail } from "@/lib/integrity/verify-trail";
import type { OpenApiResponse } from "@/lib/openapi/handle";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { toXml } from "@/lib/openapi/xml";
import { createTrail, setLegalHold } from "@/lib/trails/trails";
import { createUser } from "@/lib/users/users";
import { runCli } from "../helpers/cli";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";
import { signedParams, type SigningKey } from "../helpers/openapi";
import { useTempDataDir } from "./delivery-helpers";
import { callAndAudit } from "../helpers/openapi-call";

const INNER = "operator-access";
const LOG_STORE = `innertrail_${INNER}`;
const CLI: Actor = { username: "root", kind: "cli" };
const CONSOLE: Actor = { username: "api-admin", kind: "console-user", ip: "198.51.100.20", userAgent: "vitest-browser" };
const TOKEN_ORIGIN = { kind: "token" as const, tokenId: "itk_tenant", tokenLabel: "tenant-forwarder" };

async function call(key: SigningKey, action: string, params: Record<string, string> = {}): Promise<OpenApiResponse> {
  return callAndAudit({ method: "POST", params: signedParams("POST", key, action, params), ip: "198.51.100.7", userAgent: "vitest-sdk" });
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

/** Tenant events as an ingest token sends them, one of them posing as an API call record of ActionTrail's. */
async function ingestTenantEvents(n: number): Promise<string[]> {
  const events = Array.from({ length: n }, (_, i) => makeEvent(i === 0 ? { eventSource: "actiontrail.aliyuncs.com", serviceName: "Actiontrail", eventName: "CreateTrail" } : {}));
  const r = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })), { origin: TOKEN_ORIGIN });
  expect(r.failed).toEqual([]);
  return events.map((e) => String(e.eventId));
}

async function innerRows() {
  return prisma.logStoreEvent.findMany({ where: { logStore: LOG_STORE }, orderBy: { id: "asc" }, select: { eventId: true, origin: true, originChannel: true } });
}

describe.each(STORES)("the inner trail on %s", (store) => {
  let admin: SigningKey;
  let auditor: SigningKey;
  let dataDir: string;
  const url = onFreshStore(store);
  const delivery = new DeliveryEngine();

  beforeAll(async () => {
    dataDir = useTempDataDir();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "api-admin", password: "api-admin-password", role: "admin" });
    await createUser({ username: "api-auditor", password: "api-auditor-password", role: "auditor" });
    admin = await createAccessKey({ username: "api-admin" });
    auditor = await createAccessKey({ username: "api-auditor" });
    // A tenant trail: it delivers what tokens send, and its name is taken.
    await createTrail({ name: "tenant-trail", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: CLI, startLogging: true });
  });
  afterAll(() => {
    delete process.env.TRAILKEEPER_API_RATE;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("CreateInnerTrail and DescribeInnerTrails with their fields; one per installation; names and ARNs checked", async () => {
    expect(await refused(admin, "CreateInnerTrail", {})).toMatchObject({ status: 400, code: "MissingParameter", message: expect.stringContaining("Name") });
    expect(await refused(admin, "CreateInnerTrail", { Name: "1bad" })).toMatchObject({ status: 400, code: "InvalidParameter", message: expect.stringContaining("Name must start with a letter") });
    expect(await refused(admin, "CreateInnerTrail", { Name: INNER, SlsProjectArn: "" })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("SlsProjectArn") });
    expect(await refused(admin, "CreateInnerTrail", { Name: "tenant-trail" })).toMatchObject({ status: 400, code: "TrailExistedException" });
    expect(await ok(auditor, "DescribeInnerTrails")).toMatchObject({ TrailList: [] });

    const created = await ok(admin, "CreateInnerTrail", { Name: INNER, SlsProjectArn: "acs:log:cn-hangzhou:123:project/anything", SlsWriteRoleArn: "acs:ram::123:role/x" });
    expect(created).toMatchObject({ Name: INNER, HomeRegion: "cn-hangzhou", LogStoreName: LOG_STORE, SlsWriteRoleArn: "", SlsProjectArn: expect.stringMatching(/^acs:log:cn-hangzhou:\d+:project\//) });
    const second = await refused(admin, "CreateInnerTrail", { Name: "another-inner" });
    expect(second).toMatchObject({ status: 400, code: "InsufficientTrailQuotaException", message: expect.stringContaining(`the inner trail ${INNER} already exists`) });

    const [entry] = (await ok(auditor, "DescribeInnerTrails", { RegionId: "eu-central-1" })).TrailList;
    expect(entry).toMatchObject({ Name: INNER, Status: "Disable", LogStoreName: LOG_STORE, Region: "cn-hangzhou", LogStoreRetentionDays: 180, StartLoggingTime: "" });
    expect(entry.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(entry.TrailArn).toMatch(new RegExp(`^acs:actiontrail:cn-hangzhou:\\d+:innertrail/${INNER}$`));
    expect((await ok(auditor, "DescribeInnerTrails", { NameList: "someone-else" })).TrailList).toEqual([]);

    // Not a trail to the trail operations, and not one of the five.
    expect((await ok(auditor, "DescribeTrails")).TrailList.map((t: { Name: string }) => t.Name)).toEqual(["tenant-trail"]);
    expect(await refused(admin, "UpdateTrail", { Name: INNER, EventRW: "Read" })).toMatchObject({ status: 404, code: "TrailNotFoundException" });
    expect(await refused(admin, "DeleteTrail", { Name: INNER })).toMatchObject({ code: "TrailNotFoundException" });
    expect(await refused(admin, "StartLogging", { Name: INNER })).toMatchObject({ code: "TrailNotFoundException" });
    for (const n of ["tenant-trail-2", "tenant-trail-3", "tenant-trail-4", "tenant-trail-5"]) await ok(admin, "CreateTrail", { Name: n, SlsProjectArn: "acs:log:cn-hangzhou:1:project/audit", RegionId: "cn-hangzhou" });
    expect(await refused(admin, "CreateTrail", { Name: "tenant-trail-6", SlsProjectArn: "acs:log:cn-hangzhou:1:project/audit", RegionId: "cn-hangzhou" })).toMatchObject({ code: "InsufficientTrailQuotaException" });
    for (const n of ["tenant-trail-2", "tenant-trail-3", "tenant-trail-4", "tenant-trail-5"]) await ok(admin, "DeleteTrail", { Name: n });

    // Audited like trail changes, as the API's own records.
    const audit = await prisma.event.findFirst({ where: { eventName: "CreateInnerTrail", errorCode: null }, select: { origin: true, originChannel: true, userName: true, raw: true } });
    expect(audit).toMatchObject({ origin: "self", originChannel: "api", userName: "api-admin" });
    expect(JSON.parse(audit!.raw).referencedResources).toEqual({ "ACS::ActionTrail::Trail": [INNER] });
  });

  it("UpdateInnerTrail, the errors of a name that is not the inner trail, and Forbidden.RAM for the other roles' writes", async () => {
    expect(await ok(admin, "UpdateInnerTrail", { Name: INNER, SlsProjectArn: "acs:log:cn-hangzhou:123:project/other" })).toMatchObject({ Name: INNER, LogStoreName: LOG_STORE });
    expect(await refused(admin, "UpdateInnerTrail", { Name: INNER, SlsProjectArn: "" })).toMatchObject({ code: "InvalidParameter" });
    for (const action of ["UpdateInnerTrail", "StartInnerTrailLogging", "StopInnerTrailLogging", "DeleteInnerTrail"]) {
      expect(await refused(admin, action, { Name: "tenant-trail" })).toMatchObject({ status: 404, code: "TrailNotFoundException" });
      expect(await refused(admin, action, {})).toMatchObject({ code: "MissingParameter" });
      expect(await refused(auditor, action, { Name: INNER })).toMatchObject({ status: 403, code: "Forbidden.RAM" });
    }
    expect(await refused(auditor, "CreateInnerTrail", { Name: "auditor-inner" })).toMatchObject({ status: 403, code: "Forbidden.RAM" });
    expect(await prisma.event.count({ where: { eventName: "UpdateInnerTrail", errorCode: null } })).toBe(1);
  });

  it("answers Format=XML with the action's root element, errors included", async () => {
    const r = await call(auditor, "DescribeInnerTrails", { Format: "XML" });
    expect(r).toMatchObject({ status: 200, xml: true, root: "DescribeInnerTrailsResponse" });
    expect(toXml(r.root, r.body)).toMatch(new RegExp(`<DescribeInnerTrailsResponse><RequestId>[0-9A-F-]{36}</RequestId><TrailList><Name>${INNER}</Name>`));
    const e = await call(admin, "CreateInnerTrail", { Format: "XML", Name: "another-inner" });
    expect(e).toMatchObject({ status: 400, xml: true, root: "Error" });
    expect(toXml(e.root, e.body)).toContain("<Code>InsufficientTrailQuotaException</Code>");
  });

  it("delivers the console's, CLI's and API's own records after StartInnerTrailLogging to innertrail_<name>, never an ingested event", async () => {
    await delivery.runUntilIdle();
    const before = await ingestTenantEvents(3);
    await ok(admin, "StartInnerTrailLogging", { Name: INNER });
    expect((await ok(auditor, "DescribeInnerTrails")).TrailList[0]).toMatchObject({ Status: "Enable", StartLoggingTime: expect.stringMatching(/Z$/) });
    const tenant = await ingestTenantEvents(4);
    const cliId = await recordAuditEvent({ actor: CLI, eventName: "CreateUser", requestParameters: { UserName: "x" } });
    const consoleId = await recordAuditEvent({ actor: CONSOLE, eventName: "UpdateSensitiveAction", requestParameters: { EventName: "DeleteBucket" } });
    const imported = makeEvent();
    await ingestEvents([{ value: imported, raw: JSON.stringify(imported) }], { origin: { kind: "import" } });
    await ok(auditor, "DescribeInnerTrails"); // a read: its ApiCall record is the API's own
    await delivery.runUntilIdle();

    const rows = await innerRows();
    const ids = rows.map((r) => r.eventId);
    expect(rows.every((r) => r.origin === "self")).toBe(true);
    expect(new Set(rows.map((r) => r.originChannel))).toEqual(new Set(["api", "cli", "console"]));
    expect(ids).toEqual(expect.arrayContaining([cliId, consoleId]));
    for (const id of [...before, ...tenant, String(imported.eventId)]) expect(ids).not.toContain(id);
    const start = await prisma.event.findFirst({ where: { eventName: "StartInnerTrailLogging", errorCode: null }, select: { eventId: true } });
    expect(ids[0]).toBe(start!.eventId);
    // The tenant trail takes the tenant's events as before.
    const tenantRows = await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_tenant-trail", eventId: { in: tenant } } });
    expect(tenantRows).toBe(4);

    // The events page's log store source reads it, and the inner trail's status page shows it.
    const stores = await listLogStores();
    expect(stores.map((s) => s.name)).toContain(LOG_STORE);
    const { filters, problems } = parseEventSearch({ logStore: LOG_STORE, region: "all", range: "1h" }, new Date(), stores);
    expect(problems).toEqual([]);
    const page = await findEventPage(filters);
    expect(page.rows.map((r) => r.eventId)).toEqual(expect.arrayContaining([cliId, consoleId]));
    expect(page.rows.some((r) => tenant.includes(r.eventId))).toBe(false);
  });

  it("signs the inner trail's log store with digests and verifies it as other log stores", async () => {
    const later = new Date(Date.now() + 5_000);
    const digests = new DigestEngine({ now: () => later, intervalMs: 1_000 });
    const step = await digests.step();
    expect(step.failures).toBe(0);
    expect(await prisma.digest.count({ where: { trailName: INNER, destination: "logstore" } })).toBeGreaterThan(0);
    const report = await verifyTrail(INNER, {}, later);
    expect(report.logStore?.problems).toEqual([]);
    expect(report.logStore?.summary).toMatchObject({ logStore: LOG_STORE, rows: (await innerRows()).length, pendingRows: 0 });
    // A row written by anyone but the delivery engine is caught.
    await prisma.logStoreEvent.updateMany({ where: { logStore: LOG_STORE, originChannel: "cli" }, data: { raw: "{}" } });
    expect((await verifyTrail(INNER, {}, later)).logStore?.problems.length).toBeGreaterThan(0);
  });

  it("StopInnerTrailLogging stops delivery; starting again delivers what is recorded from then on", async () => {
    await ok(admin, "StopInnerTrailLogging", { Name: INNER });
    // Stopping twice changes and records nothing.
    await ok(admin, "StopInnerTrailLogging", { Name: INNER });
    expect(await prisma.event.findMany({ where: { eventName: "StopInnerTrailLogging", errorCode: null }, select: { sensitive: true } })).toEqual([{ sensitive: true }]);
    expect(await prisma.event.findFirst({ where: { eventName: "StartInnerTrailLogging", errorCode: null }, select: { sensitive: true } })).toEqual({ sensitive: false });
    const whileStopped = await recordAuditEvent({ actor: CLI, eventName: "CreateUser", requestParameters: { UserName: "stopped" } });
    await delivery.runUntilIdle();
    expect((await innerRows()).map((r) => r.eventId)).not.toContain(whileStopped);
    await ok(admin, "StartInnerTrailLogging", { Name: INNER });
    const afterRestart = await recordAuditEvent({ actor: CLI, eventName: "CreateUser", requestParameters: { UserName: "restarted" } });
    await delivery.runUntilIdle();
    const ids = (await innerRows()).map((r) => r.eventId);
    expect(ids).toContain(afterRestart);
    expect(ids).not.toContain(whileStopped);
  });

  it("DeleteInnerTrail: refused under legal hold, then deleted; its log store rows stay; a new one may be created", async () => {
    await setLegalHold(INNER, true, { actor: CLI });
    expect(await refused(admin, "DeleteInnerTrail", { Name: INNER })).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining("legal hold") });
    await setLegalHold(INNER, false, { actor: CLI });
    const kept = (await innerRows()).length;
    expect(await ok(admin, "DeleteInnerTrail", { Name: INNER })).toEqual({ RequestId: expect.any(String) });
    expect((await ok(auditor, "DescribeInnerTrails")).TrailList).toEqual([]);
    expect(await refused(admin, "DeleteInnerTrail", { Name: INNER })).toMatchObject({ code: "TrailNotFoundException" });
    expect(await prisma.trailDestination.count({ where: { trailName: INNER } })).toBe(0);
    expect((await innerRows()).length).toBe(kept);
    expect(await prisma.event.findMany({ where: { eventName: "DeleteInnerTrail", errorCode: null }, select: { sensitive: true } })).toEqual([{ sensitive: true }]);
  });

  it("the CLI: trail inner create, show, start, update, stop, delete", async () => {
    const run = (args: string[]) => runCli(["trail", "inner", ...args], { databaseUrl: url(), env: { TRAILKEEPER_DATA_DIR: dataDir } });
    const created = await run(["create", "--name", "cli-inner-trail"]);
    expect(created.stdout).toContain("Created inner trail cli-inner-trail (log store innertrail_cli-inner-trail; not logging");
    const again = await run(["create", "--name", "cli-inner-two"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("the inner trail cli-inner-trail already exists");
    expect((await run(["start", "cli-inner-trail"])).stdout).toContain("Inner trail cli-inner-trail is logging");
    const shown = await run(["show"]);
    expect(shown.stdout).toMatch(/log store\s+innertrail_cli-inner-trail \(180 days\)/);
    expect(shown.stdout).toMatch(/logging\s+yes/);
    const lower = await run(["update", "cli-inner-trail", "--retention-days", "90"]);
    expect(lower.code).not.toBe(0);
    expect(lower.stderr).toContain("must be at least 180 days");
    expect((await run(["update", "cli-inner-trail", "--retention-days", "400"])).stdout).toContain("keeps its log store for 400 days");
    expect((await run(["stop", "cli-inner-trail"])).stdout).toContain("stopped logging");
    expect((await run(["delete", "cli-inner-trail"])).stdout).toContain("Deleted inner trail cli-inner-trail");
    expect(await prisma.trail.count({ where: { kind: "inner" } })).toBe(0);
    const usage = await run(["rename"]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('unknown command "trail inner rename"');
    const cliRecord = await prisma.event.findFirst({ where: { eventName: "CreateInnerTrail", originChannel: "cli" }, select: { origin: true } });
    expect(cliRecord).toEqual({ origin: "self" });
  }, 240_000);
});
