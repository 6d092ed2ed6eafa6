// Trail, bucket and history-job management on every store: the rules that need the database, the
// checkpoint rows the delivery worker reads (trail_destinations), and the self-audit of each change.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { openSecret, resetServerKeyCache } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { createBucket, deleteBucket, getBucketCredentials, listBuckets, localBucketDir, updateBucket } from "@/lib/trails/buckets";
import { AppError, NotFound } from "@/lib/errors";
import { cancelHistoryJob, createHistoryJob, deleteHistoryJob, listHistoryJobs } from "@/lib/trails/history-jobs";
import { bucketByHour, getTrailStatus } from "@/lib/trails/status";
import { createTrail, deleteTrail, getTrail, listTrails, startLogging, stopLogging, trailStatus, updateTrail } from "@/lib/trails/trails";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const ADMIN: Actor = { username: "trail-admin", kind: "console-user", ip: "192.0.2.10", userAgent: "vitest-browser" };
const CLI: Actor = { username: "operator", kind: "cli" };
const DAY = 86_400_000;

async function ingest(n: number, overrides: Record<string, unknown> = {}): Promise<void> {
  const events = Array.from({ length: n }, () => makeEvent(overrides));
  const r = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
  expect(r.failed).toEqual([]);
}

async function maxEventId(): Promise<number> {
  return (await prisma.event.aggregate({ _max: { id: true } }))._max.id ?? 0;
}

async function destinations(trailName: string) {
  return prisma.trailDestination.findMany({ where: { trailName }, select: { destination: true, checkpoint: true }, orderBy: { destination: "asc" } });
}

/** The self-audit events of `eventName`, newest first, as parsed JSON. */
async function auditEvents(eventName: string): Promise<Record<string, any>[]> {
  const rows = await prisma.event.findMany({ where: { serviceName: "Actiontrail", eventName }, select: { raw: true }, orderBy: { id: "desc" } });
  return rows.map((r) => JSON.parse(r.raw));
}

function expectFieldError(e: unknown, field: string, message: RegExp | string) {
  expect(e).toBeInstanceOf(AppError);
  const messages = (e as AppError).fields?.[field] ?? [];
  expect(messages.some((m) => (typeof message === "string" ? m === message : message.test(m))), `${field}: ${messages.join(" | ")}`).toBe(true);
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe.each(STORES)("trails on %s", (store) => {
  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_DATA_DIR = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `trails-${store}-`));
    resetServerKeyCache();
  });

  it("creates local and S3 buckets; the S3 secret is stored sealed and opens back", async () => {
    const local = await createBucket({ name: "audit-local" }, { actor: ADMIN });
    expect(local).toMatchObject({ name: "audit-local", kind: "local", hasSecret: false, usedBy: [] });
    expect(fs.statSync(localBucketDir("audit-local")).isDirectory()).toBe(true);

    const s3 = await createBucket(
      { name: "audit-s3", kind: "s3", endpoint: "http://127.0.0.1:4568", region: "us-east-1", accessKeyId: "S3RVER", secret: "very-secret-value" },
      { actor: ADMIN },
    );
    expect(s3).toMatchObject({ kind: "s3", endpoint: "http://127.0.0.1:4568", hasSecret: true });
    expect(JSON.stringify(s3)).not.toContain("very-secret-value");
    const row = await prisma.bucket.findUniqueOrThrow({ where: { name: "audit-s3" } });
    expect(row.secretEncrypted).toMatch(/^v1\./);
    expect(row.secretEncrypted).not.toContain("very-secret-value");
    expect(openSecret(row.secretEncrypted!)).toBe("very-secret-value");
    expect((await getBucketCredentials("audit-s3"))?.secret).toBe("very-secret-value");

    // An update with a blank secret keeps it; a new one replaces it.
    await updateBucket("audit-s3", { kind: "s3", endpoint: "http://127.0.0.1:4569", region: "us-east-1", accessKeyId: "S3RVER" }, { actor: ADMIN });
    expect((await getBucketCredentials("audit-s3"))).toMatchObject({ endpoint: "http://127.0.0.1:4569", secret: "very-secret-value" });
    await updateBucket("audit-s3", { kind: "s3", endpoint: "http://127.0.0.1:4569", region: "us-east-1", accessKeyId: "S3RVER", secret: "rotated" }, { actor: ADMIN });
    expect((await getBucketCredentials("audit-s3"))?.secret).toBe("rotated");

    expectFieldError(await caught(createBucket({ name: "audit-local" }, { actor: ADMIN })), "name", "a bucket named audit-local already exists");
    expectFieldError(await caught(createBucket({ name: "Bad_Name" }, { actor: ADMIN })), "name", /lowercase letters, digits and hyphens/);
    expectFieldError(
      await caught(createBucket({ name: "no-secret", kind: "s3", endpoint: "http://x", region: "r", accessKeyId: "k" }, { actor: ADMIN })),
      "secret",
      "is required for an S3 bucket",
    );

    const created = await auditEvents("CreateBucket");
    expect(created).toHaveLength(2);
    expect(created[0]).toMatchObject({ serviceName: "Actiontrail", sourceIpAddress: "192.0.2.10", userIdentity: { userName: "trail-admin" } });
    expect(created[0].requestParameters).toMatchObject({ BucketName: "audit-s3", Kind: "s3" });
    expect(JSON.stringify(await auditEvents("UpdateBucket"))).not.toContain("rotated");
    expect(JSON.stringify(created)).not.toContain("very-secret-value");
  });

  it("creates a logging trail with a checkpoint row per destination at the current newest event", async () => {
    await ingest(5);
    const before = await maxEventId();
    expect(before).toBeGreaterThan(0);
    const trail = await createTrail(
      { name: "audit-all", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", ossBucketName: "audit-local", ossKeyPrefix: "audit", logStoreEnabled: true },
      { actor: ADMIN, startLogging: true },
    );
    expect(trail).toMatchObject({ isLogging: true, logStoreRetentionDays: 180, ossKeyPrefix: "audit", stopLoggingTime: null });
    expect(trail.startLoggingTime).toBeInstanceOf(Date);
    expect(await destinations("audit-all")).toEqual([
      { destination: "logstore", checkpoint: before },
      { destination: "oss", checkpoint: before },
    ]);

    const [create] = await auditEvents("CreateTrail");
    expect(create).toMatchObject({
      eventType: "ConsoleOperation",
      requestParameters: { Name: "audit-all", HomeRegion: "cn-hangzhou", OssBucketName: "audit-local", SlsEnabled: true },
      referencedResources: { "ACS::ActionTrail::Trail": ["audit-all"] },
      userIdentity: { userName: "trail-admin" },
    });
    expect(await auditEvents("StartLogging")).toHaveLength(1);

    expect(trailStatus(trail)).toBe("Enable");

    // As ActionTrail's CreateTrail (and with "Start logging now" unticked): not logging, Fresh, no rows
    // until logging starts.
    await createTrail({ name: "audit-later", homeRegion: "cn-hangzhou", eventRW: "Write", trailRegion: "cn-hangzhou", logStoreEnabled: true }, { actor: CLI });
    expect(await getTrail("audit-later")).toMatchObject({ isLogging: false, startLoggingTime: null, trailRegion: "cn-hangzhou" });
    expect(trailStatus((await getTrail("audit-later"))!)).toBe("Fresh");
    expect(await destinations("audit-later")).toEqual([]);
    const [cliCreate] = await auditEvents("CreateTrail");
    expect(cliCreate).toMatchObject({ eventType: "ApiCall", eventSource: "trailkeeper-cli", userIdentity: { userName: "operator" } });
  });

  it("starts and stops logging: start resets checkpoints to the newest event, stop keeps them", async () => {
    await ingest(3);
    const now = await maxEventId();
    const started = await startLogging("audit-later", { actor: ADMIN });
    expect(started.isLogging).toBe(true);
    expect(await destinations("audit-later")).toEqual([{ destination: "logstore", checkpoint: now }]);

    const stopped = await stopLogging("audit-later", { actor: ADMIN });
    expect(stopped).toMatchObject({ isLogging: false });
    expect(stopped.stopLoggingTime).toBeInstanceOf(Date);
    expect(await destinations("audit-later")).toEqual([{ destination: "logstore", checkpoint: now }]);
    expect(await auditEvents("StopLogging")).toHaveLength(1);

    // Events ingested while stopped are not delivered: starting again begins after them.
    await ingest(2);
    await prisma.trailDestination.update({ where: { trailName_destination: { trailName: "audit-later", destination: "logstore" } }, data: { checkpoint: 1 } });
    await startLogging("audit-later", { actor: ADMIN });
    const restartedAt = (await destinations("audit-later"))[0].checkpoint;
    expect(restartedAt).toBeGreaterThanOrEqual(now + 2);

    // Starting a trail that is logging changes nothing and records nothing.
    const startsBefore = (await auditEvents("StartLogging")).length;
    await startLogging("audit-later", { actor: ADMIN });
    expect((await destinations("audit-later"))[0].checkpoint).toBe(restartedAt);
    expect(await auditEvents("StartLogging")).toHaveLength(startsBefore);
  });

  it("updates destinations: an added one starts at the newest event, a removed one loses its row", async () => {
    const ossCheckpoint = (await destinations("audit-all")).find((d) => d.destination === "oss")!.checkpoint;
    await updateTrail("audit-all", { homeRegion: "cn-hangzhou", eventRW: "Write", trailRegion: "All", ossBucketName: "audit-local", ossKeyPrefix: "audit", logStoreEnabled: false }, { actor: ADMIN });
    expect(await destinations("audit-all")).toEqual([{ destination: "oss", checkpoint: ossCheckpoint }]);
    await ingest(1);
    const now = await maxEventId();
    const updated = await updateTrail("audit-all", { homeRegion: "cn-hangzhou", eventRW: "Write", trailRegion: "All", ossBucketName: "audit-local", ossKeyPrefix: "audit", logStoreEnabled: true, logStoreRetentionDays: 365 }, { actor: ADMIN });
    expect(updated).toMatchObject({ eventRW: "Write", logStoreEnabled: true, logStoreRetentionDays: 365 });
    expect(await destinations("audit-all")).toEqual([
      { destination: "logstore", checkpoint: now },
      { destination: "oss", checkpoint: ossCheckpoint },
    ]);
    const [update] = await auditEvents("UpdateTrail");
    expect(update.requestParameters).toMatchObject({ Name: "audit-all", EventRW: "Write", SlsEnabled: true });

    expectFieldError(await caught(updateTrail("audit-all", { homeRegion: "cn-beijing", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN })), "homeRegion", /cannot be changed/);
    expectFieldError(await caught(updateTrail("audit-all", { homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", ossBucketName: "nope-bucket" }, { actor: ADMIN })), "ossBucketName", /does not exist/);
    expectFieldError(await caught(updateTrail("audit-all", { homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All" }, { actor: ADMIN })), "destination", /at least one destination/);
    expect(await caught(updateTrail("missing-trail", { homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN }))).toBeInstanceOf(NotFound);
  });

  it("refuses a duplicate name, a missing bucket and a sixth trail in a home region", async () => {
    expectFieldError(
      await caught(createTrail({ name: "audit-all", homeRegion: "cn-shanghai", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN })),
      "name",
      "a trail named audit-all already exists",
    );
    expectFieldError(
      await caught(createTrail({ name: "no-bucket", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", ossBucketName: "missing" }, { actor: ADMIN })),
      "ossBucketName",
      /bucket missing does not exist/,
    );
    // cn-hangzhou has 2; three more make 5.
    for (const n of ["hz-three", "hz-four", "hz-five"]) {
      await createTrail({ name: `trail-${n}`, homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN, startLogging: true });
    }
    expectFieldError(
      await caught(createTrail({ name: "trail-hz-six", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN })),
      "homeRegion",
      /already has 5 trails/,
    );
    // Another home region has its own five.
    await createTrail({ name: "trail-sh-one", homeRegion: "cn-shanghai", eventRW: "Read", trailRegion: "cn-shanghai", logStoreEnabled: true }, { actor: ADMIN, startLogging: true });
    expect((await listTrails()).map((t) => t.name)).toEqual(["audit-all", "audit-later", "trail-hz-five", "trail-hz-four", "trail-hz-three", "trail-sh-one"]);
    expect(await listTrails({ homeRegion: "cn-shanghai" })).toHaveLength(1);
    expectFieldError(
      await caught(createTrail({ name: "1bad", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN })),
      "name",
      "must start with a letter",
    );
  });

  it("refuses to delete a bucket in use, and deletes it once no trail uses it", async () => {
    const err = await caught(deleteBucket("audit-local", { actor: ADMIN }));
    expectFieldError(err, "name", "bucket audit-local is in use by trail audit-all; change or delete it first");
    expect((await listBuckets()).find((b) => b.name === "audit-local")?.usedBy).toEqual(["audit-all"]);
    await deleteBucket("audit-s3", { actor: ADMIN });
    expect((await listBuckets()).map((b) => b.name)).toEqual(["audit-local"]);
    expect(await auditEvents("DeleteBucket")).toHaveLength(1);
    expect(await caught(deleteBucket("audit-s3", { actor: ADMIN }))).toBeInstanceOf(NotFound);
  });

  it("runs one history job at a time over the last 90 days, cancels and deletes them", async () => {
    // An event older than 90 days is outside the job's range.
    await ingest(1, { eventTime: new Date(Date.now() - 100 * DAY).toISOString() });
    const old = await maxEventId();
    await ingest(2, { eventTime: new Date(Date.now() - 10 * DAY).toISOString() });
    const firstRecent = old + 1;

    const job = await createHistoryJob("audit-all", { actor: ADMIN });
    expect(job).toMatchObject({ trailName: "audit-all", status: "Running", createdBy: "trail-admin", deliveredEvents: 0 });
    expect(job.fromPk).toBeLessThanOrEqual(firstRecent);
    expect(job.fromPk).toBeGreaterThan(0);
    // fromPk is the first event of the window: nothing before it is within 90 days, and it is.
    const since = new Date(Date.now() - 90 * DAY).toISOString();
    expect(await prisma.event.count({ where: { id: { lt: job.fromPk }, eventTime: { gte: since } } })).toBe(0);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: job.fromPk } })).eventTime >= since).toBe(true);
    expect(job.fromPk).not.toBe(old);
    expect(job.toPk).toBeGreaterThanOrEqual(old + 2);

    expectFieldError(await caught(createHistoryJob("trail-sh-one", { actor: ADMIN })), "form", /only one job may run at a time/);
    expectFieldError(await caught(deleteHistoryJob(job.id, { actor: ADMIN })), "form", /cancel it before deleting it/);

    const cancelled = await cancelHistoryJob(job.id, { actor: ADMIN });
    expect(cancelled.status).toBe("Cancelled");
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    expectFieldError(await caught(cancelHistoryJob(job.id, { actor: ADMIN })), "form", /only a running job can be cancelled/);

    const second = await createHistoryJob("trail-sh-one", { actor: CLI });
    expect(second.createdBy).toBe("operator");
    expect((await listHistoryJobs()).map((j) => j.id)).toEqual([second.id, job.id]);
    expect((await listHistoryJobs({ trailName: "audit-all" })).map((j) => j.id)).toEqual([job.id]);

    await deleteHistoryJob(job.id, { actor: ADMIN });
    expect((await listHistoryJobs()).map((j) => j.id)).toEqual([second.id]);
    const [createdEvent] = await auditEvents("CreateDeliveryHistoryJob");
    expect(createdEvent).toMatchObject({ requestParameters: { TrailName: "trail-sh-one" }, userIdentity: { userName: "operator" } });
    expect(await auditEvents("DeleteDeliveryHistoryJob")).toHaveLength(1);
    expect(await caught(createHistoryJob("missing-trail", { actor: ADMIN }))).toBeInstanceOf(NotFound);
  });

  it("computes the status page: destinations, latest deliveries and events per hour", async () => {
    const now = new Date();
    await prisma.delivery.createMany({
      data: [
        { trailName: "audit-all", destination: "oss", location: "audit/AliyunLogs/Actiontrail/cn-hangzhou/Actiontrail_cn-hangzhou_20261202093000_1002_7_512_0123456789abcdef0123456789abcdef.gz", eventCount: 7, firstEventPk: 1, lastEventPk: 7, deliveredAt: new Date(now.getTime() - 30 * 60_000) },
        { trailName: "audit-all", destination: "logstore", location: "actiontrail_audit-all", eventCount: 5, firstEventPk: 1, lastEventPk: 5, deliveredAt: new Date(now.getTime() - 2 * 3_600_000) },
        { trailName: "audit-all", destination: "oss", location: "old.gz", eventCount: 100, firstEventPk: 1, lastEventPk: 100, deliveredAt: new Date(now.getTime() - 4 * DAY) },
      ],
    });
    await prisma.trailDestination.update({
      where: { trailName_destination: { trailName: "audit-all", destination: "oss" } },
      data: { latestDeliveryTime: now, latestDeliveryError: "EACCES: permission denied", latestErrorTime: now, failures: 2 },
    });
    const status = (await getTrailStatus("audit-all", now))!;
    expect(status.destinations.map((d) => [d.destination, d.location])).toEqual([
      ["oss", "audit-local/audit/AliyunLogs/Actiontrail/<region>/YYYY/MM/DD/"],
      ["logstore", "actiontrail_audit-all"],
    ]);
    expect(status.destinations[0]).toMatchObject({ latestDeliveryError: "EACCES: permission denied", failures: 2 });
    expect(status.deliveries.map((d) => d.eventCount)).toEqual([7, 5, 100]);
    expect(status.hourly).toHaveLength(72);
    expect(status.eventsDeliveredInChart).toBe(12);
    expect(status.hourly.at(-1)!.hour).toBe(new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString());
    expect((await listTrails()).find((t) => t.name === "audit-all")).toMatchObject({ latestDeliveryTime: now, hasDeliveryError: true });
    expect(await getTrailStatus("missing-trail")).toBeNull();
    expect(bucketByHour([{ deliveredAt: new Date(now.getTime() + 3_600_000), eventCount: 3 }], now).reduce((s, p) => s + p.events, 0)).toBe(0);
  });

  it("deletes a trail with its checkpoint rows and cancels its running job", async () => {
    const job = await listHistoryJobs({ trailName: "trail-sh-one" });
    expect(job[0].status).toBe("Running");
    await deleteTrail("trail-sh-one", { actor: ADMIN });
    expect(await getTrail("trail-sh-one")).toBeNull();
    expect(await destinations("trail-sh-one")).toEqual([]);
    expect((await listHistoryJobs({ trailName: "trail-sh-one" }))[0]).toMatchObject({ status: "Cancelled", error: "The trail was deleted" });
    const [deleted] = await auditEvents("DeleteTrail");
    expect(deleted).toMatchObject({ requestParameters: { Name: "trail-sh-one" }, userIdentity: { userName: "trail-admin" }, userAgent: "vitest-browser" });
    expect(await caught(deleteTrail("trail-sh-one", { actor: ADMIN }))).toBeInstanceOf(NotFound);

    // The name can be used again, and starts from fresh checkpoints.
    await createTrail({ name: "trail-sh-one", homeRegion: "cn-shanghai", eventRW: "All", trailRegion: "All", logStoreEnabled: true }, { actor: ADMIN, startLogging: true });
    expect(await destinations("trail-sh-one")).toEqual([{ destination: "logstore", checkpoint: expect.any(Number) }]);
  });
});
