// The compatible API as SDK users call it, over real HTTP on every store: the V2.0 core in its default
// configuration (ACS3-HMAC-SHA256, what every generated ActionTrail SDK sends), GET and POST, query string
// and form body, and pop-core (signature v1). Replay, the signing window, the payload hash, throttling,
// errors and XML hold for V3 as for v1; and every action of the reference runs its example through both.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";
import type { SigningKey } from "../helpers/openapi";
import { acs3Fetch, popCore, type Acs3Parts, startApiServer, v2Call, v2Error, type ApiServer } from "../helpers/openapi-http";

describe.each(STORES)("the official SDK clients over HTTP on %s", (store) => {
  let server: ApiServer;
  let admin: SigningKey;
  let auditor: SigningKey;

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `openapi-sdk-${store}-`));
    resetServerKeyCache();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "sdk-admin", password: "sdk-admin-password", role: "admin" });
    await createUser({ username: "sdk-auditor", password: "sdk-auditor-password", role: "auditor" });
    admin = await createAccessKey({ username: "sdk-admin" });
    auditor = await createAccessKey({ username: "sdk-auditor" });
    const now = Date.now();
    const events = Array.from({ length: 7 }, (_, i) =>
      makeEvent({ eventId: `sdk-event-${i}`, eventName: "CreateInstance", eventRW: "Write", eventTime: new Date(now - (i + 1) * 60_000).toISOString() }),
    );
    expect((await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })))).failed).toEqual([]);
    server = await startApiServer();
  });
  afterAll(async () => {
    delete process.env.TRAILKEEPER_API_RATE;
    await server?.close();
  });

  it("answers the V2.0 core's default signature (ACS3-HMAC-SHA256) by POST with a query string, by POST with a form body and by GET", async () => {
    const attrs = { "LookupAttribute.1.Key": "EventName", "LookupAttribute.1.Value": "CreateInstance", MaxResults: "3" };
    const viaQuery = await v2Call(server, auditor, "LookupEvents", attrs);
    expect(viaQuery.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(viaQuery.Events.map((e: { eventId: string }) => e.eventId)).toEqual(["sdk-event-0", "sdk-event-1", "sdk-event-2"]);
    const viaBody = await v2Call(server, auditor, "LookupEvents", attrs, { body: true });
    expect(viaBody.Events.map((e: { eventId: string }) => e.eventId)).toEqual(["sdk-event-0", "sdk-event-1", "sdk-event-2"]);
    const viaGet = await v2Call(server, auditor, "GetEventsCount", { "LookupAttribute.1.Key": "EventName", "LookupAttribute.1.Value": "CreateInstance" }, { method: "GET" });
    expect(viaGet.EventsCount).toBe(7);
    // The legacy RPC signature of the same core, and pop-core, still work.
    expect((await v2Call(server, auditor, "GetEventsCount", {}, { signatureAlgorithm: "v2" })).EventsCount).toBeGreaterThanOrEqual(7);
    const v1 = (await popCore(server, auditor).request("GetEventsCount", {}, { method: "POST" })) as { EventsCount: number };
    expect(v1.EventsCount).toBeGreaterThanOrEqual(7);
  });

  it("changes a trail through the V2.0 core, audited under the change's name with the caller's AccessKey", async () => {
    const created = await v2Call(server, admin, "CreateTrail", { Name: "sdk-trail", SlsProjectArn: "acs:log:cn-hangzhou:1:project/audit", EventRW: "All" }, { body: true });
    expect(created).toMatchObject({ Name: "sdk-trail", EventRW: "All" });
    const audit = await prisma.event.findFirstOrThrow({ where: { eventName: "CreateTrail", accessKeyId: admin.accessKeyId } });
    expect(audit).toMatchObject({ eventType: "ApiCall", eventRW: "Write", errorCode: null });
    await v2Call(server, admin, "DeleteTrail", { Name: "sdk-trail" });
    expect(await prisma.trail.findUnique({ where: { name: "sdk-trail" } })).toBeNull();
  });

  it("pages LookupEvents with NextToken through the V2.0 core, with nothing twice and nothing lost", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await v2Call(server, auditor, "LookupEvents", { "LookupAttribute.1.Key": "EventName", "LookupAttribute.1.Value": "CreateInstance", MaxResults: "2", ...(token ? { NextToken: token } : {}) });
      seen.push(...r.Events.map((e: { eventId: string }) => e.eventId));
      token = r.NextToken || undefined;
      if (!token) break;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `sdk-event-${i}`));
  });

  it("refuses a wrong secret with SignatureDoesNotMatch and the server's string to sign, as JSON the SDK reads", async () => {
    const e = await v2Error(server, auditor, "DescribeRegions", {}, { secret: "not-the-secret" });
    expect(e).toMatchObject({ code: "SignatureDoesNotMatch", status: 400 });
    expect(e.message).toContain("ACS3-HMAC-SHA256\n");
  });

  it("refuses an unknown AccessKey, an unknown action, a wrong version of the role's rights with the SDK-readable codes", async () => {
    expect(await v2Error(server, { accessKeyId: "LTAInosuchkey00000000", accessKeySecret: "x" }, "DescribeRegions")).toMatchObject({ code: "InvalidAccessKeyId.NotFound", status: 404 });
    expect(await v2Error(server, auditor, "NoSuchAction")).toMatchObject({ code: "InvalidAction.NotFound", status: 404 });
    expect(await v2Error(server, auditor, "CreateTrail", { Name: "auditor-trail", SlsProjectArn: "acs:log:cn-hangzhou:1:project/audit" })).toMatchObject({ code: "Forbidden.RAM", status: 403 });
    expect(await v2Error(server, auditor, "LookupEvents", { MaxResults: "500" })).toMatchObject({ code: "InvalidParameter", status: 400 });
  });

  it("answers XML when asked by Format=XML or by the Accept header", async () => {
    const res = await fetch(`${server.origin}/`, { method: "POST", headers: { "x-acs-action": "DescribeRegions" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/json");
    const err = await res.json();
    expect(err).toMatchObject({ Code: "InvalidParameter", RequestId: expect.any(String), Message: expect.stringContaining("Authorization") });
    const xml = await fetch(`${server.origin}/?Format=XML`, { method: "POST", headers: { "x-acs-action": "DescribeRegions" } });
    expect(xml.headers.get("content-type")).toContain("xml");
    expect(await xml.text()).toMatch(/^<\?xml[^>]*>\s*<Error>[\s\S]*<Code>InvalidParameter<\/Code>/);
    const accept = await fetch(`${server.origin}/`, { method: "POST", headers: { "x-acs-action": "DescribeRegions", accept: "application/xml" } });
    expect(accept.headers.get("content-type")).toContain("xml");
  });
});

describe.each(STORES)("ACS3-HMAC-SHA256 keeps signature v1's rules on %s", (store) => {
  let server: ApiServer;
  let key: SigningKey;

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `openapi-acs3-${store}-`));
    resetServerKeyCache();
    await createUser({ username: "acs3-auditor", password: "acs3-auditor-password", role: "auditor" });
    key = await createAccessKey({ username: "acs3-auditor" });
    server = await startApiServer();
  });
  afterAll(async () => {
    delete process.env.TRAILKEEPER_API_RATE;
    await server?.close();
  });

  it("accepts the SDK signer's request by POST with a query, a form body, and by GET, at / and at /openapi", async () => {
    const cases: Acs3Parts[] = [
      { method: "POST", query: { MaxResults: "1" } },
      { method: "POST", form: { MaxResults: "1", "LookupAttribute.1.Key": "EventRW", "LookupAttribute.1.Value": "Write" } },
      { method: "GET", query: { MaxResults: "1", NextToken: "" } },
      { method: "GET", path: "/openapi", query: { MaxResults: "1" } },
    ];
    for (const parts of cases) {
      const r = await acs3Fetch(server, key, "LookupEvents", parts);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(Array.isArray(r.body.Events)).toBe(true);
    }
  });

  it("refuses a replayed nonce, a date outside 15 minutes, a body or query changed after signing and an unsigned x-acs header", async () => {
    const nonce = crypto.randomUUID();
    expect((await acs3Fetch(server, key, "DescribeRegions", { method: "POST", nonce })).status).toBe(200);
    expect((await acs3Fetch(server, key, "DescribeRegions", { method: "POST", nonce })).body).toMatchObject({ Code: "SignatureNonceUsed" });
    // The nonce is kept in the database: a second server on the store refuses it as well.
    const other = await startApiServer();
    try {
      expect((await acs3Fetch(other, key, "DescribeRegions", { method: "POST", nonce })).body).toMatchObject({ Code: "SignatureNonceUsed" });
    } finally {
      await other.close();
    }
    expect((await acs3Fetch(server, key, "DescribeRegions", { method: "POST", date: new Date(Date.now() - 16 * 60_000) })).body).toMatchObject({ Code: "InvalidTimeStamp.Expired", Message: expect.stringContaining("x-acs-date") });
    const body = await acs3Fetch(server, key, "LookupEvents", {
      method: "POST",
      form: { MaxResults: "1" },
      tamper: (r) => void (r.body = "MaxResults=50"),
    });
    expect(body.status).toBe(400);
    expect(body.body).toMatchObject({ Code: "SignatureDoesNotMatch", Message: expect.stringContaining("x-acs-content-sha256") });
    const query = await acs3Fetch(server, key, "LookupEvents", { method: "POST", query: { MaxResults: "1" }, tamper: (r) => r.url.searchParams.set("MaxResults", "50") });
    expect(query.body).toMatchObject({ Code: "SignatureDoesNotMatch", Message: expect.stringContaining("ACS3-HMAC-SHA256") });
    // Another action under the same signature: x-acs-action is signed.
    const action = await acs3Fetch(server, key, "DescribeRegions", { method: "POST", tamper: (r) => void (r.headers["x-acs-action"] = "LookupEvents") });
    expect(action.body).toMatchObject({ Code: "SignatureDoesNotMatch" });
    const unsigned = await acs3Fetch(server, key, "DescribeRegions", { method: "POST", unsigned: ["x-acs-signature-nonce"] });
    expect(unsigned.body).toMatchObject({ Code: "InvalidParameter", Message: expect.stringContaining("x-acs-signature-nonce") });
  });

  it("throttles a key's correctly signed V3 calls per second, and not its forged ones", async () => {
    process.env.TRAILKEEPER_API_RATE = "3";
    try {
      const forged = await Promise.all(Array.from({ length: 5 }, () => v2Error(server, key, "DescribeRegions", {}, { secret: "wrong" })));
      expect(forged.every((f) => f.code === "SignatureDoesNotMatch")).toBe(true);
      // A fresh second: the calls of the tests before were counted in theirs.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => v2Call(server, key, "DescribeRegions")));
      const refusedCodes = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as { code?: string }).code)] : []));
      expect(results.filter((r) => r.status === "fulfilled").length, refusedCodes.join()).toBeGreaterThanOrEqual(1);
      expect(refusedCodes.length).toBeGreaterThanOrEqual(1);
      expect(new Set(refusedCodes)).toEqual(new Set(["Throttling.User"]));
    } finally {
      delete process.env.TRAILKEEPER_API_RATE;
    }
  });
});
