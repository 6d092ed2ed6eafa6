// Delivery to a real S3-protocol server (s3rver on 127.0.0.1), read back through @aws-sdk/client-s3;
// the endpoint going down is recorded and backed off, other destinations keep delivering, and recovery
// delivers everything.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sealSecret } from "@/lib/crypto/secret-box";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { decodeLogFile } from "@/lib/delivery/files";
import { freePort, S3rver, S3RVER_KEY, type S3rverInstance } from "../helpers/s3rver";
import { STORES, onFreshStore } from "../helpers/db";
import { countIds, createLoggingTrail, eventIdOf, ingest, useTempDataDir, type IngestedEvent } from "./delivery-helpers";


const BUCKET = "trail-archive";
const KEY = S3RVER_KEY;


describe.each(STORES)("delivery to an S3-compatible endpoint on %s", (store) => {
  let dataDir = "";
  let port = 0;
  let dir = "";
  let server: S3rverInstance | undefined;
  let client: S3Client;
  const start = async () => {
    server = new S3rver({ address: "127.0.0.1", port, directory: dir, silent: true });
    await server.run();
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };

  async function readBack(): Promise<{ key: string; line: string }[]> {
    const out: { key: string; line: string }[] = [];
    const list = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    for (const o of list.Contents ?? []) {
      const body = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: o.Key! }));
      for (const line of decodeLogFile(Buffer.from(await body.Body!.transformToByteArray()))) out.push({ key: o.Key!, line });
    }
    return out;
  }

  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
    port = await freePort();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-s3rver-"));
    await start();
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: KEY, secretAccessKey: KEY } });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await prisma.bucket.create({
      data: { name: BUCKET, kind: "s3", endpoint, region: "us-east-1", accessKeyId: KEY, secretEncrypted: sealSecret(KEY), forcePathStyle: true },
    });
    await prisma.bucket.create({ data: { name: "local-copy", kind: "local" } });
    await createLoggingTrail({ name: "s3-trail", homeRegion: "cn-shanghai", ossBucketName: BUCKET, ossKeyPrefix: "acs", logStoreEnabled: true });
    await createLoggingTrail({ name: "local-trail", ossBucketName: "local-copy" });
  });
  afterAll(async () => {
    await stop();
    client?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let delivered: IngestedEvent[] = [];

  it("delivers gzipped JSON lines under the region and day paths", async () => {
    delivered = await ingest([
      { acsRegion: "cn-shanghai" },
      { acsRegion: "cn-hangzhou", eventRW: "Read" },
      { acsRegion: "cn-beijing", isGlobal: true, serviceName: "Ram", eventName: "CreateUser" },
    ]);
    await new DeliveryEngine().runUntilIdle();
    const lines = await readBack();
    expect(lines.length).toBe(3);
    for (const { key, line } of lines) {
      const e = delivered.find((d) => d.eventId === eventIdOf(line))!;
      expect(line).toBe(e.raw);
      const region = e.isGlobal ? "cn-shanghai" : e.acsRegion;
      const [y, m, d] = e.eventTime.slice(0, 10).split("-");
      expect(key.startsWith(`acs/AliyunLogs/Actiontrail/${region}/${y}/${m}/${d}/`)).toBe(true);
    }
    const row = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "s3-trail", destination: "oss" } } });
    expect(row.latestDeliveryError).toBeNull();
    // The global event shares the home region's file with the cn-shanghai event.
    expect(new Set(lines.map((l) => l.key)).size).toBe(2);
    expect(await prisma.delivery.count({ where: { trailName: "s3-trail", destination: "oss" } })).toBe(2);
  });

  it("records the endpoint being down, backs off, keeps other destinations going, then catches up", async () => {
    await stop();
    let clock = Date.now();
    const engine = new DeliveryEngine({ now: () => new Date(clock) });
    const during = await ingest(Array.from({ length: 5 }, (_, i) => ({ acsRegion: i % 2 ? "cn-shanghai" : "eu-central-1" })));
    const r = await engine.step();
    expect(r.failures).toBe(1);
    const oss = () => prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "s3-trail", destination: "oss" } } });
    let row = await oss();
    expect(row.latestDeliveryError).toBeTruthy();
    expect(row.failures).toBe(1);
    expect(row.nextAttemptAt!.getTime()).toBe(clock + 1_000);
    // The same trail's log store and the other trail's local bucket are not held up.
    expect(await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_s3-trail" } })).toBe(8);
    const local = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "local-trail", destination: "oss" } } });
    expect(local.latestDeliveryError).toBeNull();
    expect(local.checkpoint).toBe(row.checkpoint + 5);

    clock += 1_000;
    await engine.step();
    row = await oss();
    expect(row.failures).toBe(2);
    expect(row.nextAttemptAt!.getTime()).toBe(clock + 2_000);

    await start();
    clock += 2_000;
    await engine.runUntilIdle();
    row = await oss();
    expect(row).toMatchObject({ failures: 0, latestDeliveryError: null });
    const counts = countIds(await readBack());
    expect([...counts.keys()].sort()).toEqual([...delivered, ...during].map((e) => e.eventId).sort());
    for (const n of counts.values()) expect(n).toBe(1);
  });
});
