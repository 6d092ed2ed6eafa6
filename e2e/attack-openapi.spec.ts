// Attacks on the ActionTrail-compatible API over real HTTP, with the official SDK (@alicloud/pop-core)
// wherever it can send the attack: an over-long nonce, a captured request replayed on the main server, on a
// second server process on the same store and after that process restarts, one key's rate spread over two
// processes, a scanner's failed authentications from one address, a 100 KB parameter in the audit trail,
// and events stored 20,000 levels deep by an older version read back through LookupEvents.
import { execFileSync } from "node:child_process";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import { expect, test } from "@playwright/test";
import { API_VERSION, signedGetUrl, type SigningKey } from "../tests/helpers/openapi";
import { checkXmlElements } from "../tests/helpers/xml";
import { ROOT, cli, craftEvent, e2eEnv, uniqueIp, uniqueName } from "./fixtures";
import { startServer, type ExtraServer } from "./servers";

const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);
const MAIN = `http://127.0.0.1:${MAIN_PORT}`;
const VERSION = API_VERSION;
// The two extra servers share the main store and trust 127.0.0.1 as a proxy, so a test can send its own
// X-Forwarded-For address and throttle only that; a small per-key rate makes sharing it visible.
const EXTRA_RATE = 3;
const EXTRA_ENV = { TRAILKEEPER_API_RATE: String(EXTRA_RATE), TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32" };

type KeyPair = SigningKey;

interface SdkEntry {
  url: string;
  response: { statusCode: number; headers: Record<string, string> };
}

function createKey(user = "auditor"): KeyPair {
  const out = cli(["access-key", "create", "--user", user, "--json"]);
  return JSON.parse(out.trim().split("\n").reverse().find((l) => l.trim().startsWith("{"))!) as KeyPair;
}

function client(k: KeyPair, origin = MAIN): RPCClient {
  return new RPCClient({ accessKeyId: k.accessKeyId, accessKeySecret: k.accessKeySecret, endpoint: `${origin}/openapi`, apiVersion: VERSION });
}

// The SDK's second constructor argument (verbose) is missing from its typings.
const VerboseRPCClient = RPCClient as unknown as new (config: RPCClient.Config, verbose: true) => RPCClient;

/** verbose: the SDK also returns what it sent, the signed URL of a GET included. */
function verboseClient(k: KeyPair, origin = MAIN): RPCClient {
  return new VerboseRPCClient({ accessKeyId: k.accessKeyId, accessKeySecret: k.accessKeySecret, endpoint: `${origin}/openapi`, apiVersion: VERSION }, true);
}

/** The outcome of an SDK call: "ok" or the error code, with Retry-After when the server sent it. */
async function outcome(p: Promise<unknown>): Promise<{ code: string; message: string; retryAfter?: string }> {
  try {
    await p;
    return { code: "ok", message: "" };
  } catch (e) {
    const err = e as { code?: string; data?: { Message?: string }; entry?: SdkEntry; message?: string };
    return { code: String(err.code ?? err.message), message: String(err.data?.Message ?? ""), retryAfter: err.entry?.response.headers["retry-after"] };
  }
}

async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { Code?: string }).Code ?? "ok";
}

/** A GET signed by hand (for requests the SDK would not send: a chosen Format or an exact replay). */
function signedUrl(origin: string, k: KeyPair, extra: Record<string, string>): string {
  return signedGetUrl(`${origin}/openapi`, k, "LookupEvents", extra);
}

/** The same request sent to another server: only the origin changes (the signature does not cover it). */
function atOrigin(url: string, origin: string): string {
  const u = new URL(url);
  return `${origin}${u.pathname}${u.search}`;
}

test.describe.configure({ mode: "serial" });

test.describe("attacks on the compatible API", () => {
  let second: ExtraServer;
  let third: ExtraServer;
  const extraOptions = (port: number) => ({ port, worker: false, env: EXTRA_ENV });

  test.beforeAll(async () => {
    test.setTimeout(400_000);
    // One after the other: two starts on one store would run their migrations at the same time.
    second = await startServer(extraOptions(MAIN_PORT + 1));
    third = await startServer(extraOptions(MAIN_PORT + 2));
  });
  test.afterAll(async () => {
    await Promise.all([second?.stop(), third?.stop()]);
  });

  test("a SignatureNonce of 129 characters is refused with InvalidParameter; 128 pass", async () => {
    const key = createKey();
    const long = await outcome(client(key).request("DescribeRegions", { SignatureNonce: "n".repeat(129) }, { method: "POST" }));
    expect(long.code).toBe("InvalidParameter");
    expect(long.message).toContain("SignatureNonce");
    expect((await outcome(client(key).request("DescribeRegions", { SignatureNonce: "n".repeat(128) }, { method: "POST" }))).code).toBe("ok");
  });

  test("a captured request replayed is refused: on the main server, on a second process, after that process restarts", async () => {
    test.setTimeout(240_000);
    const key = createKey();
    const [, captured] = (await verboseClient(key).request("DescribeRegions", {}, { method: "GET" })) as unknown as [unknown, SdkEntry];
    expect(captured.response.statusCode).toBe(200);
    await test.step("the main server refuses the replay", async () => {
      const replay = await fetch(captured.url);
      expect(replay.status).toBe(400);
      expect(await codeOf(replay)).toBe("SignatureNonceUsed");
    });
    await test.step("a second server process on the same store refuses it too", async () => {
      expect(await codeOf(await fetch(atOrigin(captured.url, second.url)))).toBe("SignatureNonceUsed");
    });
    await test.step("a request the second process accepted is still refused after it restarts", async () => {
      // The replays were correctly signed, so they counted against the key's rate (3 a second here).
      await new Promise((r) => setTimeout(r, 1_100));
      const [, onSecond] = (await verboseClient(key, second.url).request("DescribeRegions", {}, { method: "GET" })) as unknown as [unknown, SdkEntry];
      expect(onSecond.response.statusCode).toBe(200);
      await second.stop();
      second = await startServer(extraOptions(MAIN_PORT + 1));
      expect(await codeOf(await fetch(onSecond.url))).toBe("SignatureNonceUsed");
      expect(await codeOf(await fetch(atOrigin(onSecond.url, MAIN)))).toBe("SignatureNonceUsed");
      expect(await codeOf(await fetch(captured.url))).toBe("SignatureNonceUsed");
    });
  });

  test("a burst past the per-key rate is throttled, with Retry-After", async () => {
    const key = createKey();
    await new Promise((r) => setTimeout(r, 1_100));
    const results = await Promise.all(Array.from({ length: 4 * EXTRA_RATE }, () => outcome(client(key, second.url).request("DescribeRegions", {}, {}))));
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c !== "ok" && c !== "Throttling.User")).toEqual([]);
    // A burst that took longer than a second may span two windows of EXTRA_RATE calls each.
    expect(codes.filter((c) => c === "ok").length).toBeGreaterThanOrEqual(EXTRA_RATE);
    expect(codes.filter((c) => c === "ok").length).toBeLessThanOrEqual(2 * EXTRA_RATE);
    expect(results.find((r) => r.code === "Throttling.User")?.retryAfter).toBe("1");
  });

  test("one key's rate is shared by two server processes", async () => {
    const key = createKey();
    // Use up the key's calls of one second on one process, then call the other: it has never seen this
    // key, so only a shared count refuses it. A window may end between the two; a few tries allow for it.
    const tries: { first: string[]; other: string; retryAfter?: string }[] = [];
    for (let i = 0; i < 5 && !tries.some((t) => t.other === "Throttling.User"); i++) {
      await new Promise((r) => setTimeout(r, 1_100));
      const first = await Promise.all(Array.from({ length: EXTRA_RATE }, () => outcome(client(key, second.url).request("DescribeRegions", {}, {}))));
      const other = await outcome(client(key, third.url).request("DescribeRegions", {}, {}));
      tries.push({ first: first.map((r) => r.code), other: other.code, retryAfter: other.retryAfter });
    }
    const refused = tries.find((t) => t.other === "Throttling.User");
    expect(refused, JSON.stringify(tries)).toBeTruthy();
    expect(refused!.first).toEqual(Array(EXTRA_RATE).fill("ok"));
    expect(refused!.retryAfter).toBe("1");
  });

  test("failed authentications from one address throttle that address only", async () => {
    test.setTimeout(180_000);
    const key = createKey();
    const scanner = uniqueIp();
    const from = (ip: string) => ({ method: "POST" as const, headers: { "x-forwarded-for": ip } });
    const forged = client({ ...key, accessKeySecret: "not-the-secret-xxxxxxxxxxxxxxxxx" }, second.url);
    // 100 failures are allowed (lib/openapi/throttle.ts), then the limiter blocks the address.
    for (let batch = 0; batch < 10; batch++) {
      const codes = await Promise.all(Array.from({ length: 10 }, () => outcome(forged.request("DescribeRegions", {}, from(scanner)))));
      expect(codes.map((c) => c.code)).toEqual(Array(10).fill("SignatureDoesNotMatch"));
    }
    expect((await outcome(forged.request("DescribeRegions", {}, from(scanner)))).code).toBe("SignatureDoesNotMatch");
    await test.step("now even a correctly signed call from that address is refused, on every process", async () => {
      const blocked = await outcome(client(key, second.url).request("DescribeRegions", {}, from(scanner)));
      expect(blocked.code).toBe("Throttling");
      expect(blocked.message).toContain("failed authentication");
      expect(Number(blocked.retryAfter)).toBeGreaterThan(800);
      expect((await outcome(client(key, third.url).request("DescribeRegions", {}, from(scanner)))).code).toBe("Throttling");
    });
    await test.step("another address and the rest of the suite (127.0.0.1 on the main server) are served", async () => {
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await outcome(client(key, second.url).request("DescribeRegions", {}, from(uniqueIp())))).code).toBe("ok");
      expect((await outcome(client(createKey()).request("DescribeRegions", {}, { method: "POST" }))).code).toBe("ok");
    });
  });

  test("the audit event of a call with a 100 KB parameter keeps 4 KB of it and says it was cut", async () => {
    const key = createKey();
    const probe = "p".repeat(100 * 1024);
    expect((await outcome(client(key).request("DescribeRegions", { Probe: probe }, { method: "POST" }))).code).toBe("ok");
    const found = await client(createKey()).request<{ Events: { requestParameters: Record<string, string>; additionalEventData?: Record<string, unknown> }[] }>(
      "LookupEvents",
      { "LookupAttribute.1.Key": "EventAccessKeyId", "LookupAttribute.1.Value": key.accessKeyId, "LookupAttribute.2.Key": "EventName", "LookupAttribute.2.Value": "DescribeRegions" },
      { method: "POST" },
    );
    expect(found.Events).toHaveLength(1);
    const [event] = found.Events;
    expect(event.requestParameters.Probe).toBe(`${"p".repeat(4096)}…[cut: ${probe.length - 4096} characters]`);
    expect(event.additionalEventData).toEqual({ cutParameters: ["Probe"] });
  });

  test("events stored 20,000 levels deep by an older version come back whole; the SDK pages past a deep one", async () => {
    test.setTimeout(120_000);
    const sdkUser = uniqueName("deep-sdk");
    const rawUser = uniqueName("deep-raw");
    // Two days ago and Read: out of the console's default views and of other specs' newest-Write lookups.
    const ago = (minutes: number) => 2 * 86_400_000 + minutes * 60_000;
    const text = (e: Record<string, unknown>) => JSON.stringify(e);
    const deep = (e: Record<string, unknown>, inner: string) => `${JSON.stringify({ ...e, requestParameters: null }).slice(0, -1)},"deep":${inner}}`;
    // 5,000 levels: deeper than JSON.stringify can write (the old server broke on it), within what the
    // SDK's own recursive parser (json-bigint) reads. 20,000: the event, beyond the SDK's parser.
    const sdkEvents = [
      text(craftEvent({ user: sdkUser, eventRW: "Read", agoMs: ago(1) })),
      deep(craftEvent({ user: sdkUser, eventRW: "Read", agoMs: ago(2) }), `${"[".repeat(5_000)}"bottom"${"]".repeat(5_000)}`),
      text(craftEvent({ user: sdkUser, eventRW: "Read", agoMs: ago(3) })),
    ];
    const rawEvents = [
      deep(craftEvent({ user: rawUser, eventRW: "Read", agoMs: ago(4) }), `${"[".repeat(20_000)}${"]".repeat(20_000)}`),
      deep(craftEvent({ user: rawUser, eventRW: "Read", agoMs: ago(5) }), `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`),
    ];
    const out = execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["e2e/store-events-directly.ts"], {
      cwd: ROOT,
      env: e2eEnv(),
      input: [...sdkEvents, ...rawEvents].join("\n"),
      encoding: "utf8",
    });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ stored: 5 });
    const key = createKey();
    const idOf = (raw: string) => (JSON.parse(raw) as { eventId: string }).eventId;

    await test.step("the SDK pages one event at a time past the 5,000-level one", async () => {
      const ids: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < 5; page++) {
        const res: { Events: { eventId: string; deep?: unknown }[]; NextToken?: string } = await client(key).request(
          "LookupEvents",
          { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": sdkUser, MaxResults: 1, ...(token ? { NextToken: token } : {}) },
          { method: "POST" },
        );
        ids.push(...res.Events.map((e) => e.eventId));
        if (res.Events[0]?.deep !== undefined) {
          let v: unknown = res.Events[0].deep;
          let depth = 0;
          while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
          expect([v, depth]).toEqual(["bottom", 5_000]);
        }
        token = res.NextToken;
        if (!token) break;
      }
      expect(ids).toEqual(sdkEvents.map(idOf));
    });

    await test.step("JSON: the 20,000-level events byte-for-byte, in a body that parses", async () => {
      const res = await fetch(signedUrl(MAIN, key, { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": rawUser }));
      expect(res.status).toBe(200);
      const body = await res.text();
      for (const raw of rawEvents) expect(body.includes(raw)).toBe(true);
      expect((JSON.parse(body) as { Events: { eventId: string }[] }).Events.map((e) => e.eventId)).toEqual(rawEvents.map(idOf));
    });

    await test.step("XML: the same events, converted whole into well-formed XML", async () => {
      const res = await fetch(signedUrl(MAIN, key, { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": rawUser, Format: "XML" }));
      expect(res.status).toBe(200);
      const xml = await res.text();
      // LookupEventsResponse > Events > deep > 20,000 nested <a>.
      expect(checkXmlElements(xml).maxDepth).toBe(20_000 + 3);
      for (const raw of rawEvents) expect(xml).toContain(`<eventId>${idOf(raw)}</eventId>`);
    });
  });
});
