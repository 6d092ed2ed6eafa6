// Outbound requests refused for internal addresses, at send time, on a real store: an alert webhook to a
// real receiver on 127.0.0.1 and trail delivery to a real S3 server (s3rver) on 127.0.0.1, by address and
// by the name "localhost", are refused with "blocked address" while not allowed (nothing reaches the
// server) and delivered once TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS lists the host. What the console shows
// for other failures is the generic reason, never the receiver's answer.
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAlertStep } from "@/lib/alerts/engine";
import { createAlertRule, ZAlertRuleInput, ZRuleFilters } from "@/lib/alerts/rules";
import { sealSecret } from "@/lib/crypto/secret-box";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { ALLOWED_OUTBOUND_HOSTS_ENV } from "@/lib/net/outbound";
import { createBucket, updateBucket } from "@/lib/trails/buckets";
import { InvalidInput } from "@/lib/errors";
import { STORES, onFreshStore } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";
import { freePort } from "../helpers/free-port";

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)("s3rver") as new (opts: Record<string, unknown>) => S3rverInstance;
const S3_KEY = "S3RVER";
const ACTOR = { username: "admin", kind: "console-user" as const, ip: "127.0.0.1" };

/** A receiver that answers each request with `answer` (status and a body the console must never show). */
async function receiver(answer: { status: number; body: string; headers?: Record<string, string> } | "hang") {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    if (answer === "hang") return;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}


function allow(hosts: string) {
  process.env[ALLOWED_OUTBOUND_HOSTS_ENV] = hosts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORES)("outbound requests on %s", (store) => {
  let dataDir = "";
  const saved = process.env[ALLOWED_OUTBOUND_HOSTS_ENV];
  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
  });
  afterEach(() => allow(saved ?? ""));
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** One event matching `rule` and one alert step; the attempts of the rule's latest delivery. */
  async function notify(ruleId: number, eventName: string, opts: { timeoutMs?: number } = {}) {
    await ingest([{ eventName, acsRegion: "cn-shanghai" }]);
    await runAlertStep({ backoffBaseMs: 10, maxAttempts: 5, timeoutMs: opts.timeoutMs ?? 500 });
    const d = await prisma.alertDelivery.findFirstOrThrow({ where: { ruleId }, orderBy: { id: "desc" }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });
    return d;
  }

  async function eventRule(name: string, eventName: string, url: string) {
    return (await createAlertRule({ name, trigger: "event", filters: ZRuleFilters.parse({ eventName }), webhookUrl: url, enabled: true }, { actor: ACTOR })).rule;
  }

  it("refuses a webhook to 127.0.0.1 until 127.0.0.1 is allowed, then delivers it", async () => {
    await runAlertStep(); // the alert checkpoints start at "now"
    const hook = await receiver({ status: 200, body: "ok" });
    try {
      const rule = await eventRule("loopback hook", "DeleteVpc", `http://127.0.0.1:${hook.port}/hook`);
      allow("");
      let d = await notify(rule.id, "DeleteVpc");
      expect(d.attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[null, "blocked address (127.0.0.1 is a loopback address)"]]);
      expect(d.status).toBe("pending");
      expect(hook.hits()).toBe(0);

      allow("localhost,127.0.0.1");
      await sleep(20);
      await runAlertStep({ backoffBaseMs: 10, maxAttempts: 5, timeoutMs: 500 });
      d = await prisma.alertDelivery.findUniqueOrThrow({ where: { id: d.id }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });
      expect(d.status).toBe("delivered");
      expect(d.attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[null, "blocked address (127.0.0.1 is a loopback address)"], [200, null]]);
      expect(hook.hits()).toBe(1);
    } finally {
      await hook.close();
    }
  });

  it("refuses a host name that resolves to a loopback address (localhost) unless the name is allowed", async () => {
    const hook = await receiver({ status: 204, body: "" });
    try {
      const rule = await eventRule("localhost hook", "DeleteVSwitch", `http://localhost:${hook.port}/hook`);
      // The address being allowed does not allow a name: the list is compared with the URL's host.
      allow("127.0.0.1,::1");
      const d = await notify(rule.id, "DeleteVSwitch");
      expect(d.attemptLog[0].error).toMatch(/^blocked address \(localhost resolves to (127\.0\.0\.1|::1), a loopback address\)$/);
      expect(hook.hits()).toBe(0);
      allow("LOCALHOST");
      await sleep(20);
      const ok = await notify(rule.id, "DeleteVSwitch");
      expect(ok.attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[204, null]]);
      // The refused one was retried in the same step, and went through as well.
      expect((await prisma.alertDelivery.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("delivered");
      expect(hook.hits()).toBe(2);
    } finally {
      await hook.close();
    }
  });

  it("refuses link-local, private and IPv4-mapped webhook addresses without connecting", async () => {
    allow("");
    const cases: [string, string][] = [
      ["http://169.254.169.254/latest/meta-data/", "blocked address (169.254.169.254 is a link-local address)"],
      ["http://10.0.0.5:8080/", "blocked address (10.0.0.5 is a private address)"],
      ["http://[::ffff:127.0.0.1]:9/", "blocked address (::ffff:7f00:1 is a loopback address (it embeds 127.0.0.1))"],
      ["http://0.0.0.0:9/", "blocked address (0.0.0.0 is the unspecified address)"],
    ];
    for (const [i, [url, reason]] of cases.entries()) {
      // Saved while its address was allowed (a rule is checked when saved); sent after that was taken back.
      allow(new URL(url).hostname);
      const rule = await eventRule(`internal ${i}`, `StopInstance${i}`, url);
      allow("");
      const d = await notify(rule.id, `StopInstance${i}`);
      expect(d.attemptLog.map((a) => a.error), url).toEqual([reason]);
      // Refused before a socket was opened: no time spent waiting on a connection.
      expect(d.attemptLog[0].durationMs, url).toBeLessThan(1_000);
    }
  });

  it("shows a generic reason for answers and failures, never the receiver's body, and does not follow redirects", async () => {
    allow("127.0.0.1");
    const failing = await receiver({ status: 503, body: "db-primary.internal:5432 is down (pg 15.4)" });
    const redirecting = await receiver({ status: 302, body: "moved", headers: { Location: "http://169.254.169.254/" } });
    const hanging = await receiver("hang");
    const closedPort = await freePort();
    try {
      const r1 = await eventRule("failing", "DeleteDisk", `http://127.0.0.1:${failing.port}/`);
      const r2 = await eventRule("redirecting", "DeleteImage", `http://127.0.0.1:${redirecting.port}/`);
      const r3 = await eventRule("hanging", "DeleteSnapshot", `http://127.0.0.1:${hanging.port}/`);
      const r4 = await eventRule("closed", "DeleteKeyPair", `http://127.0.0.1:${closedPort}/`);
      expect((await notify(r1.id, "DeleteDisk")).attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[503, "HTTP 503"]]);
      expect((await notify(r2.id, "DeleteImage")).attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[302, "HTTP 302"]]);
      expect(redirecting.hits()).toBe(1);
      expect((await notify(r3.id, "DeleteSnapshot", { timeoutMs: 300 })).attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[null, "timed out"]]);
      expect((await notify(r4.id, "DeleteKeyPair")).attemptLog.map((a) => [a.statusCode, a.error])).toEqual([[null, "connection refused"]]);
    } finally {
      await Promise.all([failing.close(), redirecting.close(), hanging.close()]);
    }
  });

  it("guards https:// the same way, and reports a certificate it cannot verify as a TLS error", async () => {
    // A self-signed certificate made for this test (openssl is part of every Debian system).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    let hits = 0;
    const server = https.createServer({ key: fs.readFileSync(`${dir}/key.pem`), cert: fs.readFileSync(`${dir}/cert.pem`) }, (req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const byAddress = await eventRule("tls address", "DeleteCertificate", `https://127.0.0.1:${port}/hook`);
      const byName = await eventRule("tls name", "DeleteCertificateByName", `https://localhost:${port}/hook`);
      allow("");
      expect((await notify(byAddress.id, "DeleteCertificate")).attemptLog.map((a) => a.error)).toEqual(["blocked address (127.0.0.1 is a loopback address)"]);
      expect((await notify(byName.id, "DeleteCertificateByName")).attemptLog[0].error).toMatch(/^blocked address \(localhost resolves to/);
      allow("127.0.0.1,localhost");
      expect((await notify(byAddress.id, "DeleteCertificate")).attemptLog.map((a) => a.error)).toEqual(["TLS error"]);
      // The TLS handshake failed: no request was ever sent.
      expect(hits).toBe(0);
      await prisma.alertRule.updateMany({ where: { id: { in: [byAddress.id, byName.id] } }, data: { enabled: false } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a rule or a bucket typed in with an internal address, with the reason and how to allow it", async () => {
    allow("");
    const rule = ZAlertRuleInput.safeParse({ name: "meta", trigger: "insight", insightType: "*", filters: {}, webhookUrl: "http://169.254.169.254/x", enabled: true });
    expect(rule.success).toBe(false);
    expect(rule.error?.flatten().fieldErrors.webhookUrl).toEqual([
      "169.254.169.254 is a link-local address, which webhooks may not reach. To allow it, add 169.254.169.254 to TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS on the server and restart it.",
    ]);
    const input = { name: "internal-s3", kind: "s3" as const, endpoint: "http://10.0.0.5:9000", region: "us-east-1", accessKeyId: "AK", secret: "SK" };
    const refused = await createBucket(input, { actor: ACTOR }).catch((e) => e);
    expect(refused).toBeInstanceOf(InvalidInput);
    expect((refused as InvalidInput).fields?.endpoint?.[0]).toMatch(/^10\.0\.0\.5 is a private address, which S3 endpoints may not reach\. To allow it, add 10\.0\.0\.5 to TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS/);
    expect(await prisma.bucket.count({ where: { name: "internal-s3" } })).toBe(0);
    allow("10.0.0.5");
    await createBucket(input, { actor: ACTOR });
    allow("");
    const update = await updateBucket("internal-s3", { ...input, endpoint: "http://[fd00::5]:9000" }, { actor: ACTOR }).catch((e) => e);
    expect((update as InvalidInput).fields?.endpoint?.[0]).toMatch(/^fd00::5 is a private address/);
  });

  describe("an S3 endpoint", () => {
    let port = 0;
    let dir = "";
    let server: S3rverInstance | undefined;
    let client: S3Client;
    const objects = async (bucket: string) => (await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.length ?? 0;
    const oss = (trailName: string) => prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName, destination: "oss" } } });

    beforeAll(async () => {
      port = await freePort();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-s3rver-"));
      server = new S3rver({ address: "127.0.0.1", port, directory: dir, silent: true });
      await server.run();
      client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_KEY } });
      for (const b of ["by-address", "by-name"]) await client.send(new CreateBucketCommand({ Bucket: b }));
      // Made directly: the endpoint is checked when it is used, whatever was stored.
      await prisma.bucket.createMany({
        data: [
          { name: "by-address", kind: "s3", endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", accessKeyId: S3_KEY, secretEncrypted: sealSecret(S3_KEY), forcePathStyle: true },
          { name: "by-name", kind: "s3", endpoint: `http://localhost:${port}`, region: "us-east-1", accessKeyId: S3_KEY, secretEncrypted: sealSecret(S3_KEY), forcePathStyle: true },
        ],
      });
      await createLoggingTrail({ name: "to-address", ossBucketName: "by-address" });
      await createLoggingTrail({ name: "to-name", ossBucketName: "by-name" });
    });
    afterAll(async () => {
      await server?.close();
      client?.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("is refused at 127.0.0.1 and by the name localhost until each is allowed, then delivers", async () => {
      let clock = Date.now();
      const engine = new DeliveryEngine({ now: () => new Date(clock) });
      await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }]);

      allow("");
      expect((await engine.step()).failures).toBe(2);
      expect((await oss("to-address")).latestDeliveryError).toBe("blocked address (127.0.0.1 is a loopback address)");
      expect((await oss("to-name")).latestDeliveryError).toMatch(/^blocked address \(localhost resolves to (127\.0\.0\.1|::1), a loopback address\)$/);
      expect([await objects("by-address"), await objects("by-name")]).toEqual([0, 0]);

      allow("127.0.0.1");
      clock += 2_000;
      expect((await engine.step()).failures).toBe(1);
      expect((await oss("to-address")).latestDeliveryError).toBeNull();
      expect((await oss("to-name")).latestDeliveryError).toMatch(/^blocked address \(localhost resolves to/);
      expect(await objects("by-address")).toBeGreaterThan(0);
      expect(await objects("by-name")).toBe(0);

      allow("127.0.0.1,localhost");
      clock += 4_000;
      await engine.runUntilIdle();
      expect((await oss("to-name")).latestDeliveryError).toBeNull();
      expect(await objects("by-name")).toBeGreaterThan(0);
    });

    it("records S3's error code, not its message, when the endpoint refuses", async () => {
      allow("127.0.0.1");
      await prisma.bucket.create({
        data: { name: "no-such", kind: "s3", endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", accessKeyId: S3_KEY, secretEncrypted: sealSecret(S3_KEY), forcePathStyle: true },
      });
      await createLoggingTrail({ name: "to-missing", ossBucketName: "no-such" });
      await ingest([{ acsRegion: "cn-hangzhou" }]);
      await new DeliveryEngine().step();
      expect((await oss("to-missing")).latestDeliveryError).toBe("NoSuchBucket (HTTP 404)");
    });
  });
});
