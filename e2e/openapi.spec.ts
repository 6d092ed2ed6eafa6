// The ActionTrail-compatible API driven by the OFFICIAL Alibaba Cloud SDK (@alicloud/pop-core), not our
// signer: paging through LookupEvents, DescribeRegions and Alibaba's error codes. Replay and stale
// timestamps need a chosen nonce/timestamp, so those two requests are signed by hand with lib/openapi/signature.
import { randomUUID } from "node:crypto";
import RPCClient from "@alicloud/pop-core";
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { API_VERSION, apiTimestamp, signedGetUrl, type SigningKey } from "../tests/helpers/openapi";
import { ROOT, cli, craftEvent, ingest, shot, uniqueName } from "./fixtures";
import { runExamples } from "../tests/helpers/api-examples";
import { v2Call } from "../tests/helpers/openapi-clients";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const ENDPOINT = `${BASE}/openapi`;
// The SDK always requests `${endpoint}/`: next.config.js sets skipTrailingSlashRedirect so that
// `/openapi/` is served as is (the SDK does not follow redirects).
const sdkEndpoint = ENDPOINT;
const VERSION = API_VERSION;

type KeyPair = SigningKey;

function createKey(user = "admin"): KeyPair {
  const out = cli(["access-key", "create", "--user", user, "--json"]);
  const line = out.trim().split("\n").reverse().find((l) => l.trim().startsWith("{"));
  if (!line) throw new Error(`access-key create printed no JSON: ${out}`);
  return JSON.parse(line) as KeyPair;
}

function client(k: KeyPair): RPCClient {
  return new RPCClient({ accessKeyId: k.accessKeyId, accessKeySecret: k.accessKeySecret, endpoint: sdkEndpoint, apiVersion: VERSION });
}

interface LookupResponse {
  RequestId: string;
  Events: Record<string, unknown>[];
  NextToken?: string;
  StartTime: string;
  EndTime: string;
}

async function sdkError(p: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; data?: Record<string, unknown> };
    return { code: String(err.code), data: err.data ?? {} };
  }
  throw new Error("the call succeeded; an error was expected");
}

/** A GET request signed by hand (the SDK picks its own nonce and timestamp). */
function signedUrl(k: KeyPair, extra: Record<string, string>): string {
  return signedGetUrl(ENDPOINT, k, "DescribeRegions", extra);
}

test.describe("ActionTrail-compatible API (official SDK)", () => {
  let key: KeyPair;
  test.beforeAll(async () => {
    key = createKey("admin");
    // The SDK's `<endpoint>/` must be answered directly, never redirected.
    const probe = await fetch(`${ENDPOINT}/?Action=DescribeRegions`, { redirect: "manual" });
    expect(probe.status).toBe(400);
    expect(((await probe.json()) as { Code: string }).Code).toBe("MissingParameter");
  });

  test("LookupEvents pages through 125 events of one user with NextToken, GET and POST", async ({ request }) => {
    test.setTimeout(120_000);
    const user = uniqueName("api-user");
    const events = Array.from({ length: 125 }, (_, i) => craftEvent({ user, agoMs: 60_000 + i * 1_000 }));
    await ingest(request, events);
    const byId = new Map(events.map((e) => [String(e.eventId), e]));

    for (const method of ["POST", "GET"] as const) {
      const seen = new Map<string, Record<string, unknown>>();
      let token: string | undefined;
      let pages = 0;
      do {
        const params: Record<string, unknown> = { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user, MaxResults: 50 };
        if (token) params.NextToken = token;
        const res = await client(key).request<LookupResponse>("LookupEvents", params, { method });
        expect(res.RequestId).toMatch(/^[0-9A-F-]{36}$/i);
        expect(res.StartTime).toBeTruthy();
        expect(res.EndTime).toBeTruthy();
        expect(res.Events.length).toBeLessThanOrEqual(50);
        for (const ev of res.Events) {
          const id = String(ev.eventId);
          expect(seen.has(id), `event ${id} returned twice`).toBe(false);
          seen.set(id, ev);
        }
        token = res.NextToken;
        pages++;
      } while (token && pages < 10);
      expect(pages).toBe(3);
      expect(seen.size).toBe(125);
      for (const [id, ev] of seen) expect(ev).toEqual(byId.get(id));
      // Newest first, as ingested (event i is i seconds older).
      expect([...seen.keys()]).toEqual(events.map((e) => String(e.eventId)));
    }
  });

  test("DescribeRegions lists the 23 ActionTrail regions", async () => {
    const res = await client(key).request<{ RequestId: string; Regions: { Region: { RegionId: string; LocalName: string; RegionEndpoint: string }[] } }>(
      "DescribeRegions",
      {},
      { method: "POST" },
    );
    expect(res.Regions.Region).toHaveLength(23);
    const hz = res.Regions.Region.find((r) => r.RegionId === "cn-hangzhou");
    expect(hz?.RegionEndpoint).toBe("actiontrail.cn-hangzhou.aliyuncs.com");
  });

  test("errors carry Alibaba's codes", async () => {
    const wrong = await sdkError(client({ ...key, accessKeySecret: "x".repeat(30) }).request("DescribeRegions", {}, { method: "POST" }));
    expect(wrong.code).toBe("SignatureDoesNotMatch");
    expect(String(wrong.data.Message)).toContain("POST&%2F&");
    expect(wrong.data.HostId).toBe("trailkeeper");
    expect(String(wrong.data.RequestId)).toMatch(/^[0-9A-F-]{36}$/i);

    const unknown = await sdkError(client({ ...key, accessKeyId: "LTAI00000000000000000000" }).request("DescribeRegions", {}, {}));
    expect(unknown.code).toBe("InvalidAccessKeyId.NotFound");

    const disabled = createKey("auditor");
    await client(disabled).request("DescribeRegions", {}, {});
    cli(["access-key", "disable", disabled.accessKeyId]);
    expect((await sdkError(client(disabled).request("DescribeRegions", {}, {}))).code).toBe("InvalidAccessKeyId.Inactive");

    expect((await sdkError(client(key).request("NoSuchAction", {}, {}))).code).toBe("InvalidAction.NotFound");

    const hundredDaysAgo = new Date(Date.now() - 100 * 86_400_000).toISOString();
    const old = await sdkError(client(key).request("LookupEvents", { StartTime: hundredDaysAgo }, { method: "POST" }));
    expect(old.code).toBe("InvalidParameter");
    expect(String(old.data.Message)).toContain("StartTime");

    const badVersion = await sdkError(
      new RPCClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, endpoint: sdkEndpoint, apiVersion: "2014-01-01" }).request("DescribeRegions", {}, {}),
    );
    expect(badVersion.code).toBe("InvalidVersion");

    const badMax = await sdkError(client(key).request("LookupEvents", { MaxResults: 51 }, {}));
    expect(badMax.code).toBe("InvalidParameter");
  });

  test("each successful call is itself an ApiCall Read event of the AccessKey", async () => {
    const own = createKey("auditor");
    await client(own).request("DescribeRegions", {}, { method: "POST" });
    const lookup = () =>
      client(key).request<LookupResponse>(
        "LookupEvents",
        {
          "LookupAttribute.1.Key": "EventAccessKeyId",
          "LookupAttribute.1.Value": own.accessKeyId,
          "LookupAttribute.2.Key": "EventName",
          "LookupAttribute.2.Value": "DescribeRegions",
        },
        { method: "POST" },
      );
    // Written by the audit queue within its interval (lib/audit/queue.ts), off the request path.
    await expect.poll(async () => (await lookup()).Events.length, { timeout: 5_000 }).toBe(1);
    const res = await lookup();
    const ev = res.Events[0];
    expect(ev).toMatchObject({ eventName: "DescribeRegions", eventRW: "Read", eventType: "ApiCall", serviceName: "Actiontrail" });
    expect(ev.userIdentity).toMatchObject({ accessKeyId: own.accessKeyId, userName: "auditor" });
    expect(String(ev.userAgent)).toContain("AlibabaCloud");
    expect(ev.sourceIpAddress).toBe("127.0.0.1");
  });

  test("a NextToken only continues the query that made it", async ({ request }) => {
    const user = uniqueName("api-token");
    await ingest(request, Array.from({ length: 3 }, (_, i) => craftEvent({ user, agoMs: 60_000 + i * 1_000 })));
    const first = await client(key).request<LookupResponse>(
      "LookupEvents",
      { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user, MaxResults: 1 },
      { method: "POST" },
    );
    expect(first.NextToken).toBeTruthy();
    const other = await sdkError(
      client(key).request("LookupEvents", { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": `${user}-x`, MaxResults: 1, NextToken: first.NextToken }, { method: "POST" }),
    );
    expect(other.code).toBe("InvalidParameter");
    expect(String(other.data.Message)).toContain("NextToken");
  });

  test("a reused nonce and a stale timestamp are refused", async () => {
    const nonce = randomUUID();
    const url = signedUrl(key, { SignatureNonce: nonce });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    const replay = await fetch(url);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { Code: string }).Code).toBe("SignatureNonceUsed");

    const stale = await fetch(signedUrl(key, { Timestamp: apiTimestamp(new Date(Date.now() - 20 * 60_000)) }));
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { Code: string }).Code).toBe("InvalidTimeStamp.Expired");

    const missing = await fetch(`${ENDPOINT}?Action=DescribeRegions&Version=${VERSION}`);
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { Code: string; Message: string; RequestId: string; HostId: string };
    expect(body.Code).toBe("MissingParameter");
    expect(body.Message).toBe("The input parameter AccessKeyId that is mandatory for processing this request is not supplied.");
  });

  test("the trail actions run unchanged through the SDK: create, describe, stop, status, start, update, history job, delete", async () => {
    const bucket = uniqueName("api-bkt").toLowerCase();
    cli(["bucket", "create", "--name", bucket]);
    const name = uniqueName("apitrail").replace(/[^A-Za-z0-9_-]/g, "").slice(0, 30);
    const c = client(key);
    type Trail = Record<string, unknown>;
    const created = await c.request<Trail>("CreateTrail", { Name: name, OssBucketName: bucket, OssKeyPrefix: "sdk", EventRW: "All", RegionId: "cn-zhangjiakou" }, { method: "POST" });
    expect(created).toMatchObject({ Name: name, HomeRegion: "cn-zhangjiakou", OssBucketName: bucket, OssKeyPrefix: "sdk", EventRW: "All", TrailRegion: "All" });

    const described = await c.request<{ TrailList: Trail[] }>("DescribeTrails", { RegionId: "cn-zhangjiakou", NameList: name }, {});
    expect(described.TrailList).toHaveLength(1);
    // As ActionTrail: a new trail does not log until StartLogging.
    expect(described.TrailList[0]).toMatchObject({ Name: name, Status: "Fresh" });
    expect(await c.request<Trail>("GetTrailStatus", { Name: name }, {})).toMatchObject({ IsLogging: false });
    await c.request("StartLogging", { Name: name }, { method: "POST" });
    expect(await c.request<Trail>("GetTrailStatus", { Name: name }, {})).toMatchObject({ IsLogging: true });

    await c.request("StopLogging", { Name: name }, { method: "POST" });
    expect(await c.request<Trail>("GetTrailStatus", { Name: name }, {})).toMatchObject({ IsLogging: false });
    await c.request("StartLogging", { Name: name }, { method: "POST" });
    expect(await c.request<Trail>("GetTrailStatus", { Name: name }, {})).toMatchObject({ IsLogging: true });
    const updated = await c.request<Trail>("UpdateTrail", { Name: name, EventRW: "Write" }, { method: "POST" });
    expect(updated).toMatchObject({ EventRW: "Write", OssBucketName: bucket });

    // The console shows what the API made.
    const { JobId } = await c.request<{ JobId: number }>("CreateDeliveryHistoryJob", { TrailName: name }, { method: "POST" });
    const job = await c.request<{ JobId: number; TrailName: string; JobStatus: number }>("GetDeliveryHistoryJob", { JobId }, {});
    expect(job).toMatchObject({ JobId, TrailName: name });
    const listed = await c.request<{ DeliveryHistoryJobs: { JobId: number }[]; TotalCount: number }>("ListDeliveryHistoryJobs", { PageSize: 100 }, {});
    expect(listed.DeliveryHistoryJobs.map((j) => j.JobId)).toContain(JobId);

    await c.request("DeleteTrail", { Name: name }, { method: "POST" });
    const gone = await sdkError(c.request("GetTrailStatus", { Name: name }, {}));
    expect(gone.code).toBe("TrailNotFoundException");
  });

  test("an AccessKey acts with its owner's role: an auditor's key reads trails but is refused CreateTrail", async () => {
    const auditorKey = createKey("auditor");
    const c = client(auditorKey);
    await c.request("DescribeTrails", {}, {});
    const refused = await sdkError(c.request("CreateTrail", { Name: "auditor-made-trail", SlsProjectArn: "acs:log:cn-hangzhou:1:project/p" }, { method: "POST" }));
    expect(refused.code).toBe("Forbidden.RAM");
    expect(String(refused.data.Message)).toContain("CreateTrail");
    const trails = await client(key).request<{ TrailList: { Name: string }[] }>("DescribeTrails", {}, {});
    expect(trails.TrailList.map((t) => t.Name)).not.toContain("auditor-made-trail");
  });

  test("GetEventsCount and Direction=FORWARD agree with the events ingested", async ({ request }) => {
    const user = uniqueName("api-count");
    const events = Array.from({ length: 12 }, (_, i) => craftEvent({ user, agoMs: 600_000 - i * 1_000 }));
    await ingest(request, events);
    const attrs = { "LookupAttribute.1.Key": "User", "LookupAttribute.1.Value": user };
    const count = await client(key).request<{ EventsCount: number }>("GetEventsCount", attrs, {});
    expect(count.EventsCount).toBe(12);
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const res: LookupResponse = await client(key).request<LookupResponse>("LookupEvents", { ...attrs, Direction: "FORWARD", MaxResults: 5, ...(token ? { NextToken: token } : {}) }, {});
      ids.push(...res.Events.map((e) => String(e.eventId)));
      token = res.NextToken;
    } while (token);
    // craftEvent i is (600 - i) seconds old: oldest first is ingestion order.
    expect(ids).toEqual(events.map((e) => String(e.eventId)));
  });

  test("an endpoint given as the bare host works too (how the aliyun CLI is configured)", async () => {
    const atRoot = new RPCClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, endpoint: BASE, apiVersion: VERSION });
    for (const method of ["GET", "POST"] as const) {
      const res = await atRoot.request<{ Regions: { Region: unknown[] } }>("DescribeRegions", {}, { method });
      expect(res.Regions.Region).toHaveLength(23);
    }
    expect((await sdkError(atRoot.request("NoSuchAction", {}, {}))).code).toBe("InvalidAction.NotFound");
  });

  test("Format=XML answers in Alibaba's XML shape", async () => {
    const res = await fetch(signedUrl(key, { Action: "DescribeRegions", Format: "XML" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    const text = await res.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><DescribeRegionsResponse><RequestId>[0-9A-F-]{36}<\/RequestId><Regions><Region><RegionId>/);
    const err = await fetch(signedUrl(key, { Action: "NoSuchAction", Format: "XML" }));
    expect(err.status).toBe(404);
    expect(await err.text()).toContain("<Code>InvalidAction.NotFound</Code>");
  });

  test("the API page lists every action and error, and its Node and curl examples run as written", async ({ page }) => {
    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
    for (const action of ["LookupEvents", "CreateTrail", "GetTrailStatus", "ListDeliveryHistoryJobs", "GetEventsCount"]) {
      await expect(page.locator(`tr#${action}`)).toBeVisible();
    }
    await expect(page.getByRole("cell", { name: "Forbidden.RAM" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Endpoint" })).toContainText(`${BASE}/openapi`);
    await shot(page, "api-reference");

    const fill = (code: string) => code.replaceAll("<AccessKeyId>", key.accessKeyId).replaceAll("<AccessKeySecret>", key.accessKeySecret);
    const node = fill(await page.getByRole("region", { name: "Node.js SDK V1 example" }).locator("pre").innerText());
    // Playwright sets FORCE_COLOR, which would colour console.log's numbers.
    const plain = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
    const nodeOut = execFileSync("node", ["-e", node], { cwd: ROOT, env: plain, encoding: "utf8", timeout: 30_000 });
    expect(nodeOut).toMatch(/^\d+ events; next page: /);
    const nodeV2 = fill(await page.getByRole("region", { name: "Node.js SDK V2.0 example" }).locator("pre").innerText());
    const nodeV2Out = execFileSync("node", ["-e", nodeV2], { cwd: ROOT, env: plain, encoding: "utf8", timeout: 30_000 });
    expect(nodeV2Out).toMatch(/^\d+ events; next page: /);

    const curl = fill(await page.getByRole("region", { name: "curl example" }).locator("pre").innerText());
    const curlOut = JSON.parse(execFileSync("bash", ["-c", curl], { encoding: "utf8", timeout: 30_000 })) as { TrailList?: unknown[]; Code?: string };
    expect(curlOut.Code).toBeUndefined();
    expect(Array.isArray(curlOut.TrailList)).toBe(true);
  });
});

test.describe("ActionTrail SDK V2.0 (ACS3-HMAC-SHA256) against the whole server", () => {
  let key: KeyPair;
  test.beforeAll(() => {
    key = createKey("admin");
  });

  test("a call at the bare host or /openapi is always an API answer in JSON, never the sign-in page", async () => {
    for (const [url, init] of [
      [`${BASE}/`, { method: "POST", headers: { "x-acs-action": "LookupEvents", "x-acs-version": VERSION } }],
      [`${BASE}/`, { method: "GET", headers: { "x-acs-action": "LookupEvents" } }],
      [`${BASE}/?Action=LookupEvents`, { method: "GET" }],
      [`${BASE}/openapi`, { method: "POST", headers: { "x-acs-action": "LookupEvents" } }],
      [`${BASE}/openapi`, { method: "PUT" }],
    ] as const) {
      const res = await fetch(url, { ...init, redirect: "manual" });
      expect(res.status, `${init.method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.headers.get("content-type"), `${init.method} ${url}`).toContain("application/json");
      const body = (await res.json()) as Record<string, unknown>;
      expect(body, `${init.method} ${url}`).toMatchObject({ RequestId: expect.any(String), Code: expect.any(String), Message: expect.any(String) });
    }
  });

  test("every action's example on the API page runs through the V2.0 core at the bare host", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/docs/api");
    const examples = await page.locator("code[data-example]").evaluateAll((els) =>
      els.map((el) => ({
        action: el.getAttribute("data-example")!,
        params: el.textContent === "(none)" ? {} : (JSON.parse(el.textContent ?? "{}") as Record<string, string>),
        saves: (el.getAttribute("data-saves") ?? "").split(",").filter(Boolean),
        last: el.getAttribute("data-last") === "true",
      })),
    );
    expect(examples.length).toBeGreaterThan(10);
    const server = { origin: BASE, host: BASE.replace(/^http:\/\//, ""), close: async () => {} };
    const docs = examples.map((e) => ({ action: e.action, example: { params: e.params, saves: e.saves, last: e.last } }));
    // The server answers TRAILKEEPER_API_RATE calls a second per key (20 by default), fewer than the
    // examples: a throttled call waits for the next second, as an SDK user's retry would.
    const paced = async (action: string, params: Record<string, string>): Promise<Record<string, unknown>> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await v2Call(server, key, action, params);
        } catch (e) {
          if ((e as { code?: string }).code !== "Throttling.User" || attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, 1_100));
        }
      }
    };
    const runs = await runExamples(docs as never, paced, key.accessKeyId, async () => {
      // The history job the examples started: the worker delivers it before it can be deleted.
      await expect
        .poll(async () => {
          const list = await v2Call(server, key, "ListDeliveryHistoryJobs", { PageSize: "1" });
          return (list.DeliveryHistoryJobs as { JobStatus: number }[])[0]?.JobStatus;
        }, { timeout: 60_000 })
        .toBeGreaterThanOrEqual(2);
    });
    expect(runs.map((r) => r.action).sort()).toEqual(examples.map((e) => e.action).sort());
  });
});
