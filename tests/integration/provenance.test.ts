// Provenance, forgery and enforced retention (docs/provenance.md) on both stores: the origin each path
// records, the ingestToken/origin filters on the page, the export and LookupEvents, forged self-audit
// events refused per event, old events against the log stores, the 180-day minimum, sensitive lowering
// and the legal hold.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { flushSigninFailures, recordSigninFailure } from "@/lib/auth/signin-failures";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { purgeLogStores } from "@/lib/delivery/log-store";
import { exportStream } from "@/lib/events/export";
import { parseEventSearch } from "@/lib/events/filters";
import { ingestEvents, type IngestResult } from "@/lib/events/ingest";
import { findEventPage } from "@/lib/events/query";
import { invalidateSensitiveCatalog } from "@/lib/events/sensitive-catalog";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest-tokens/tokens";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { seedEvents } from "@/lib/seed/seed-database";
import { createTrail, deleteTrail, setLegalHold, updateTrail } from "@/lib/trails/trails";
import { createUser } from "@/lib/users/users";
import { runCli } from "../helpers/cli";
import { STORES, onFreshStore } from "../helpers/db";
import { body, makeEvent } from "../helpers/events";
import { signedParams, type SigningKey } from "../helpers/openapi";
import { callAndAudit } from "../helpers/openapi-handler";

const DAY = 86_400_000;
const ADMIN: Actor = { username: "prov-admin", kind: "console-user", ip: "192.0.2.10", userAgent: "vitest" };
const CLI: Actor = { username: "operator", kind: "cli" };
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

async function postEvents(token: string, events: unknown[]): Promise<{ status: number; result: IngestResult }> {
  const res = await POST(new NextRequest("http://127.0.0.1/api/v1/events", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body(events),
  }));
  return { status: res.status, result: (await res.json()) as IngestResult };
}

async function originOf(eventId: string) {
  return prisma.event.findUnique({ where: { eventId }, select: { origin: true, originChannel: true, ingestTokenId: true, ingestTokenLabel: true } });
}

async function auditEvents(eventName: string) {
  const rows = await prisma.event.findMany({ where: { eventName }, orderBy: { id: "asc" }, select: { raw: true, sensitive: true, origin: true, originChannel: true } });
  return rows.map((r) => ({ ...r, event: JSON.parse(r.raw) as Record<string, unknown> }));
}

describe.each(STORES)("provenance and enforced retention on %s", (store) => {
  const url = onFreshStore(store);
  let token: { id: string; token: string };
  let other: { id: string; token: string };
  let apiKey: SigningKey;
  const sent: string[] = [];

  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `provenance-${store}-`));
    resetServerKeyCache();
    process.env.TRAILKEEPER_API_RATE = "10000";
    token = await createIngestToken({ label: "ecs-forwarder" }, { actor: CLI });
    other = await createIngestToken({ label: null }, { actor: CLI });
    await createUser({ username: "prov-auditor", password: "prov-auditor-password", role: "auditor" });
    apiKey = await createAccessKey({ username: "prov-auditor" });
  });
  afterAll(() => {
    delete process.env.TRAILKEEPER_API_RATE;
  });

  it("records the ingest token (id and label) of events sent over the API", async () => {
    const events = [makeEvent(), makeEvent({ eventRW: "Read", eventName: "DescribeInstances" })];
    const { status, result } = await postEvents(token.token, events);
    expect(status).toBe(200);
    expect(result).toMatchObject({ accepted: 2, failed: [] });
    for (const e of events) {
      sent.push(String(e.eventId));
      expect(await originOf(String(e.eventId))).toEqual({ origin: "token", originChannel: null, ingestTokenId: token.id, ingestTokenLabel: "ecs-forwarder" });
    }
    const third = makeEvent({ eventName: "StopInstance" });
    expect((await postEvents(other.token, [third])).result.accepted).toBe(1);
    expect(await originOf(String(third.eventId))).toEqual({ origin: "token", originChannel: null, ingestTokenId: other.id, ingestTokenLabel: null });
  });

  it("refuses forged self-audit events per event and stores their neighbours", async () => {
    const good1 = makeEvent();
    const consoleForgery = makeEvent({ eventSource: "trailkeeper-console", userIdentity: { type: "console-user", userName: "admin" } });
    const cliForgery = makeEvent({ eventSource: " Trailkeeper-CLI", userIdentity: { type: "root-account", userName: "operator" } });
    const apiForgery = makeEvent({ eventSource: "actiontrail.aliyuncs.com", userIdentity: { type: "console-user", userName: "admin", accessKeyId: "LTAI5tForged" } });
    // A real ActionTrail event forwarded by a token: its source is ActionTrail's, its identity a RAM user.
    const realActionTrail = makeEvent({ eventSource: "actiontrail.aliyuncs.com", serviceName: "Actiontrail", eventName: "CreateTrail", userIdentity: { type: "ram-user", userName: "bob" } });
    const { status, result } = await postEvents(token.token, [good1, consoleForgery, cliForgery, apiForgery, realActionTrail]);
    expect(status).toBe(200);
    expect(result.accepted).toBe(2);
    expect(result.failed.map((f) => f.index)).toEqual([1, 2, 3]);
    expect(result.failed[0].errors).toEqual([
      'eventSource: "trailkeeper-console" is Trailkeeper\'s own event source; an ingest token cannot send Trailkeeper\'s own records',
      'userIdentity.type: "console-user" is Trailkeeper\'s own identity type; an ingest token cannot send Trailkeeper\'s own records',
    ]);
    expect(result.failed[1].errors[0]).toContain('eventSource: " Trailkeeper-CLI" is Trailkeeper\'s own event source');
    expect(result.failed[2].errors).toEqual([expect.stringContaining('userIdentity.type: "console-user"')]);
    expect(await originOf(String(good1.eventId))).toMatchObject({ origin: "token" });
    expect(await originOf(String(realActionTrail.eventId))).toMatchObject({ origin: "token", ingestTokenId: token.id });
    for (const f of [consoleForgery, cliForgery, apiForgery]) expect(await originOf(String(f.eventId))).toBeNull();
    sent.push(String(good1.eventId), String(realActionTrail.eventId));
  });

  it("records Trailkeeper's own records with their channel: console, CLI, API, failed sign-ins", async () => {
    const consoleId = await recordAuditEvent({ actor: ADMIN, eventName: "ProvConsoleChange" });
    const cliId = await recordAuditEvent({ actor: CLI, eventName: "ProvCliChange" });
    const apiId = await recordAuditEvent({ actor: { username: "prov-auditor", kind: "access-key", accessKeyId: apiKey.accessKeyId, ip: "198.51.100.3" }, eventName: "ProvApiCall" });
    expect(await originOf(consoleId!)).toEqual({ origin: "self", originChannel: "console", ingestTokenId: null, ingestTokenLabel: null });
    expect(await originOf(cliId!)).toMatchObject({ origin: "self", originChannel: "cli" });
    // The API's record keeps ActionTrail's source in its JSON; the origin column is what says it is ours.
    const api = await prisma.event.findUniqueOrThrow({ where: { eventId: apiId! } });
    expect(JSON.parse(api.raw).eventSource).toBe("actiontrail.aliyuncs.com");
    expect(await originOf(apiId!)).toMatchObject({ origin: "self", originChannel: "api" });

    const minuteAgo = new Date(Date.now() - 3 * 60_000);
    await recordSigninFailure({ ip: "203.0.113.99", username: "mallory", reason: "UserNotFound", now: minuteAgo });
    await flushSigninFailures();
    const [failure] = await prisma.event.findMany({ where: { eventName: "ConsoleSignin", sourceIp: "203.0.113.99" }, select: { origin: true, originChannel: true } });
    expect(failure).toEqual({ origin: "self", originChannel: "console" });
  });

  it("marks `events import` and the demo seed with their own origins", async () => {
    const file = path.join(process.env.TRAILKEEPER_DATA_DIR!, "import.jsonl");
    const imported = makeEvent({ eventName: "ImportedOne" });
    fs.writeFileSync(file, `${JSON.stringify(imported)}\n`);
    const run = await runCli(["events", "import", file], { databaseUrl: url() });
    expect(run.code, run.stderr).toBe(0);
    expect(await originOf(String(imported.eventId))).toMatchObject({ origin: "import", ingestTokenId: null });

    const seeded = await seedEvents({ count: 30, seed: 7 });
    expect(seeded.failed).toBe(0);
    expect(await prisma.event.count({ where: { origin: "seed" } })).toBe(30);
  });

  it("keeps a revoked token's events and their origin", async () => {
    await revokeIngestToken(token.id, { actor: CLI });
    for (const id of sent) expect(await originOf(id)).toMatchObject({ origin: "token", ingestTokenId: token.id, ingestTokenLabel: "ecs-forwarder" });
    expect((await postEvents(token.token, [makeEvent()])).status).toBe(401);
    const page = await findEventPage(parseEventSearch(new URLSearchParams({ region: "all", range: "24h", ingestToken: token.id })).filters, { limit: 50 });
    expect(page.rows.map((r) => r.eventId).sort()).toEqual([...sent].sort());
  });

  it("filters by ingestToken and origin on the page URL, the export and LookupEvents", async () => {
    const search = (q: Record<string, string>) => parseEventSearch(new URLSearchParams({ region: "all", range: "24h", ...q })).filters;
    const ids = async (q: Record<string, string>) => (await findEventPage(search(q), { limit: 50 })).rows.map((r) => r.eventId).sort();
    expect(await ids({ ingestToken: token.id })).toEqual([...sent].sort());
    const self = (await findEventPage(search({ origin: "self" }), { limit: 50 })).rows;
    expect(self.length).toBeGreaterThan(3);
    expect(self.every((r) => r.origin === "self")).toBe(true);
    expect((await ids({ origin: "token" })).length).toBe(sent.length + 1);
    expect(await ids({ origin: "token", ingestToken: other.id })).toHaveLength(1);

    const json = await new Response(exportStream(search({ ingestToken: token.id }), "json")).text();
    const exported = (JSON.parse(json) as { eventId: string }[]).map((e) => e.eventId);
    expect(exported.sort()).toEqual([...sent].sort());

    const lookup = async (attrs: Record<string, string>) => {
      const r = await callAndAudit({ method: "POST", params: signedParams("POST", apiKey, "LookupEvents", { MaxResults: "50", ...attrs }), ip: "198.51.100.7", userAgent: "vitest" });
      const { text } = renderOpenApiResponse(r);
      return { status: r.status, body: JSON.parse(text) as Record<string, any> };
    };
    const byToken = await lookup({ "LookupAttribute.1.Key": "IngestTokenId", "LookupAttribute.1.Value": token.id });
    expect(byToken.status).toBe(200);
    expect((byToken.body.Events as { eventId: string }[]).map((e) => e.eventId).sort()).toEqual([...sent].sort());
    const selfApi = await lookup({ "LookupAttribute.1.Key": "Origin", "LookupAttribute.1.Value": "self", "LookupAttribute.2.Key": "EventName", "LookupAttribute.2.Value": "ProvCliChange" });
    expect((selfApi.body.Events as unknown[]).length).toBe(1);
    const bad = await lookup({ "LookupAttribute.1.Key": "Origin", "LookupAttribute.1.Value": "martian" });
    expect(bad.body).toMatchObject({ Code: "InvalidParameter", Message: expect.stringContaining("Origin is one of token, self, import, seed, unknown") });
  });

  it("refuses events older than the query store unless a logging trail's log store keeps them", async () => {
    const t = await createIngestToken({ label: "old-events" }, { actor: CLI });
    const old = makeEvent({ eventTime: daysAgo(120) });
    const recent = makeEvent();
    let r = (await postEvents(t.token, [old, recent])).result;
    expect(r.accepted).toBe(1);
    expect(r.failed).toEqual([{ index: 0, eventId: old.eventId, errors: [`eventTime: ${new Date(String(old.eventTime)).toISOString()} is older than the query store's 90 days and no trail's log store keeps it; no trail has a log store`] }]);

    await createTrail({ name: "prov-writes", homeRegion: "cn-hangzhou", eventRW: "Write", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN, startLogging: true });
    await createTrail({ name: "prov-stopped", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true, logStoreRetentionDays: 400 }, { actor: ADMIN, startLogging: false });
    const oldRead = makeEvent({ eventTime: daysAgo(120), eventRW: "Read", eventName: "DescribeInstances" });
    const tooOld = makeEvent({ eventTime: daysAgo(200) });
    r = (await postEvents(t.token, [old, oldRead, tooOld])).result;
    expect(r.accepted).toBe(1);
    expect(r.failed.map((f) => f.index)).toEqual([1, 2]);
    expect(r.failed[0].errors[0]).toContain("no trail's log store keeps it; trails with a log store: prov-stopped (400 days, not logging), prov-writes (180 days, Write only)");
    expect(await originOf(String(old.eventId))).toMatchObject({ origin: "token", ingestTokenId: t.id });

    // The accepted old event goes to the log store with its origin, which outlives the query store.
    const engine = new DeliveryEngine();
    await engine.runUntilIdle();
    const row = await prisma.logStoreEvent.findFirst({ where: { logStore: "actiontrail_prov-writes", eventId: String(old.eventId) } });
    expect(row).toMatchObject({ origin: "token", ingestTokenId: t.id, ingestTokenLabel: "old-events" });
    const fromLogStore = await findEventPage(
      parseEventSearch(
        new URLSearchParams({ region: "all", logStore: "actiontrail_prov-writes", start: daysAgo(150), end: new Date().toISOString(), ingestToken: t.id }),
        new Date(),
        [{ name: "actiontrail_prov-writes", trail: "prov-writes", retentionDays: 180 }],
      ).filters,
      { limit: 50 },
    );
    expect(fromLogStore.rows.map((x) => x.eventId)).toEqual([String(old.eventId)]);
  });

  it("refuses a log store retention under 180 days in the service and the CLI", async () => {
    await expect(createTrail({ name: "prov-short", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true, logStoreRetentionDays: 30 }, { actor: ADMIN }))
      .rejects.toMatchObject({ fields: { logStoreRetentionDays: ["must be at least 180 days: a log store keeps events for at least six months"] } });
    await expect(updateTrail("prov-writes", { homeRegion: "cn-hangzhou", eventRW: "Write", trailRegion: "All", logStoreEnabled: true, logStoreRetentionDays: 179 }, { actor: ADMIN }))
      .rejects.toMatchObject({ fields: { logStoreRetentionDays: [expect.stringContaining("at least 180 days")] } });
    const run = await runCli(["trail", "create", "--name", "prov-cli-short", "--home-region", "cn-hangzhou", "--log-store", "--retention-days", "90"], { databaseUrl: url() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("at least 180 days");
    expect(await prisma.trail.findUnique({ where: { name: "prov-cli-short" } })).toBeNull();
  });

  it("records lowering a retention as a sensitive event, whatever the catalogue says", async () => {
    await prisma.sensitiveAction.deleteMany({ where: { eventName: "UpdateTrail" } });
    invalidateSensitiveCatalog();
    const base = { homeRegion: "cn-hangzhou", eventRW: "Write" as const, trailRegion: "All", logStoreEnabled: true };
    await updateTrail("prov-writes", { ...base, logStoreRetentionDays: 365 }, { actor: ADMIN });
    await updateTrail("prov-writes", { ...base, logStoreRetentionDays: 200 }, { actor: ADMIN });
    const [raised, lowered] = (await auditEvents("UpdateTrail")).slice(-2);
    expect(raised.event.sensitive).toBeUndefined();
    expect(raised.sensitive).toBe(false);
    expect(lowered.event).toMatchObject({ sensitive: true, additionalEventData: { previousLogStoreRetentionDays: 365 } });
    expect(lowered.sensitive).toBe(true);
    expect(lowered).toMatchObject({ origin: "self", originChannel: "console" });
  });

  it("stops the log store purge while a legal hold is set, in the service and the CLI", async () => {
    const stale = { logStore: "actiontrail_prov-writes", eventId: "held-row", eventTime: daysAgo(300), queryRegion: "cn-hangzhou", raw: "{}" };
    await prisma.logStoreEvent.create({ data: stale });
    expect((await setLegalHold("prov-writes", true, { actor: ADMIN })).changed).toBe(true);
    expect((await setLegalHold("prov-writes", true, { actor: ADMIN })).changed).toBe(false);
    await purgeLogStores();
    expect(await prisma.logStoreEvent.count({ where: { eventId: "held-row" } })).toBe(1);
    await expect(deleteTrail("prov-writes", { actor: ADMIN })).rejects.toThrow("Trail prov-writes is under legal hold; lift the hold before deleting the trail.");
    const trail = await prisma.trail.findUniqueOrThrow({ where: { name: "prov-writes" } });
    expect(trail).toMatchObject({ legalHold: true, legalHoldBy: "prov-admin" });

    const usage = await runCli(["trail", "legal-hold", "prov-writes"], { databaseUrl: url() });
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("--on");
    const lift = await runCli(["trail", "legal-hold", "prov-writes", "--off"], { databaseUrl: url(), env: { TRAILKEEPER_OPERATOR: "ops" } });
    expect(lift.code, lift.stderr).toBe(0);
    expect(lift.stdout).toContain("is now not under legal hold");
    await purgeLogStores();
    expect(await prisma.logStoreEvent.count({ where: { eventId: "held-row" } })).toBe(0);

    const [set] = await auditEvents("SetTrailLegalHold");
    const [lifted] = await auditEvents("LiftTrailLegalHold");
    expect(set).toMatchObject({ sensitive: false, origin: "self", originChannel: "console" });
    expect(lifted).toMatchObject({ sensitive: true, origin: "self", originChannel: "cli" });
    expect(lifted.event).toMatchObject({ sensitive: true, additionalEventData: { legalHoldBy: "prov-admin" } });
  });

  it("checks a caller that names no origin as an outsider", async () => {
    const forged = makeEvent({ eventSource: "trailkeeper-console" });
    const r = await ingestEvents([{ value: forged, raw: JSON.stringify(forged) }]);
    expect(r.accepted).toBe(0);
    expect(r.failed[0].errors[0]).toContain("Trailkeeper's own event source");
  });
});
