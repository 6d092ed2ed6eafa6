// The Integrity console's server side on both stores: a "Verify now" job from queued to its report with
// progress, a failed verification (console job and CLI) recorded as a sensitive event that fires an
// alert rule to a real local webhook, and "Verify this event" passing, then naming a tampered file and
// log store row.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { runAlertStep } from "@/lib/alerts/engine";
import { createAlertRule, ruleSecret, ZRuleFilters } from "@/lib/alerts/rules";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "@/lib/alerts/signing";
import { disconnectDb, prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { localBucketDir } from "@/lib/delivery/object-store";
import { findEventById } from "@/lib/events/query";
import { DigestEngine } from "@/lib/integrity/digests";
import { signStoreCheckpoint } from "@/lib/integrity/store-checkpoints";
import { findEventPlacement, verifyEvent, type StoredEvent } from "@/lib/integrity/event-check";
import { publicKeysText } from "@/lib/integrity/keys";
import { getIntegrityOverview } from "@/lib/integrity/overview";
import { VERIFICATION_FAILED_CODE } from "@/lib/integrity/verification-audit";
import { getVerification, runVerificationStep, startVerification } from "@/lib/integrity/verification-jobs";
import { verifyTrail, type VerifyProgress } from "@/lib/integrity/verify-trail";
import { runCli } from "../helpers/cli";
import { STORES, useFreshDatabase } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir, type IngestedEvent } from "./delivery-helpers";
import { webhookReceiver } from "../helpers/webhook";

const BUCKET = "console-archive";
const TRAIL = "console-trail";
const INTERVAL = 10_000;
const ADMIN: Actor = { username: "alice.admin", kind: "console-user", ip: "192.0.2.10", userAgent: "test-browser" };

function logFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".gz")).map((f) => path.join(dir, f));
}


async function stored(eventId: string): Promise<StoredEvent> {
  const row = (await findEventById(eventId))!;
  return { id: row.id, eventId: row.eventId, eventTime: row.eventTime, acsRegion: row.acsRegion, raw: row.raw };
}

describe.each(STORES)("the Integrity console on %s", (store) => {
  let url = "";
  let dataDir = "";
  let events: IngestedEvent[] = [];
  beforeAll(async () => {
    url = await useFreshDatabase(store);
    dataDir = useTempDataDir();
    await prisma.bucket.create({ data: { name: BUCKET, kind: "local" } });
    await createLoggingTrail({ name: TRAIL, ossBucketName: BUCKET, logStoreEnabled: true });
    let clock = Date.now();
    const now = () => new Date(clock);
    events = await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }, { acsRegion: "cn-hangzhou" }]);
    await new DeliveryEngine({ now }).runUntilIdle();
    const digests = new DigestEngine({ now, intervalMs: INTERVAL });
    for (let i = 0; i < 2; i++) {
      clock = Math.floor(clock / INTERVAL) * INTERVAL + INTERVAL;
      await digests.step();
    }
  });
  afterAll(async () => {
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows no verification first, then runs a queued job to its report with progress", async () => {
    let overview = await getIntegrityOverview();
    const t = overview.trails.find((x) => x.name === TRAIL)!;
    expect(t.latest).toBeNull();
    expect(t.digests.map((d) => d.destination)).toEqual(["oss", "logstore"]);
    const oss = t.digests[0];
    expect(oss.keys).toHaveLength(2); // one per region of the trail
    expect(oss.keys.every((k) => k.includes("AliyunLogs/Actiontrail-Digest/"))).toBe(true);
    expect(oss.writtenAt).not.toBeNull();
    expect(overview.keys).toHaveLength(1);

    const job = await startVerification(TRAIL, { actor: ADMIN });
    expect(job.status).toBe("Queued");
    await expect(startVerification(TRAIL, { actor: ADMIN })).rejects.toThrow(/is queued; wait for its result/);
    await expect(startVerification("no-such-trail", { actor: ADMIN })).rejects.toThrow(/does not exist/);
    const started = await prisma.event.findFirstOrThrow({ where: { eventName: "StartTrailVerification" } });
    expect(JSON.parse(started.raw)).toMatchObject({ userIdentity: { userName: ADMIN.username }, additionalEventData: { JobId: job.id } });

    expect(await runVerificationStep()).toEqual({ ran: 1, more: true });
    expect(await runVerificationStep()).toEqual({ ran: 0, more: false });
    const done = (await getVerification(job.id))!;
    expect(done).toMatchObject({ status: "Finished", problemCount: 0, phase: "logStore" });
    expect(done.checked).toBe(done.total);
    expect(done.report).toMatchObject({ ok: true, trail: TRAIL, problems: [], summary: { bucket: { logFiles: 2 }, logStore: { rows: 3 } } });
    overview = await getIntegrityOverview();
    expect(overview.trails[0].lastResult?.id).toBe(job.id);
    // A clean verification is not an event of its own.
    expect(await prisma.event.count({ where: { eventName: "VerifyTrail" } })).toBe(0);

    // The progress the job records: objects read of those listed, then rows, never past the total.
    const seen: VerifyProgress[] = [];
    await verifyTrail(TRAIL, {}, new Date(), { onProgress: (p) => seen.push(p) });
    const bucket = seen.filter((p) => p.phase === "bucket");
    expect(bucket.at(-1)).toEqual({ phase: "bucket", checked: bucket.at(-1)!.total, total: 6 }); // 2 log files (one per region) and 4 digests
    expect(bucket.every((p, i) => p.checked <= p.total && (i === 0 || p.checked >= bucket[i - 1].checked))).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: "logStore", checked: 3, total: 3 });
  });

  it("takes over a job whose worker died, and fails one whose trail is gone", async () => {
    const stale = await prisma.integrityVerification.create({
      data: { trailName: TRAIL, status: "Running", actor: JSON.stringify(ADMIN), createdBy: ADMIN.username, heartbeatAt: new Date(Date.now() - 120_000), checked: 2, total: 6 },
    });
    const gone = await prisma.integrityVerification.create({ data: { trailName: "deleted-trail", status: "Queued", actor: "{}", createdBy: "bob" } });
    // A running job with a fresh heartbeat belongs to a live worker: left alone.
    const live = await prisma.integrityVerification.create({
      data: { trailName: "other-trail", status: "Running", actor: "{}", createdBy: "bob", heartbeatAt: new Date() },
    });
    await runVerificationStep();
    await runVerificationStep();
    expect(await runVerificationStep()).toEqual({ ran: 0, more: false });
    expect(await getVerification(stale.id)).toMatchObject({ status: "Finished", problemCount: 0 });
    expect(await getVerification(gone.id)).toMatchObject({ status: "Failed", error: "Trail deleted-trail does not exist" });
    expect(await getVerification(live.id)).toMatchObject({ status: "Running" });
    await prisma.integrityVerification.deleteMany({ where: { id: live.id } });
  });

  it("verifies an event: its file, the signed digest that lists it, its exact bytes, its log store row", async () => {
    const e = await stored(events[1].eventId);
    const placement = await findEventPlacement(e);
    expect(placement.files).toHaveLength(1);
    expect(placement.files[0].key).toContain("/cn-shanghai/");
    expect(placement.files[0].digest?.key).toContain("Actiontrail-Digest/cn-shanghai/");
    expect(placement.logStoreRows).toHaveLength(1);

    // Chained but not signed yet: pending, not failed; signed by a checkpoint: passed.
    const unsigned = await verifyEvent(e);
    expect(unsigned.ok).toBe(true);
    expect(unsigned.checks[0]).toMatchObject({ id: expect.stringMatching(/^store-chain:block \d+$/), status: "pending" });
    await signStoreCheckpoint({ force: true });
    const ok = await verifyEvent(e);
    expect(ok.ok).toBe(true);
    expect(ok.checks.map((c) => [c.id.split(":")[0], c.status])).toEqual([
      ["store-chain", "ok"], ["file-read", "ok"], ["digest-signature", "ok"], ["file-sha256", "ok"], ["event-bytes", "ok"],
      ["log-store-row", "ok"], ["log-store-bytes", "ok"], ["log-store-digest", "ok"],
    ]);

    // The file rewritten with one byte of the event changed: valid gzip, wrong hash, wrong bytes.
    const file = path.join(localBucketDir(BUCKET), placement.files[0].key);
    const original = fs.readFileSync(file);
    const text = zlib.gunzipSync(original).toString("utf8").replace('"eventVersion" :  1', '"eventVersion" :  2');
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text)));
    const row = await prisma.logStoreEvent.findFirstOrThrow({ where: { eventId: e.eventId } });
    await prisma.logStoreEvent.update({ where: { id: row.id }, data: { raw: row.raw.replace("cn-shanghai", "cn-beijing") } });
    // And its query store row: its user name, which a filter would no longer find.
    const eventRow = await prisma.event.findUniqueOrThrow({ where: { eventId: e.eventId } });
    await prisma.event.update({ where: { id: eventRow.id }, data: { userName: "someone-else" } });
    try {
      const bad = await verifyEvent(e);
      expect(bad.ok).toBe(false);
      const status = Object.fromEntries(bad.checks.map((c) => [c.id.split(":")[0], c]));
      expect(status["file-sha256"]).toMatchObject({ status: "failed", detail: expect.stringContaining("the signed digest lists") });
      expect(status["event-bytes"]).toMatchObject({ status: "failed", detail: "the file holds a line with this eventId whose bytes differ from the stored event" });
      expect(status["digest-signature"].status).toBe("ok");
      expect(status["log-store-row"]).toMatchObject({ status: "failed", detail: expect.stringContaining("changed after delivery") });
      expect(status["log-store-bytes"].status).toBe("failed");
      expect(status["store-chain"]).toMatchObject({ status: "failed", label: expect.stringMatching(/^Query store chain \(block \d+\)$/) });
    } finally {
      await prisma.event.update({ where: { id: eventRow.id }, data: { userName: eventRow.userName } });
      fs.writeFileSync(file, original);
      await prisma.logStoreEvent.update({ where: { id: row.id }, data: { raw: row.raw } });
    }
    expect((await verifyEvent(e)).ok).toBe(true);

    const fresh = await stored((await ingest([{ acsRegion: "cn-hangzhou" }]))[0].eventId);
    expect(await verifyEvent(fresh)).toMatchObject({ ok: true, checks: [{ status: "pending" }, { id: "delivered", status: "pending" }] });
  });

  it("records a failed verification as a sensitive event that fires an alert rule, from the console and the CLI", async () => {
    const hook = await webhookReceiver();
    try {
      await runAlertStep(); // the alert checkpoint starts now
      const { rule } = await createAlertRule(
        { name: "integrity", trigger: "event", filters: ZRuleFilters.parse({ sensitive: "true", errorCode: VERIFICATION_FAILED_CODE }), webhookUrl: hook.url, enabled: true },
        { actor: ADMIN },
      );
      const [file] = logFiles(localBucketDir(BUCKET));
      const original = fs.readFileSync(file);
      fs.writeFileSync(file, Buffer.concat([original, Buffer.from("x")]));
      try {
        const job = await startVerification(TRAIL, { actor: ADMIN });
        await runVerificationStep();
        const done = (await getVerification(job.id))!;
        expect(done).toMatchObject({ status: "Finished", problemCount: 1 });
        expect(done.report!.problems).toEqual([{ kind: "modified", target: path.relative(localBucketDir(BUCKET), file), detail: expect.stringContaining("its SHA-256 is") }]);

        const recorded = await prisma.event.findFirstOrThrow({ where: { eventName: "VerifyTrail" } });
        expect(recorded).toMatchObject({ sensitive: true, errorCode: VERIFICATION_FAILED_CODE, userName: ADMIN.username, sourceIp: ADMIN.ip });
        const json = JSON.parse(recorded.raw);
        expect(json).toMatchObject({
          sensitive: true,
          requestParameters: { TrailName: TRAIL, Via: "console", JobId: job.id },
          referencedResources: { "ACS::ActionTrail::Trail": [TRAIL] },
          additionalEventData: { problemCount: 1, problemsByKind: { modified: 1 } },
        });
        expect(json.errorMessage).toMatch(/^1 integrity problem \(1 modified\): Trail console-trail: .*: 1 problem found\.$/);

        const cli = await runCli(["verify", "trail", TRAIL], { databaseUrl: url });
        expect(cli.code).toBe(1);
        const fromCli = await prisma.event.findMany({ where: { eventName: "VerifyTrail" }, orderBy: { id: "asc" } });
        expect(fromCli).toHaveLength(2);
        expect(JSON.parse(fromCli[1].raw)).toMatchObject({ sensitive: true, errorCode: VERIFICATION_FAILED_CODE, requestParameters: { Via: "cli" }, userIdentity: { type: "root-account" } });

        const step = await runAlertStep();
        expect(step.queued).toBe(2);
        expect(hook.received).toHaveLength(2);
        const secret = await ruleSecret(rule.id);
        for (const r of hook.received) {
          const headers = { timestamp: r.headers[TIMESTAMP_HEADER.toLowerCase()] as string, signature: r.headers[SIGNATURE_HEADER.toLowerCase()] as string };
          expect(verifyWebhook(secret, headers, r.body)).toBe(true);
          expect(JSON.parse(r.body)).toMatchObject({ kind: "event", rule: { id: rule.id }, event: { eventName: "VerifyTrail", errorCode: VERIFICATION_FAILED_CODE, sensitive: true } });
        }
      } finally {
        fs.writeFileSync(file, original);
      }
    } finally {
      await hook.close();
    }
  });

  it("serves the public keys as `digest public-key [--all]` prints them", async () => {
    const cli = await runCli(["digest", "public-key"], { databaseUrl: url });
    expect(await publicKeysText()).toBe(cli.stdout);
    const all = await runCli(["digest", "public-key", "--all"], { databaseUrl: url });
    expect(await publicKeysText({ all: true })).toBe(all.stdout);
  });
});
