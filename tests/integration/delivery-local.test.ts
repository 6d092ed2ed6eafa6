// Delivery to a local directory bucket and the built-in log store, on both stores: paths, exact bytes,
// exactly-once in a clean run, matching rules, checkpoints and Delivery rows; a history job that skips
// what live delivery already delivered.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { decodeLogFile, parseLogFileName } from "@/lib/delivery/files";
import { LocalObjectStore, localBucketDir } from "@/lib/delivery/object-store";
import { maxEventId } from "@/lib/delivery/read-events";
import { trailMatches } from "@/lib/delivery/matching";
import { STORES, onFreshStore } from "../helpers/db";
import {
  countIds, createLoggingTrail, eventIdOf, ingest, readAllLines, timeDaysAgo, useTempDataDir, type IngestedEvent,
} from "./delivery-helpers";

const BUCKET = "audit-local";

function scope(over: { eventRW: string; trailRegion: string; homeRegion?: string }) {
  return { name: "x", homeRegion: "cn-hangzhou", ...over };
}

const matches = (t: ReturnType<typeof scope>, e: IngestedEvent) =>
  trailMatches(t, { eventRW: e.eventRW, acsRegion: e.acsRegion, isGlobal: e.isGlobal, queryRegion: e.isGlobal ? "ap-southeast-1" : e.acsRegion });

describe.each(STORES)("delivery to a local bucket and the log store on %s", (store) => {
  let dataDir = "";
  let events: IngestedEvent[] = [];
  const bucket = () => new LocalObjectStore(localBucketDir(BUCKET));

  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
    await prisma.bucket.create({ data: { name: BUCKET, kind: "local" } });
    // Before logging starts: never delivered live.
    await ingest([{ acsRegion: "cn-hangzhou" }]);
    await createLoggingTrail({ name: "all-events", eventRW: "All", trailRegion: "All", ossBucketName: BUCKET, ossKeyPrefix: "team/audit", logStoreEnabled: true });
    await createLoggingTrail({ name: "home-writes", eventRW: "Write", trailRegion: "cn-hangzhou", ossBucketName: BUCKET });
    const specs: Record<string, unknown>[] = [];
    for (const daysAgo of [2, 1]) {
      for (const acsRegion of ["cn-hangzhou", "cn-shanghai", "eu-central-1"]) {
        for (const eventRW of ["Read", "Write"]) specs.push({ acsRegion, eventRW, eventTime: timeDaysAgo(daysAgo, 3) });
      }
      specs.push({ acsRegion: "cn-shanghai", isGlobal: true, serviceName: "Ram", eventName: "CreateUser", eventRW: "Write", eventTime: timeDaysAgo(daysAgo, 5) });
    }
    events = await ingest(specs);
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers every matching event exactly once, byte-for-byte, under region and day paths", async () => {
    const notices: string[] = [];
    const engine = new DeliveryEngine({ onDelivery: (d) => notices.push(d.location) });
    const delivered = await engine.runUntilIdle();
    // all-events: 14 events × 2 destinations; home-writes: Write events in cn-hangzhou (2) + globals (2).
    expect(delivered).toBe(14 * 2 + 4);

    const lines = await readAllLines(bucket());
    // A name does not say its trail (ActionTrail's names): the two trails write under different prefixes.
    const byTrail = (trail: string) => lines.filter((l) => (trail === "all-events" ? l.key.startsWith("team/audit/") : l.key.startsWith("AliyunLogs/")));
    for (const [trail, t, prefix] of [
      ["all-events", scope({ eventRW: "All", trailRegion: "All" }), "team/audit/"],
      ["home-writes", scope({ eventRW: "Write", trailRegion: "cn-hangzhou" }), ""],
    ] as const) {
      const got = byTrail(trail);
      const counts = countIds(got);
      const expected = events.filter((e) => matches(t, e));
      expect(counts.size).toBe(expected.length);
      for (const e of expected) expect(counts.get(e.eventId), `${trail} ${e.eventId}`).toBe(1);
      for (const { key, line } of got) {
        const e = events.find((x) => x.eventId === eventIdOf(line))!;
        expect(line).toBe(e.raw);
        const region = e.isGlobal ? "cn-hangzhou" : e.acsRegion;
        const [y, m, d] = e.eventTime.slice(0, 10).split("-");
        expect(key.startsWith(`${prefix}AliyunLogs/Actiontrail/${region}/${y}/${m}/${d}/Actiontrail_${region}_${y}${m}${d}`)).toBe(true);
        expect(key).toMatch(/\/Actiontrail_[a-z0-9-]+_\d{14}_1002_\d+_\d+_[0-9a-f]{32}\.gz$/);
      }
    }
    // The event ingested before logging started is nowhere.
    expect(lines.length).toBe(14 + 4);

    const logStore = await prisma.logStoreEvent.findMany({ where: { logStore: "actiontrail_all-events" } });
    expect(logStore.map((r) => r.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const r of logStore) expect(r.raw).toBe(events.find((e) => e.eventId === r.eventId)!.raw);
    expect(await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_home-writes" } })).toBe(0);

    const max = await maxEventId();
    const destinations = await prisma.trailDestination.findMany({ orderBy: [{ trailName: "asc" }, { destination: "asc" }] });
    expect(destinations.map((d) => [d.trailName, d.destination, d.checkpoint, d.failures, d.latestDeliveryError])).toEqual([
      ["all-events", "logstore", max, 0, null],
      ["all-events", "oss", max, 0, null],
      ["home-writes", "oss", max, 0, null],
    ]);
    for (const d of destinations) expect(d.latestDeliveryTime).toBeInstanceOf(Date);

    const deliveries = await prisma.delivery.findMany({ orderBy: { id: "asc" } });
    expect(deliveries.length).toBe(notices.length);
    const ossFiles = deliveries.filter((d) => d.destination === "oss");
    expect(ossFiles.map((d) => d.location).sort()).toEqual((await bucket().list("")).map((k) => `oss://${BUCKET}/${k}`).sort());
    for (const d of ossFiles) {
      const key = d.location.slice(`oss://${BUCKET}/`.length);
      const body = await bucket().get(key);
      const ids = decodeLogFile(body).map(eventIdOf);
      expect(ids.length).toBe(d.eventCount);
      // The name: the region, the first event's time, the event count, the .gz size and its MD5.
      const first = events.find((e) => e.eventId === ids[0])!;
      expect(parseLogFileName(key.slice(key.lastIndexOf("/") + 1))).toEqual({
        region: d.region, time: first.eventTime.slice(0, 19).replace(/[-:T]/g, ""), eventCount: d.eventCount,
        size: body.length, md5: crypto.createHash("md5").update(body).digest("hex"),
      });
    }
    const logDeliveries = deliveries.filter((d) => d.destination === "logstore");
    expect(logDeliveries.reduce((n, d) => n + d.eventCount, 0)).toBe(14);
    expect(logDeliveries[0].location).toBe("actiontrail_all-events");

    // Nothing new: another pass delivers nothing and leaves no temp files behind.
    expect(await engine.runUntilIdle()).toBe(0);
    const all = fs.readdirSync(localBucketDir(BUCKET), { recursive: true }) as string[];
    expect(all.filter((f) => path.basename(f).startsWith("."))).toEqual([]);
  });

  it("keeps delivering new events in order, in later batches", async () => {
    const engine = new DeliveryEngine({ batchSize: 3 });
    const more = await ingest(Array.from({ length: 10 }, () => ({ acsRegion: "cn-hangzhou", eventRW: "Write" })));
    expect(await engine.runUntilIdle()).toBe(10 * 3);
    const rows = await prisma.delivery.findMany({ where: { trailName: "home-writes" }, orderBy: { id: "asc" } });
    for (let i = 1; i < rows.length; i++) expect(rows[i].firstEventPk).toBeGreaterThan(rows[i - 1].lastEventPk);
    const counts = countIds(await readAllLines(bucket()));
    for (const e of more) expect(counts.get(e.eventId)).toBe(2);
  });

  it("creates a missing destination row from the current last event (defensive)", async () => {
    await prisma.trail.create({ data: { name: "no-rows-yet", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", logStoreEnabled: true, isLogging: true } });
    const engine = new DeliveryEngine();
    await engine.step();
    const row = await prisma.trailDestination.findUnique({ where: { trailName_destination: { trailName: "no-rows-yet", destination: "logstore" } } });
    expect(row?.checkpoint).toBe(await maxEventId());
    const [e] = await ingest([{ acsRegion: "cn-beijing" }]);
    await engine.runUntilIdle();
    expect(await prisma.logStoreEvent.findMany({ where: { logStore: "actiontrail_no-rows-yet" }, select: { eventId: true } })).toEqual([{ eventId: e.eventId }]);
  });

  it("runs a history job that skips what the trail already delivered and events older than 90 days", async () => {
    const before = await ingest([
      { acsRegion: "cn-hangzhou", eventRW: "Write", eventTime: timeDaysAgo(10) },
      { acsRegion: "us-east-1", eventRW: "Write", eventTime: timeDaysAgo(30) },
      { acsRegion: "cn-hangzhou", eventRW: "Read", eventTime: timeDaysAgo(5) },
      { acsRegion: "cn-hangzhou", eventRW: "Write", eventTime: timeDaysAgo(120) },
    ]);
    await createLoggingTrail({ name: "late-writer", eventRW: "Write", trailRegion: "All", ossBucketName: BUCKET, ossKeyPrefix: "late", logStoreEnabled: true });
    const live = await ingest([{ acsRegion: "cn-hangzhou", eventRW: "Write" }, { acsRegion: "cn-shanghai", eventRW: "Write" }]);
    const engine = new DeliveryEngine({ batchSize: 5 });
    await engine.runUntilIdle();

    const t = scope({ eventRW: "Write", trailRegion: "All" });
    const all = await prisma.event.findMany({ select: { eventId: true, eventTime: true, eventRW: true, acsRegion: true, isGlobal: true, queryRegion: true } });
    const cutoff = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const historic = all.filter((e) => trailMatches(t, e) && e.eventTime >= cutoff && !live.some((l) => l.eventId === e.eventId));
    expect(historic.some((e) => e.eventId === before[0].eventId)).toBe(true);

    const job = await prisma.deliveryHistoryJob.create({ data: { trailName: "late-writer", status: "Running", fromPk: 1, toPk: await maxEventId(), createdBy: "test" } });
    await engine.runUntilIdle();
    const done = await prisma.deliveryHistoryJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: "Finished", totalEvents: historic.length, deliveredEvents: historic.length, checkpoint: job.toPk });
    expect(done.finishedAt).toBeInstanceOf(Date);

    const counts = countIds(await readAllLines(bucket(), "late/"));
    expect(counts.size).toBe(historic.length + live.length);
    for (const [id, n] of counts) expect(n, id).toBe(1);
    expect(counts.has(before[2].eventId)).toBe(false); // Read
    expect(counts.has(before[3].eventId)).toBe(false); // 120 days old
    const logStore = await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_late-writer" } });
    expect(logStore).toBe(historic.length + live.length);
    const jobRows = await prisma.delivery.findMany({ where: { historyJobId: job.id } });
    expect(jobRows.filter((d) => d.destination === "logstore").reduce((n, d) => n + d.eventCount, 0)).toBe(historic.length);
  });

  it("stops a cancelled history job and purges log store rows past retention", async () => {
    const job = await prisma.deliveryHistoryJob.create({ data: { trailName: "late-writer", status: "Cancelled", fromPk: 1, toPk: await maxEventId(), createdBy: "test" } });
    const engine = new DeliveryEngine();
    await engine.runUntilIdle();
    expect(await prisma.delivery.count({ where: { historyJobId: job.id } })).toBe(0);

    // A retention set below the 180-day minimum before the rule existed still keeps 180 days.
    await prisma.trail.update({ where: { name: "late-writer" }, data: { logStoreRetentionDays: 20 } });
    const { purgeLogStores } = await import("@/lib/delivery/log-store");
    const kept = await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_late-writer" } });
    expect(await purgeLogStores()).toBe(0);
    expect(await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_late-writer" } })).toBe(kept);
    await prisma.trail.update({ where: { name: "late-writer" }, data: { logStoreRetentionDays: 180 } });
    const old = await prisma.logStoreEvent.create({
      data: { logStore: "actiontrail_late-writer", eventId: "past-retention", eventTime: new Date(Date.now() - 200 * 86_400_000).toISOString(), queryRegion: "cn-hangzhou", raw: "{}" },
    });
    expect(await purgeLogStores()).toBe(1);
    expect(await prisma.logStoreEvent.findUnique({ where: { id: old.id } })).toBeNull();
    const left = await prisma.logStoreEvent.findMany({ where: { logStore: "actiontrail_late-writer" } });
    const cutoff = new Date(Date.now() - 180 * 86_400_000).toISOString();
    expect(left).toHaveLength(kept);
    for (const r of left) expect(r.eventTime >= cutoff).toBe(true);
  });
});
