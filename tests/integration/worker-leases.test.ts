// Several workers on one store (lib/worker/leases.ts): leases are taken by one holder at a time, expire
// and are taken over; a batch range claimed by a worker that died is the range the next one delivers; and
// two real worker processes against one store and one S3 bucket, one of them SIGKILLed in the middle of
// delivery, leave every event in the bucket exactly once, delivered by the survivor.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetServerKeyCache, sealSecret } from "@/lib/crypto/secret-box";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { decodeLogFile } from "@/lib/delivery/files";
import { claimIntent } from "@/lib/delivery/intents";
import { LocalObjectStore, localBucketDir } from "@/lib/delivery/object-store";
import { maxEventId } from "@/lib/delivery/read-events";
import { LeaseLostError } from "@/lib/errors";
import { listLeases, WorkerLeases } from "@/lib/worker/leases";
import { STORES, onFreshStore } from "../helpers/db";
import { freePort, S3rver, S3RVER_KEY, type S3rverInstance } from "../helpers/s3rver";
import { countIds, createLoggingTrail, ingest, readAllLines, useTempDataDir, type IngestedEvent } from "./delivery-helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORES)("worker leases on %s", (store) => {
  let dataDir = "";
  onFreshStore(store);
  beforeAll(() => {
    dataDir = useTempDataDir();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("are held by one worker at a time, renewed, and taken over once they expire", async () => {
    const a = new WorkerLeases({ holder: "worker-a", ttlMs: 600 });
    const notices: string[] = [];
    const b = new WorkerLeases({ holder: "worker-b", ttlMs: 600, onNotice: (m) => notices.push(m) });
    expect(await a.take("loop:insight")).toBe(true);
    expect(await b.take("loop:insight")).toBe(false);
    // Renewed by a: still a's after twice the lease time.
    a.start();
    await sleep(1_200);
    expect(await b.take("loop:insight")).toBe(false);
    expect((await listLeases()).map((l) => l.holder)).toEqual(["worker-a"]);
    // a stops renewing (as a killed process does): b takes over after the lease time.
    await a.renewAll();
    clearInterval((a as unknown as { timer: NodeJS.Timeout }).timer);
    (a as unknown as { timer?: NodeJS.Timeout }).timer = undefined;
    await sleep(700);
    expect(await b.take("loop:insight")).toBe(true);
    expect(notices.some((n) => n.startsWith("took over lease loop:insight from worker-a"))).toBe(true);
    // a's commit under the lease it lost is refused, in the transaction.
    await expect(prisma.$transaction((tx) => a.confirm(tx, "loop:insight"))).rejects.toBeInstanceOf(LeaseLostError);
    await expect(prisma.$transaction((tx) => b.confirm(tx, "loop:insight"))).resolves.toBeUndefined();
    await b.stop();
    expect(await listLeases()).toEqual([]);
  });

  it("go to exactly one of many racing holders", async () => {
    const holders = Array.from({ length: 6 }, (_, i) => new WorkerLeases({ holder: `racer-${i}`, ttlMs: 10_000 }));
    for (let round = 0; round < 5; round++) {
      const won = await Promise.all(holders.map((h) => h.take(`race:${round}`)));
      expect(won.filter(Boolean).length, `round ${round}`).toBe(1);
    }
    for (const h of holders) await h.stop();
  });

  it("refuse a bad lease time with a message that says what is wrong", async () => {
    const { leaseTtlFromEnv } = await import("@/lib/worker/leases");
    expect(leaseTtlFromEnv({ TRAILKEEPER_LEASE_SECONDS: "2" })).toBe(2_000);
    expect(leaseTtlFromEnv({})).toBe(30_000);
    expect(() => leaseTtlFromEnv({ TRAILKEEPER_LEASE_SECONDS: "0" })).toThrow(/TRAILKEEPER_LEASE_SECONDS must be a number of seconds from 1 to 3600 \(got "0"\)/);
    expect(() => leaseTtlFromEnv({ TRAILKEEPER_LEASE_SECONDS: "soon" })).toThrow(/got "soon"/);
  });

  it("a range claimed by a worker that died is the range the next one delivers, so no event is written twice", async () => {
    await prisma.bucket.create({ data: { name: "claim-bucket", kind: "local" } });
    await createLoggingTrail({ name: "claimed", ossBucketName: "claim-bucket", ossKeyPrefix: "c" });
    const first = await ingest(Array.from({ length: 30 }, () => ({ acsRegion: "cn-hangzhou" })));
    const row = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "claimed", destination: "oss" } } });
    // The dead worker claimed the range up to the 30 events and wrote its file, then died before its commit.
    const claimedUpTo = await maxEventId();
    expect(await claimIntent("claimed", "oss", row.checkpoint, claimedUpTo)).toEqual({ maxId: claimedUpTo, resumed: false });
    const dead = new DeliveryEngine();
    const trail = await prisma.trail.findUniqueOrThrow({ where: { name: "claimed" } });
    // Its attempt reads the claimed range (as it did before dying) and writes the file; the commit is what it never made.
    const claim = await claimIntent("claimed", "oss", row.checkpoint, claimedUpTo + 1000);
    expect(claim).toEqual({ maxId: claimedUpTo, resumed: true });
    const { readMatchingEvents } = await import("@/lib/delivery/read-events");
    const { prepareDelivery } = await import("@/lib/delivery/destinations");
    await prepareDelivery(trail, "oss", await readMatchingEvents(trail, { afterId: row.checkpoint, maxId: claimedUpTo, limit: 2_000 }), dead.stores);
    // More events arrive; another worker (no local state of the first) delivers from the same checkpoint.
    const later = await ingest(Array.from({ length: 20 }, () => ({ acsRegion: "cn-hangzhou" })));
    const notices: string[] = [];
    const next = new DeliveryEngine({ onNotice: (m) => notices.push(m) });
    // Stepped until caught up: on PostgreSQL a step waits for the horizon, which a long transaction
    // elsewhere on the server can hold back past a step.
    const caughtUp = async () => {
      await next.runUntilIdle();
      const r = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "claimed", destination: "oss" } } });
      return r.checkpoint;
    };
    await expect.poll(caughtUp, { timeout: 30_000 }).toBe(await maxEventId());
    expect(notices.some((n) => n.includes("resuming an interrupted delivery trail=claimed"))).toBe(true);
    const lines = await readAllLines(new LocalObjectStore(localBucketDir("claim-bucket")), "c/");
    const counts = countIds(lines);
    expect(counts.size).toBe(50);
    expect([...counts.values()].every((n) => n === 1), "every event once").toBe(true);
    for (const e of [...first, ...later]) expect(counts.get(e.eventId)).toBe(1);
    const done = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: "claimed", destination: "oss" } } });
    expect(done).toMatchObject({ checkpoint: await maxEventId(), intentCheckpoint: null, intentMaxId: null });
  });
});

describe.each(STORES)("two worker processes on one %s store and one S3 bucket", (store) => {
  const TOTAL = 8_000;
  const BATCH = 250;
  const BUCKET = "lease-bucket";
  const TRAIL = "lease-trail";
  const getUrl = onFreshStore(store);
  const serverKey = crypto.randomBytes(32).toString("base64");
  let s3dir = "";
  let server: S3rverInstance | undefined;
  let client: S3Client;
  const workers: { child: ChildProcess; out: string[]; dir: string }[] = [];

  function startWorker(): { child: ChildProcess; out: string[]; dir: string } {
    // Its own data directory, as on another machine: nothing is shared but the store and the bucket.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-lease-worker-"));
    // node itself with tsx as a loader, as npm start runs the worker: one process, so a signal reaches
    // the worker and nothing in between (the tsx launcher relays signals in its own time).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: getUrl(),
        TRAILKEEPER_DATA_DIR: dir,
        TRAILKEEPER_SERVER_KEY: serverKey,
        TRAILKEEPER_DELIVERY_INTERVAL_MS: "100",
        TRAILKEEPER_LEASE_SECONDS: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const w = { child, out: [] as string[], dir };
    child.stdout!.on("data", (chunk: Buffer) => w.out.push(...chunk.toString().split("\n").filter(Boolean)));
    child.stderr!.on("data", (chunk: Buffer) => w.out.push(...chunk.toString().split("\n").filter(Boolean).map((l) => `stderr: ${l}`)));
    workers.push(w);
    return w;
  }

  async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  }

  const holderOf = (out: string[]) => /worker (\S+) leases/.exec(out.find((l) => / leases \d+ ms/.test(l)) ?? "")?.[1];

  async function readBucket(): Promise<{ key: string; line: string }[]> {
    const out: { key: string; line: string }[] = [];
    let token: string | undefined;
    do {
      const list = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
      for (const o of list.Contents ?? []) {
        const body = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: o.Key! }));
        for (const line of decodeLogFile(Buffer.from(await body.Body!.transformToByteArray()))) out.push({ key: o.Key!, line });
      }
      token = list.NextContinuationToken;
    } while (token);
    return out;
  }

  beforeAll(async () => {
    useTempDataDir();
    process.env.TRAILKEEPER_SERVER_KEY = serverKey;
    resetServerKeyCache();
    const port = await freePort();
    s3dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-s3rver-"));
    server = new S3rver({ address: "127.0.0.1", port, directory: s3dir, silent: true });
    await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY } });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await prisma.bucket.create({
      data: { name: BUCKET, kind: "s3", endpoint, region: "us-east-1", accessKeyId: S3RVER_KEY, secretEncrypted: sealSecret(S3RVER_KEY), forcePathStyle: true },
    });
    await createLoggingTrail({ name: TRAIL, ossBucketName: BUCKET, ossKeyPrefix: "two", logStoreEnabled: true });
  });
  afterAll(async () => {
    for (const w of workers) {
      await kill(w.child, "SIGKILL");
      fs.rmSync(w.dir, { recursive: true, force: true });
    }
    await server?.close();
    fs.rmSync(s3dir, { recursive: true, force: true });
    delete process.env.TRAILKEEPER_SERVER_KEY;
    resetServerKeyCache();
  });

  it("deliver every event exactly once when the delivering worker is killed mid-batch", async () => {
    const started = Date.now();
    const a = startWorker();
    await expect.poll(async () => (await listLeases()).some((l) => l.name === `delivery:oss:${TRAIL}`), { timeout: 30_000, interval: 100 }).toBe(true);
    const b = startWorker();
    await expect.poll(() => holderOf(b.out), { timeout: 30_000, interval: 100 }).toBeTruthy();
    const holderA = holderOf(a.out)!;
    const holderB = holderOf(b.out)!;
    // Both run; every lease (delivery and the singleton loops) has one holder, the worker that came first.
    await expect.poll(async () => (await listLeases()).filter((l) => l.name.startsWith("loop:")).length, { timeout: 20_000 }).toBe(6);
    expect(new Set((await listLeases()).map((l) => l.holder))).toEqual(new Set([holderA]));

    const events: IngestedEvent[] = [];
    const ingestion = (async () => {
      for (let i = 0; i < TOTAL; i += BATCH) {
        events.push(...(await ingest(Array.from({ length: BATCH }, (_, j) => ({ acsRegion: ["cn-hangzhou", "cn-beijing", "us-east-1"][(i + j) % 3] })))));
        await sleep(40);
      }
    })();
    // Killed while a batch's range is claimed, i.e. between the claim and the commit (files in flight).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: TRAIL, destination: "oss" } } });
      if (row.intentCheckpoint !== null && row.intentCheckpoint === row.checkpoint && row.checkpoint > 0) break;
      if (Date.now() > deadline) throw new Error(`worker a never delivered: ${a.out.slice(-20).join("\n")}`);
      await sleep(2);
    }
    await kill(a.child, "SIGKILL");
    const afterKill = await prisma.trailDestination.findUniqueOrThrow({ where: { trailName_destination: { trailName: TRAIL, destination: "oss" } } });
    const diedMidBatch = afterKill.intentCheckpoint === afterKill.checkpoint;
    await ingestion;

    // b takes over once a's leases expire (2 s) and catches up.
    const last = await maxEventId();
    for (;;) {
      const rows = await prisma.trailDestination.findMany({ where: { trailName: TRAIL } });
      if (rows.length === 2 && rows.every((r) => r.checkpoint === last)) break;
      if (Date.now() - started > 100_000) throw new Error(`worker b did not catch up: ${JSON.stringify(rows)}\n${b.out.slice(-30).join("\n")}`);
      await sleep(100);
    }
    expect(b.out.some((l) => l.includes(`took over lease delivery:oss:${TRAIL} from ${holderA}`)), b.out.slice(-30).join("\n")).toBe(true);
    if (diedMidBatch) expect(b.out.some((l) => l.includes(`resuming an interrupted delivery trail=${TRAIL} destination=oss`))).toBe(true);
    // The singleton loops moved to b as well, and a's rows are gone or b's.
    await expect.poll(async () => new Set((await listLeases()).map((l) => l.holder)), { timeout: 10_000 }).toEqual(new Set([holderB]));

    const counts = countIds(await readBucket());
    const missing = events.filter((e) => !counts.has(e.eventId));
    expect(missing.length, "events lost").toBe(0);
    expect(counts.size, "unexpected events").toBe(TOTAL);
    const duplicated = [...counts.entries()].filter(([, n]) => n > 1);
    expect(duplicated.length, `events in the bucket more than once: ${duplicated.slice(0, 3).join(" ")}`).toBe(0);
    expect(await prisma.logStoreEvent.count({ where: { logStore: `actiontrail_${TRAIL}` } })).toBe(TOTAL);
    // The insight step ran in one worker at a time: a's until it died, then b's.
    expect(a.out.some((l) => l.includes("took over lease loop:"))).toBe(false);

    // A clean stop gives the leases back at once.
    await kill(b.child, "SIGTERM");
    await expect.poll(() => listLeases(), { timeout: 15_000, message: b.out.slice(-10).join("\n") }).toEqual([]);
    console.log(`two workers (${store}): ${TOTAL} events, killed ${diedMidBatch ? "between a batch's claim and its commit" : "after a commit"}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 150_000);
});
