// A destination that fails (its bucket directory cannot be created: a regular file sits at its path —
// the tests run as root, so chmod would not stop them) records the error, backs off exponentially,
// does not hold up other trails or destinations, and delivers everything once it works again.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { LocalObjectStore, localBucketDir } from "@/lib/delivery/object-store";
import { STORES, onFreshStore } from "../helpers/db";
import { countIds, createLoggingTrail, ingest, readAllLines, useTempDataDir } from "./delivery-helpers";

describe.each(STORES)("a failing local destination on %s", (store) => {
  let dataDir = "";
  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
    await prisma.bucket.createMany({ data: [{ name: "broken", kind: "local" }, { name: "healthy", kind: "local" }] });
    fs.mkdirSync(`${process.env.TRAILKEEPER_DATA_DIR}/buckets`, { recursive: true });
    fs.writeFileSync(localBucketDir("broken"), "not a directory");
    await createLoggingTrail({ name: "to-broken", ossBucketName: "broken", logStoreEnabled: true });
    await createLoggingTrail({ name: "to-healthy", ossBucketName: "healthy" });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("records the error, backs off, keeps the others going and recovers", async () => {
    let clock = Date.now();
    const engine = new DeliveryEngine({ now: () => new Date(clock) });
    const first = await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }]);

    const r1 = await engine.step();
    expect(r1.failures).toBe(1);
    const broken = () => prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "to-broken", destination: "oss" } } });
    let row = await broken();
    expect(row.checkpoint).toBe(0);
    expect(row.failures).toBe(1);
    expect(row.latestDeliveryError).toMatch(/ENOTDIR|EEXIST|not a directory/i);
    expect(row.latestErrorTime?.getTime()).toBe(clock);
    expect(row.nextAttemptAt?.getTime()).toBe(clock + 1_000);
    // The same trail's log store and the other trail delivered.
    expect(await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_to-broken" } })).toBe(2);
    expect(countIds(await readAllLines(new LocalObjectStore(localBucketDir("healthy")))).size).toBe(2);

    // Inside the back-off window nothing is attempted.
    await engine.step();
    expect((await broken()).failures).toBe(1);
    // Then each failure doubles the wait: 1 s, 2 s, 4 s …
    for (const [failures, wait] of [[2, 2_000], [3, 4_000], [4, 8_000]]) {
      clock = (await broken()).nextAttemptAt!.getTime();
      await engine.step();
      row = await broken();
      expect(row.failures).toBe(failures);
      expect(row.nextAttemptAt!.getTime() - clock).toBe(wait);
    }
    const second = await ingest([{ acsRegion: "eu-central-1" }]);
    await engine.step();
    expect(countIds(await readAllLines(new LocalObjectStore(localBucketDir("healthy")))).size).toBe(3);

    // Repaired: the next attempt delivers everything and clears the error.
    fs.rmSync(localBucketDir("broken"));
    clock = (await broken()).nextAttemptAt!.getTime();
    await engine.runUntilIdle();
    row = await broken();
    expect(row).toMatchObject({ failures: 0, latestDeliveryError: null, latestErrorTime: null, nextAttemptAt: null });
    expect(row.latestDeliveryTime?.getTime()).toBe(clock);
    const counts = countIds(await readAllLines(new LocalObjectStore(localBucketDir("broken"))));
    expect([...counts.keys()].sort()).toEqual([...first, ...second].map((e) => e.eventId).sort());
  });

  it("fails a history job after 5 failed attempts, with the error", async () => {
    fs.writeFileSync(localBucketDir("broken-too"), "not a directory");
    await prisma.bucket.create({ data: { name: "broken-too", kind: "local" } });
    await prisma.trail.create({ data: { name: "job-trail", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All", ossBucketName: "broken-too" } });
    const job = await prisma.deliveryHistoryJob.create({ data: { trailName: "job-trail", status: "Running", fromPk: 1, toPk: 3, createdBy: "test" } });
    let clock = Date.now();
    const engine = new DeliveryEngine({ now: () => new Date(clock) });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await prisma.deliveryHistoryJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("Running");
      await engine.step();
      clock += 60_000;
    }
    const failed = await prisma.deliveryHistoryJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.status).toBe("Failed");
    expect(failed.error).toMatch(/ENOTDIR|EEXIST|not a directory/i);
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(failed.deliveredEvents).toBe(0);
  });

  it("caps the back-off at 60 s", async () => {
    const { backoffMs } = await import("@/lib/delivery/backoff");
    expect([1, 2, 3, 6, 7, 8, 30].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000, 60_000]);
  });
});
