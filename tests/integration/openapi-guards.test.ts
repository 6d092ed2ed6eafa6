// The compatible API's guards on every store: nonces kept in the database until Timestamp + 15 minutes
// (a replay refused by a new database client, i.e. another process or after a restart), purged in bounded
// batches; the per-key rate counted in the database before anything is stored; failed authentications
// throttled per source address; audit records of bounded size. The e2e attack suite
// (e2e/attack-openapi.spec.ts) repeats the cross-process points over HTTP with real server processes.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { disconnectDb, prisma } from "@/lib/db";
import { MAX_PARAMS, MAX_PARAM_CHARS } from "@/lib/openapi/audit";
import type { OpenApiResponse } from "@/lib/openapi/handle";
import { PURGE_BATCH, PURGE_EVERY, claimNonce, purgeExpiredNonces } from "@/lib/openapi/nonces";
import { AUTH_FAILURES_ALLOWED, AUTH_FAILURE_BLOCK_SECONDS } from "@/lib/openapi/throttle";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { apiTimestamp, signedParams, type SigningKey } from "../helpers/openapi";
import { callAndAudit } from "../helpers/openapi-handler";

interface CallOptions {
  params?: Record<string, string>;
  nonce?: string;
  timestamp?: Date;
  ip?: string;
  secret?: string;
}

function signed(key: SigningKey, o: CallOptions = {}): Record<string, string> {
  return signedParams("GET", key, "DescribeRegions", o.params, o);
}

function send(params: Record<string, string>, ip = "198.51.100.20"): Promise<OpenApiResponse> {
  return callAndAudit({ method: "GET", params, ip, userAgent: "vitest-guards" });
}

async function code(params: Record<string, string>, ip?: string): Promise<string> {
  const r = await send(params, ip);
  return r.status === 200 ? "ok" : String(r.body.Code);
}

const nonceRows = (accessKeyId: string) => prisma.apiNonce.findMany({ where: { accessKeyId } });
const failuresOf = async (ip: string) => (await prisma.rateLimitPoints.findUnique({ where: { key: `api-auth-failure:${ip}` } }))?.points ?? 0;

describe.each(STORES)("compatible API guards on %s", (store) => {
  const newKey = () => createAccessKey({ username: `guard-user-${store}` });

  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `openapi-guards-${store}-`));
    resetServerKeyCache();
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: `guard-user-${store}`, password: "guard-user-password", role: "auditor" });
  });
  afterEach(() => {
    process.env.TRAILKEEPER_API_RATE = "10000";
  });
  afterAll(() => {
    delete process.env.TRAILKEEPER_API_RATE;
  });

  it("refuses a SignatureNonce over 128 characters before looking anything up or storing it", async () => {
    const key = await newKey();
    const long = await send(signed(key, { nonce: "n".repeat(129) }));
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ Code: "InvalidParameter", Message: expect.stringContaining("SignatureNonce") });
    // An unknown key gets the same answer: the nonce was checked before the key was looked up.
    expect(await code(signed({ accessKeyId: "LTAI-no-such-key", accessKeySecret: "x" }, { nonce: "n".repeat(129) }))).toBe("InvalidParameter");
    expect(await code(signed(key, { nonce: "nonce\u0000with-nul" }))).toBe("InvalidParameter");
    expect(await nonceRows(key.accessKeyId)).toEqual([]);
    expect(await prisma.rateLimitPoints.findUnique({ where: { key: `api-key:${key.accessKeyId}` } })).toBeNull();
    expect(await code(signed(key, { nonce: "n".repeat(128) }))).toBe("ok");
    expect((await nonceRows(key.accessKeyId)).map((r) => r.nonce)).toEqual(["n".repeat(128)]);
  });

  it("refuses a replay from the stored nonce, also through a new database client (another process, a restart)", async () => {
    const key = await newKey();
    const at = new Date(Date.now() - 60_000);
    const request = signed(key, { timestamp: at });
    expect(await code(request)).toBe("ok");
    const [row] = await nonceRows(key.accessKeyId);
    // Kept exactly as long as the request's Timestamp is accepted.
    expect(row).toMatchObject({ nonce: request.SignatureNonce, expiresAt: new Date(new Date(apiTimestamp(at)).getTime() + 15 * 60_000) });
    expect(await code(request)).toBe("SignatureNonceUsed");
    await disconnectDb();
    expect(await code(request)).toBe("SignatureNonceUsed");
    // Nonces are per key.
    const other = await newKey();
    expect(await code(signed(other, { nonce: request.SignatureNonce }))).toBe("ok");
  });

  it("takes a nonce again once its earlier request's Timestamp window has passed, and not a moment before", async () => {
    const key = await newKey();
    const now = new Date();
    await prisma.apiNonce.create({ data: { accessKeyId: key.accessKeyId, nonce: "reused-late", expiresAt: new Date(now.getTime() - 1_000) } });
    await prisma.apiNonce.create({ data: { accessKeyId: key.accessKeyId, nonce: "reused-early", expiresAt: new Date(now.getTime() + 60_000) } });
    expect(await code(signed(key, { nonce: "reused-late" }))).toBe("ok");
    const late = await prisma.apiNonce.findUniqueOrThrow({ where: { accessKeyId_nonce: { accessKeyId: key.accessKeyId, nonce: "reused-late" } } });
    expect(late.expiresAt.getTime()).toBeGreaterThan(now.getTime() + 14 * 60_000);
    expect(await code(signed(key, { nonce: "reused-early" }))).toBe("SignatureNonceUsed");
    // Two claims of one expired nonce racing: exactly one wins.
    await prisma.apiNonce.create({ data: { accessKeyId: key.accessKeyId, nonce: "raced", expiresAt: new Date(now.getTime() - 1_000) } });
    const raced = await Promise.all([1, 2, 3].map(() => claimNonce(key.accessKeyId, "raced", new Date(), new Date())));
    expect(raced.filter(Boolean)).toHaveLength(1);
  });

  it("purges expired nonces in bounded batches and keeps live ones; claims purge as they go", async () => {
    const key = await newKey();
    const now = Date.now();
    const expired = 2 * PURGE_BATCH + 500;
    await prisma.apiNonce.createMany({
      data: Array.from({ length: expired }, (_, i) => ({ accessKeyId: key.accessKeyId, nonce: `old-${i}`, expiresAt: new Date(now - 3_600_000 + i) })),
    });
    await prisma.apiNonce.createMany({ data: Array.from({ length: 10 }, (_, i) => ({ accessKeyId: key.accessKeyId, nonce: `live-${i}`, expiresAt: new Date(now + 600_000) })) });
    const countExpired = () => prisma.apiNonce.count({ where: { accessKeyId: key.accessKeyId, expiresAt: { lt: new Date(now) } } });
    expect(await purgeExpiredNonces(new Date(now))).toBe(PURGE_BATCH);
    expect(await countExpired()).toBe(expired - PURGE_BATCH);
    // PURGE_EVERY claims in this process purge at least one more batch.
    for (let i = 0; i < PURGE_EVERY; i++) expect(await claimNonce(key.accessKeyId, `fresh-${i}`, new Date(now), new Date(now))).toBe(true);
    expect(await countExpired()).toBeLessThanOrEqual(expired - 2 * PURGE_BATCH);
    expect(await prisma.apiNonce.count({ where: { accessKeyId: key.accessKeyId, nonce: { startsWith: "live-" } } })).toBe(10);
  });

  it("counts the per-key rate in the database before storing the nonce or auditing", async () => {
    process.env.TRAILKEEPER_API_RATE = "3";
    const key = await newKey();
    const requests = Array.from({ length: 6 }, () => signed(key));
    const results = await Promise.all(requests.map((p) => send(p)));
    const codes = results.map((r) => (r.status === 200 ? "ok" : String(r.body.Code)));
    expect(codes.filter((c) => c === "ok")).toHaveLength(3);
    expect(codes.filter((c) => c === "Throttling.User")).toHaveLength(3);
    const refused = results.find((r) => r.body.Code === "Throttling.User")!;
    expect(refused).toMatchObject({ status: 400, headers: { "Retry-After": "1" } });
    // Only the calls that got through left a nonce and an audit event.
    const stored = new Set((await nonceRows(key.accessKeyId)).map((r) => r.nonce));
    requests.forEach((p, i) => expect(stored.has(p.SignatureNonce), codes[i]).toBe(codes[i] === "ok"));
    expect(await prisma.event.count({ where: { accessKeyId: key.accessKeyId, eventName: "DescribeRegions" } })).toBe(3);
    // A refused call used no nonce: the same signed request goes through in the next second.
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await code(requests[codes.indexOf("Throttling.User")])).toBe("ok");
  });

  it("throttles an address after too many failed authentications, whatever failed, and only that address", async () => {
    const key = await newKey();
    const ip = "203.0.113.50";
    const failures: [string, Record<string, string>][] = [
      ["MissingParameter", { Action: "DescribeRegions", Version: "2020-07-06" }],
      ["InvalidParameter", signed(key, { nonce: "x".repeat(200) })],
      ["InvalidAccessKeyId.NotFound", signed({ accessKeyId: "LTAI00000000000000000000", accessKeySecret: "guess" })],
      ["SignatureDoesNotMatch", signed(key, { secret: "wrong-secret" })],
      ["InvalidTimeStamp.Expired", signed(key, { timestamp: new Date(Date.now() - 20 * 60_000) })],
    ];
    const replayed = signed(key);
    expect(await code(replayed, ip)).toBe("ok");
    failures.push(["SignatureNonceUsed", replayed]);
    for (const [expected, params] of failures) {
      const before = await failuresOf(ip);
      expect(await code(params, ip)).toBe(expected);
      expect(await failuresOf(ip), expected).toBe(before + 1);
    }
    // Being over the key's rate is not a failed authentication.
    process.env.TRAILKEEPER_API_RATE = "1";
    const busy = await newKey();
    const burst = await Promise.all([signed(busy), signed(busy), signed(busy)].map((p) => code(p, ip)));
    expect(burst).toContain("Throttling.User");
    expect(await failuresOf(ip)).toBe(failures.length);
    process.env.TRAILKEEPER_API_RATE = "10000";

    const guess = () => signed({ accessKeyId: `LTAI${randomUUID().slice(0, 20)}`, accessKeySecret: "guess" });
    for (let n = await failuresOf(ip); n < AUTH_FAILURES_ALLOWED; n++) expect(await code(guess(), ip)).toBe("InvalidAccessKeyId.NotFound");
    expect(await failuresOf(ip)).toBe(AUTH_FAILURES_ALLOWED);
    // The failure past the limit still gets its own answer; from then on the address is refused everything.
    expect(await code(guess(), ip)).toBe("InvalidAccessKeyId.NotFound");
    const good = signed(key);
    const blocked = await send(good, ip);
    expect(blocked).toMatchObject({ status: 400, body: { Code: "Throttling", Message: expect.stringContaining("failed authentication") } });
    const retryAfter = Number(blocked.headers?.["Retry-After"]);
    expect(retryAfter).toBeGreaterThan(AUTH_FAILURE_BLOCK_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(AUTH_FAILURE_BLOCK_SECONDS);
    // A malformed call from it is refused the same way, and no longer counted.
    expect(await code({ Action: "DescribeRegions" }, ip)).toBe("Throttling");
    expect(await failuresOf(ip)).toBe(AUTH_FAILURES_ALLOWED + 1);
    // Nothing of the refused call was stored; the same request from another address goes through.
    expect((await nonceRows(key.accessKeyId)).map((r) => r.nonce)).not.toContain(good.SignatureNonce);
    expect(await code(good, "203.0.113.51")).toBe("ok");
  });

  it("refuses a NUL in any parameter (PostgreSQL would fail the query) and records the refused call", async () => {
    const key = await newKey();
    const cases: Record<string, string>[] = [
      { Action: "LookupEvents", "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": "a\u0000b" },
      { Action: "GetTrailStatus", Name: "trail\u0000name" },
      { Action: "No\u0000Such" },
    ];
    for (const params of cases) {
      const r = await send(signed(key, { params }));
      expect(r, JSON.stringify(params)).toMatchObject({ status: 400, body: { Code: "InvalidParameter", Message: expect.stringContaining("NUL") } });
    }
    const recorded = await prisma.event.findMany({ where: { accessKeyId: key.accessKeyId, errorCode: "InvalidParameter" }, select: { eventName: true } });
    expect(recorded.map((e) => e.eventName).sort()).toEqual(["GetTrailStatus", "LookupEvents", "No\uFFFDSuch"]);
  });

  it("keeps each audited parameter to 4 KB, marked, and a bounded number of them; a long Action is recorded too", async () => {
    const key = await newKey();
    const big = "A".repeat(100 * 1024);
    const many = Object.fromEntries(Array.from({ length: MAX_PARAMS + 6 }, (_, i) => [`Extra${String(i).padStart(2, "0")}`, `v${i}`]));
    expect(await code(signed(key, { params: { Big: big, Small: "kept", ...many } }))).toBe("ok");
    const event = await prisma.event.findFirstOrThrow({ where: { accessKeyId: key.accessKeyId, eventName: "DescribeRegions" } });
    const raw = JSON.parse(event.raw) as { requestParameters: Record<string, string>; additionalEventData: { cutParameters: string[]; omittedParameters: number } };
    const kept = raw.requestParameters.Big;
    expect(kept).toBe(`${"A".repeat(MAX_PARAM_CHARS)}…[cut: ${big.length - MAX_PARAM_CHARS} characters]`);
    expect(raw.requestParameters).toMatchObject({ Action: "DescribeRegions", Small: "kept", Extra00: "v0" });
    expect(Object.keys(raw.requestParameters)).toHaveLength(MAX_PARAMS);
    // Action, Version, Big, Small and 60 extras are kept; the 10 extras past 64 parameters are counted.
    expect(raw.additionalEventData).toEqual({ cutParameters: ["Big"], omittedParameters: 10 });
    expect(event.raw.length).toBeLessThan(20 * 1024);

    // An unknown Action of 300 characters used to fail ingestion (eventName ≤ 256) and go unrecorded.
    const longAction = `Z${"x".repeat(299)}`;
    expect(await code(signed(key, { params: { Action: longAction } }))).toBe("InvalidAction.NotFound");
    const refused = await prisma.event.findFirstOrThrow({ where: { accessKeyId: key.accessKeyId, errorCode: "InvalidAction.NotFound" } });
    expect(refused.eventName).toBe(`${longAction.slice(0, 128)}…[cut: 172 characters]`);
  });
});
