// Digests in an S3-compatible bucket (s3rver on 127.0.0.1), on both stores: written through the same
// client as delivery, with a JSON content type, and `verify trail` reads the bucket back over S3 and names
// an object changed, deleted or added there. A digest whose write failed while the endpoint was down is
// written once it is back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { sealSecret } from "@/lib/crypto/secret-box";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { DigestEngine } from "@/lib/integrity/digests";
import { verifyTrail, type TrailReport } from "@/lib/integrity/verify-trail";
import { freePort, S3rver, S3RVER_KEY, type S3rverInstance } from "../helpers/s3rver";
import { STORES, useFreshDatabase } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";


const BUCKET = "signed-s3";
const TRAIL = "s3-signed";
const KEY = S3RVER_KEY;
const INTERVAL = 10_000;


const kinds = (r: TrailReport) => (r.objects?.problems ?? []).map((p) => `${p.kind} ${p.target}`);

describe.each(STORES)("digests in an S3-compatible bucket on %s", (store) => {
  let dataDir = "";
  let dir = "";
  let port = 0;
  let server: S3rverInstance | undefined;
  let client: S3Client;
  let clock = 0;
  const now = () => new Date(clock);
  let delivery: DeliveryEngine;
  let digests: DigestEngine;
  const start = async () => {
    server = new S3rver({ address: "127.0.0.1", port, directory: dir, silent: true });
    await server.run();
  };
  const get = async (key: string) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());
  const put = (key: string, body: Buffer) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  const closePeriod = async () => {
    clock = Math.floor(clock / INTERVAL) * INTERVAL + INTERVAL;
    return digests.step();
  };

  beforeAll(async () => {
    await useFreshDatabase(store);
    dataDir = useTempDataDir();
    port = await freePort();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-s3rver-"));
    await start();
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: KEY, secretAccessKey: KEY } });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await prisma.bucket.create({ data: { name: BUCKET, kind: "s3", endpoint, region: "us-east-1", accessKeyId: KEY, secretEncrypted: sealSecret(KEY), forcePathStyle: true } });
    await createLoggingTrail({ name: TRAIL, ossBucketName: BUCKET, ossKeyPrefix: "acs" });
    clock = Date.now();
    delivery = new DeliveryEngine({ now });
    digests = new DigestEngine({ now, intervalMs: INTERVAL });
  });
  afterAll(async () => {
    await server?.close();
    client?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes the digests to the bucket and verifies them over S3", async () => {
    await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "eu-central-1" }]);
    await delivery.runUntilIdle();
    await closePeriod();
    await closePeriod();
    const rows = await prisma.digest.findMany({ where: { trailName: TRAIL }, orderBy: [{ periodStart: "asc" }, { region: "asc" }] });
    expect(rows.map((r) => r.region)).toEqual(["cn-hangzhou", "eu-central-1", "cn-hangzhou", "eu-central-1"]);
    for (const r of rows) {
      const key = r.location.slice(`oss://${BUCKET}/`.length);
      expect(key.startsWith(`acs/AliyunLogs/Actiontrail-Digest/${r.region}/`)).toBe(true);
      expect((await get(key)).toString("utf8")).toBe(r.document);
      expect((await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ContentType).toBe("application/json");
    }
    const r = await verifyTrail(TRAIL, {}, now());
    expect(r.objects!.problems).toEqual([]);
    expect(r.objects!.summary).toMatchObject({ logFiles: 2, digests: 4, periods: 2, chains: 2 });
  });

  it("names an object changed, deleted or added in the bucket", async () => {
    const [first] = await prisma.digest.findMany({ where: { trailName: TRAIL, region: "eu-central-1" }, orderBy: { periodStart: "asc" } });
    const digestKey = first.location.slice(`oss://${BUCKET}/`.length);
    const logKey = (JSON.parse(first.document) as { logFiles: { key: string }[] }).logFiles[0].key;
    const original = await get(logKey);

    await put(logKey, Buffer.concat([original, Buffer.from("x")]));
    expect(kinds(await verifyTrail(TRAIL, {}, now()))).toEqual([`modified ${logKey}`]);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: logKey }));
    expect(kinds(await verifyTrail(TRAIL, {}, now()))).toEqual([`deleted ${logKey}`]);
    await put(logKey, original);

    // The same bytes under another time: a valid name (its size and MD5 hold), in no digest.
    const added = logKey.replace(/_\d{14}_1002_/, "_20000101000000_1002_");
    expect(added).not.toBe(logKey);
    await put(added, original);
    expect(kinds(await verifyTrail(TRAIL, {}, now()))).toEqual([`not-in-digest ${added}`]);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: added }));

    const digest = await get(digestKey);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: digestKey }));
    expect(kinds(await verifyTrail(TRAIL, {}, now()))).toEqual([`digest-missing ${digestKey}`, `not-in-digest ${logKey}`]);
    await put(digestKey, digest);
    expect(kinds(await verifyTrail(TRAIL, {}, now()))).toEqual([]);
  });

  it("writes a digest recorded while the endpoint was down once it is back", async () => {
    await ingest([{ acsRegion: "cn-hangzhou" }]);
    await delivery.runUntilIdle();
    await server!.close();
    server = undefined;
    const down = await closePeriod();
    expect(down.recorded).toBe(1);
    expect(down.failures).toBe(1);
    expect(await prisma.digest.count({ where: { trailName: TRAIL, writtenAt: null } })).toBe(2);
    await start();
    const back = await digests.step();
    expect(back.written).toBe(2);
    const r = await verifyTrail(TRAIL, {}, now());
    expect(r.objects!.problems).toEqual([]);
    expect(r.objects!.summary).toMatchObject({ logFiles: 3, periods: 3 });
  });
});
