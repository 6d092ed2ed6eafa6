// Signed digests of a local bucket and the log store, on both stores, driven with an explicit clock:
// digests appear each period (empty ones too), chained, after the files they list; each kind of tampering
// is found and named by `verify trail`; a digest recorded but not written is written later with the same
// bytes; rotation keeps old digests verifiable; the worker's digest loop fails alone.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { LocalObjectStore, localBucketDir } from "@/lib/delivery/object-store";
import { runWorker } from "@/lib/delivery/worker";
import { checkSignature, parseDocument, parsePublicKeys, sha256Hex, formatPublicKeys } from "@/lib/integrity/document";
import { DigestEngine } from "@/lib/integrity/digests";
import { asOssDigest, type OssDigest } from "@/lib/integrity/format";
import { listPublicKeys, publicKeyMap, rotateSigningKey } from "@/lib/integrity/keys";
import { verifyBucket, type Problem } from "@/lib/integrity/verify";
import { verifyTrail, type TrailReport } from "@/lib/integrity/verify-trail";
import { STORES, useFreshDatabase } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";

const BUCKET = "signed-archive";
const INTERVAL = 10_000;
const ALL = "signed-all";
const HOME = "signed-home";
const actor = { username: "tester", kind: "cli" as const };

const problemsOf = (r: TrailReport): Problem[] => [...(r.objects?.problems ?? []), ...(r.logStore?.problems ?? [])];
const kinds = (r: TrailReport) => problemsOf(r).map((p) => `${p.kind} ${p.target}`);

describe.each(STORES)("signed digests on %s", (store) => {
  let dataDir = "";
  let clock = 0;
  const now = () => new Date(clock);
  let delivery: DeliveryEngine;
  let digests: DigestEngine;
  const root = () => localBucketDir(BUCKET);
  const file = (key: string) => path.join(root(), ...key.split("/"));
  const bucket = () => new LocalObjectStore(root());
  /** Moves the clock to the end of the current period and runs a digest step. */
  const closePeriod = async () => {
    clock = Math.floor(clock / INTERVAL) * INTERVAL + INTERVAL;
    return digests.step();
  };
  const ossDigests = async (trailName: string) =>
    (await prisma.digest.findMany({ where: { trailName, destination: "oss" }, orderBy: [{ periodStart: "asc" }, { region: "asc" }] })).map((row) => ({
      row,
      doc: asOssDigest(parseDocument(row.document)!) as OssDigest,
      key: row.location.slice(`oss://${BUCKET}/`.length),
    }));

  /** Runs `tamper`, checks what verify trail says, and puts the bucket back as it was. */
  async function tampered(tamper: () => Promise<void> | void, trailName = ALL): Promise<TrailReport> {
    const backup = `${root()}.backup`;
    fs.rmSync(backup, { recursive: true, force: true });
    fs.cpSync(root(), backup, { recursive: true, preserveTimestamps: true });
    try {
      await tamper();
      return await verifyTrail(trailName, {}, now());
    } finally {
      fs.rmSync(root(), { recursive: true, force: true });
      fs.renameSync(backup, root());
    }
  }

  beforeAll(async () => {
    await useFreshDatabase(store);
    dataDir = useTempDataDir();
    await prisma.bucket.create({ data: { name: BUCKET, kind: "local" } });
    await createLoggingTrail({ name: ALL, ossBucketName: BUCKET, ossKeyPrefix: "team/audit", logStoreEnabled: true });
    await createLoggingTrail({ name: HOME, eventRW: "Write", trailRegion: "cn-hangzhou", ossBucketName: BUCKET });
    clock = Date.now();
    delivery = new DeliveryEngine({ now });
    digests = new DigestEngine({ now, intervalMs: INTERVAL });
  });
  afterAll(async () => {
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes one digest per region each period, after the files it lists, chained, empty periods too", async () => {
    await ingest([
      { acsRegion: "cn-hangzhou", eventRW: "Write" },
      { acsRegion: "cn-shanghai", eventRW: "Read" },
      { acsRegion: "eu-central-1", eventRW: "Write" },
      { acsRegion: "cn-shanghai", isGlobal: true, serviceName: "Ram", eventName: "CreateUser", eventRW: "Write" },
    ]);
    await delivery.runUntilIdle();
    // The period has not ended: nothing yet.
    expect((await digests.step()).recorded).toBe(0);
    expect(await prisma.digest.count()).toBe(0);

    const first = await closePeriod();
    expect(first.failures).toBe(0);
    const all = await ossDigests(ALL);
    expect(all.map((d) => d.doc.region)).toEqual(["cn-hangzhou", "cn-shanghai", "eu-central-1"]);
    const keys = await publicKeyMap();
    const files = await prisma.delivery.findMany({ where: { trailName: ALL, destination: "oss" } });
    for (const { row, doc, key } of all) {
      // In the bucket at its place, byte for byte what was recorded, signed with the current key.
      expect(key).toBe(`team/audit/AliyunLogs/Actiontrail-Digest/${doc.region}/${doc.periodStart.slice(0, 4)}/${doc.periodStart.slice(5, 7)}/${doc.periodStart.slice(8, 10)}/1016954307248737_CloudTrail-Digest_${doc.region}_${ALL}_${doc.periodStart.replace(/[-:]/g, "")}.json`);
      const bytes = fs.readFileSync(file(key));
      expect(bytes.toString("utf8")).toBe(row.document);
      expect(sha256Hex(bytes)).toBe(row.sha256);
      expect(row.writtenAt).toBeInstanceOf(Date);
      expect(checkSignature(parseDocument(bytes)!, keys)).toEqual({ ok: true });
      expect(doc).toMatchObject({ trail: ALL, bucket: BUCKET, prefix: "team/audit", regions: ["cn-hangzhou", "cn-shanghai", "eu-central-1"], previousDigest: null });
      expect(Date.parse(doc.periodEnd) - Date.parse(doc.periodStart)).toBe(INTERVAL);
      // It lists exactly the files delivered under its region, each with the hash of the bytes stored.
      const mine = files.filter((f) => f.region === doc.region);
      expect(doc.logFiles.map((f) => f.key).sort()).toEqual(mine.map((f) => f.location.slice(`oss://${BUCKET}/`.length)).sort());
      for (const f of doc.logFiles) {
        expect(f.sha256).toBe(sha256Hex(fs.readFileSync(file(f.key))));
        expect(f.eventCount).toBeGreaterThan(0);
        expect(f.firstEventTime <= f.lastEventTime).toBe(true);
      }
      for (const f of mine) expect(f.digestId).toBe(row.id);
    }
    // The global event is filed under the home region.
    expect(all[0].doc.logFiles.reduce((n, f) => n + f.eventCount, 0)).toBe(2);
    // A home-region trail has one chain.
    expect((await ossDigests(HOME)).map((d) => d.doc.region)).toEqual(["cn-hangzhou"]);

    // An empty period still gets its digests, each naming the previous one.
    await closePeriod();
    const next = (await ossDigests(ALL)).slice(3);
    expect(next).toHaveLength(3);
    next.forEach(({ doc }, i) => {
      expect(doc.logFiles).toEqual([]);
      expect(doc.previousDigest).toEqual({ key: all[i].key, sha256: all[i].row.sha256, signature: all[i].row.signature });
    });
    const logStore = await prisma.digest.findMany({ where: { trailName: ALL, destination: "logstore" }, orderBy: { periodStart: "asc" } });
    expect(logStore.map((d) => d.itemCount)).toEqual([4, 0]);

    for (const name of [ALL, HOME]) {
      const r = await verifyTrail(name, {}, now());
      expect(problemsOf(r), name).toEqual([]);
    }
    const r = await verifyTrail(ALL, {}, now());
    expect(r.objects!.summary).toMatchObject({ logFiles: 3, digests: 6, periods: 2, chains: 3, pendingLogFiles: 0 });
    expect(r.logStore!.summary).toMatchObject({ digests: 2, rows: 4, pendingRows: 0 });
  });

  it("checks files not digested yet against the hash delivery recorded, and lists them in the next digest", async () => {
    clock += 1_000;
    await ingest([{ acsRegion: "cn-beijing" }]);
    await delivery.runUntilIdle();
    const [late] = await prisma.delivery.findMany({ where: { trailName: ALL, destination: "oss", digestId: null } });
    const key = late.location.slice(`oss://${BUCKET}/`.length);
    const before = await verifyTrail(ALL, {}, now());
    expect(problemsOf(before)).toEqual([]);
    expect(before.objects!.pending).toEqual([key]);
    expect(before.logStore!.summary.pendingRows).toBe(1);
    const r = await tampered(() => fs.appendFileSync(file(key), "x"));
    expect(kinds(r)).toEqual([`modified ${key}`]);

    await closePeriod();
    const latest = (await ossDigests(ALL)).slice(-4);
    // A new region joins every later period of the trail.
    expect(latest.map((d) => d.doc.region)).toEqual(["cn-beijing", "cn-hangzhou", "cn-shanghai", "eu-central-1"]);
    expect(latest[0].doc.previousDigest).toBeNull();
    expect(latest[0].doc.logFiles.map((f) => f.key)).toEqual([key]);
    const after = await verifyTrail(ALL, {}, now());
    expect(problemsOf(after)).toEqual([]);
    expect(after.objects!.pending).toEqual([]);
  });

  it("names each tampered, deleted, added or unlisted file", async () => {
    const all = await ossDigests(ALL);
    const withFiles = all.find((d) => d.doc.logFiles.length && d.doc.region === "cn-shanghai")!;
    const logKey = withFiles.doc.logFiles[0].key;

    const changed = await tampered(() => {
      const bytes = fs.readFileSync(file(logKey));
      bytes[bytes.length - 5] ^= 1;
      fs.writeFileSync(file(logKey), bytes);
    });
    expect(kinds(changed)).toEqual([`modified ${logKey}`]);
    expect(problemsOf(changed)[0].detail).toContain(withFiles.key);

    expect(kinds(await tampered(() => fs.rmSync(file(logKey))))).toEqual([`deleted ${logKey}`]);

    const added = logKey.replace(/_\d{14}_1002_/, "_20000101000000_1002_");
    expect(added).not.toBe(logKey);
    const junk = "team/audit/AliyunLogs/Actiontrail/cn-shanghai/2026/01/01/extra.json.gz";
    const r = await tampered(() => {
      fs.copyFileSync(file(logKey), file(added));
      fs.mkdirSync(path.dirname(file(junk)), { recursive: true });
      fs.writeFileSync(file(junk), "junk");
    });
    expect(kinds(r).sort()).toEqual([`not-in-digest ${added}`, `not-in-digest ${junk}`].sort());
  });

  it("finds a deleted digest, in the chain and at its head, and a swapped signature", async () => {
    const all = await ossDigests(ALL);
    const shanghai = all.filter((d) => d.doc.region === "cn-shanghai");
    const [firstShanghai, middle] = shanghai;

    const gone = await tampered(() => fs.rmSync(file(middle.key)));
    expect(kinds(gone)).toEqual([`digest-missing ${middle.key}`]);

    // The first: the files it listed are in no digest now.
    const first = await tampered(() => fs.rmSync(file(firstShanghai.key)));
    expect(kinds(first).sort()).toEqual([`digest-missing ${firstShanghai.key}`, ...firstShanghai.doc.logFiles.map((f) => `not-in-digest ${f.key}`)].sort());

    // The newest of every chain: only the database knows it was written.
    const newest = all.filter((d) => d.row.periodStart.getTime() === all[all.length - 1].row.periodStart.getTime());
    let offline: Problem[] = [];
    const head = await tampered(async () => {
      newest.forEach((d) => fs.rmSync(file(d.key)));
      offline = (await verifyBucket(bucket(), { keys: await publicKeyMap(), trail: ALL })).problems;
    });
    expect(kinds(head).sort()).toEqual([...newest.map((d) => `digest-missing ${d.key}`), ...newest.flatMap((d) => d.doc.logFiles.map((f) => `not-in-digest ${f.key}`))].sort());
    // Offline nothing can name a missing newest digest (the summary says which period the digests reach).
    expect(offline.filter((p) => p.kind === "digest-missing")).toEqual([]);

    const swapped = await tampered(() => {
      const a = JSON.parse(fs.readFileSync(file(firstShanghai.key), "utf8"));
      const b = JSON.parse(fs.readFileSync(file(middle.key), "utf8"));
      [a.signature, b.signature] = [b.signature, a.signature];
      fs.writeFileSync(file(firstShanghai.key), JSON.stringify(a));
      fs.writeFileSync(file(middle.key), JSON.stringify(b));
    });
    const byKind = problemsOf(swapped);
    expect(byKind.filter((p) => p.kind === "bad-signature").map((p) => p.target).sort()).toEqual([firstShanghai.key, middle.key].sort());
    // The digests after them no longer link to what they named.
    expect(byKind.filter((p) => p.kind === "chain-broken").map((p) => p.target)).toEqual([middle.key, shanghai[2].key]);
    // The files listed only in digests that no longer verify are in no (valid) digest.
    expect(byKind.filter((p) => p.kind === "not-in-digest").map((p) => p.target)).toEqual(firstShanghai.doc.logFiles.map((f) => f.key));

    // A valid digest copied over another one is out of place.
    const moved = await tampered(() => fs.copyFileSync(file(middle.key), file(shanghai[2].key)));
    expect(kinds(moved)).toContain(`chain-broken ${shanghai[2].key}`);
  });

  it("finds a changed, deleted or inserted log store row", async () => {
    const rows = await prisma.logStoreEvent.findMany({ where: { logStore: `actiontrail_${ALL}` }, orderBy: { id: "asc" } });
    const [row] = rows;
    const check = async (tamper: () => Promise<unknown>, undo: () => Promise<unknown>) => {
      await tamper();
      try {
        return kinds(await verifyTrail(ALL, {}, now()));
      } finally {
        await undo();
      }
    };
    const firstPeriod = (await prisma.digest.findFirst({ where: { trailName: ALL, destination: "logstore" }, orderBy: { periodStart: "asc" } }))!;
    const period = `log store actiontrail_${ALL} rows of ${firstPeriod.periodStart.toISOString().replace(".000Z", "Z")}–${firstPeriod.periodEnd.toISOString().replace(".000Z", "Z")}`;

    expect(await check(
      () => prisma.logStoreEvent.update({ where: { id: row.id }, data: { raw: row.raw.replace("DeleteInstance", "DescribeInstances") } }),
      () => prisma.logStoreEvent.update({ where: { id: row.id }, data: { raw: row.raw } }),
    )).toEqual([`modified log store actiontrail_${ALL} row ${row.id} eventId=${row.eventId}`]);
    // A changed event time hides a row from the log store's time filter: it is covered too.
    expect(await check(
      () => prisma.logStoreEvent.update({ where: { id: row.id }, data: { eventTime: "2020-01-01T00:00:00.000Z" } }),
      () => prisma.logStoreEvent.update({ where: { id: row.id }, data: { eventTime: row.eventTime } }),
    )).toEqual([`modified log store actiontrail_${ALL} row ${row.id} eventId=${row.eventId}`]);

    expect(await check(
      () => prisma.logStoreEvent.delete({ where: { id: row.id } }),
      () => prisma.logStoreEvent.create({ data: row }),
    )).toEqual([`deleted ${period}`]);

    const forged = { logStore: row.logStore, eventId: "forged-event-0001", eventTime: row.eventTime, queryRegion: row.queryRegion, raw: row.raw.replace(row.eventId, "forged-event-0001") };
    // Inserted: with a fresh id (after every digest: it has no MAC), or in place of a digested row with its MAC.
    const inserted = await check(
      () => prisma.logStoreEvent.create({ data: forged }),
      () => prisma.logStoreEvent.deleteMany({ where: { eventId: forged.eventId } }),
    );
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatch(new RegExp(`^inserted log store actiontrail_${ALL} row \\d+ eventId=${forged.eventId}$`));
    const replaced = await check(
      async () => {
        await prisma.logStoreEvent.delete({ where: { id: row.id } });
        await prisma.logStoreEvent.create({ data: { ...forged, id: row.id, mac: row.mac } });
      },
      async () => {
        await prisma.logStoreEvent.delete({ where: { id: row.id } });
        await prisma.logStoreEvent.create({ data: row });
      },
    );
    expect(replaced).toEqual([`modified log store actiontrail_${ALL} row ${row.id} eventId=${forged.eventId}`]);
    expect(problemsOf(await verifyTrail(ALL, {}, now()))).toEqual([]);
  });

  it("writes a digest recorded while its bucket failed later, with the same bytes, once", async () => {
    // The digest directory of the home trail cannot be made: the step records, the write fails.
    const blocker = path.join(root(), "AliyunLogs", "Actiontrail-Digest");
    fs.renameSync(blocker, `${blocker}.aside`);
    fs.writeFileSync(blocker, "not a directory");
    await ingest([{ acsRegion: "cn-hangzhou", eventRW: "Write" }]);
    await delivery.runUntilIdle();
    const step = await closePeriod();
    expect(step.failures).toBeGreaterThan(0);
    const [pending] = await prisma.digest.findMany({ where: { trailName: HOME, writtenAt: null } });
    expect(pending.itemCount).toBe(1);
    // Until it is written, its file counts as not digested yet (and is checked against delivery's hash).
    fs.rmSync(blocker);
    fs.renameSync(`${blocker}.aside`, blocker);
    const waiting = await verifyTrail(HOME, {}, now());
    expect(problemsOf(waiting)).toEqual([]);
    expect(waiting.objects!.pending).toHaveLength(1);

    const again = await digests.step();
    expect(again.written).toBe(1);
    const written = await prisma.digest.findUniqueOrThrow({ where: { id: pending.id } });
    expect(written.writtenAt).toBeInstanceOf(Date);
    expect(fs.readFileSync(file(pending.location.slice(`oss://${BUCKET}/`.length)), "utf8")).toBe(pending.document);
    const periods = (await ossDigests(HOME)).map((d) => d.doc.periodStart);
    expect(new Set(periods).size).toBe(periods.length);
    expect(problemsOf(await verifyTrail(HOME, {}, now()))).toEqual([]);
  });

  it("signs with a new key after rotation; digests signed before verify with the retired key", async () => {
    const before = (await listPublicKeys())[0].id;
    const { retired, current } = await rotateSigningKey({ actor });
    expect(retired).toEqual([before]);
    await ingest([{ acsRegion: "cn-hangzhou" }]);
    await delivery.runUntilIdle();
    await closePeriod();
    const all = await ossDigests(ALL);
    expect(all[0].doc.keyId).toBe(before);
    expect(all[all.length - 1].doc.keyId).toBe(current);
    expect(problemsOf(await verifyTrail(ALL, {}, now()))).toEqual([]);

    // Offline with only the new key, the old digests are signed by an unknown key; with both, all verify.
    const onlyNew = parsePublicKeys(formatPublicKeys(await listPublicKeys()));
    const partial = await verifyBucket(bucket(), { keys: onlyNew, trail: ALL });
    expect(new Set(partial.problems.map((p) => p.kind)).has("unknown-key")).toBe(true);
    expect(partial.problems.filter((p) => p.kind === "unknown-key").length).toBe(all.filter((d) => d.doc.keyId === before).length);
    const both = parsePublicKeys(formatPublicKeys(await listPublicKeys({ all: true })));
    expect(both.size).toBe(2);
    expect((await verifyBucket(bucket(), { keys: both, trail: ALL })).problems).toEqual([]);
    const event = await prisma.event.findFirst({ where: { eventName: "RotateDigestSigningKey" } });
    expect(event).not.toBeNull();
  });

  it("verifies a range of periods only", async () => {
    const all = await ossDigests(ALL);
    const lastStart = all[all.length - 1].row.periodStart;
    // A log file changed in an early period is outside a range that starts after it.
    const early = all.find((d) => d.doc.logFiles.length)!;
    const r = await tampered(async () => {
      fs.appendFileSync(file(early.doc.logFiles[0].key), "x");
    });
    expect(kinds(r)).toEqual([`modified ${early.doc.logFiles[0].key}`]);
    fs.appendFileSync(file(early.doc.logFiles[0].key), "x");
    try {
      const late = await verifyTrail(ALL, { start: lastStart }, now());
      expect(problemsOf(late)).toEqual([]);
      expect(late.objects!.summary.periods).toBe(1);
    } finally {
      const bytes = fs.readFileSync(file(early.doc.logFiles[0].key));
      fs.writeFileSync(file(early.doc.logFiles[0].key), bytes.subarray(0, bytes.length - 1));
    }
    expect(problemsOf(await verifyTrail(ALL, {}, now()))).toEqual([]);
  });
});

describe.each(STORES)("the worker's digest loop on %s", (store) => {
  let dataDir = "";
  beforeAll(async () => {
    await useFreshDatabase(store);
    dataDir = useTempDataDir();
  });
  afterAll(async () => {
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("fails alone: delivery goes on while every digest step fails", async () => {
    await prisma.bucket.create({ data: { name: "loop-bucket", kind: "local" } });
    await createLoggingTrail({ name: "loop-trail", ossBucketName: "loop-bucket", logStoreEnabled: true });
    await prisma.$executeRawUnsafe("DROP TABLE digests");
    await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }]);
    const lines: string[] = [];
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, intervalMs: 50, log: (l) => lines.push(l), loops: ["delivery", "digests"], digests: { intervalMs: 1_000 } });
    try {
      await expect.poll(() => prisma.logStoreEvent.count({ where: { logStore: "actiontrail_loop-trail" } }), { timeout: 20_000 }).toBe(2);
      await expect.poll(() => lines.some((l) => / digests step failed: /.test(l)), { timeout: 20_000, message: "the digest failure is logged" }).toBe(true);
    } finally {
      controller.abort();
      await worker;
    }
  });
});
