// The real worker process, SIGKILLed at random moments (at least 10 times) while 20,000 events are
// ingested, restarted each time: afterwards every matching event is in the bucket and the log store.
// Duplicates are allowed (at least once) and reported; a loss fails the test.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { trailMatches } from "@/lib/delivery/matching";
import { LocalObjectStore, localBucketDir } from "@/lib/delivery/object-store";
import { maxEventId } from "@/lib/delivery/read-events";
import { useFreshDatabase } from "../helpers/db";
import { countIds, createLoggingTrail, ingest, readAllLines, useTempDataDir, type IngestedEvent } from "./delivery-helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const TOTAL = 20_000;
const BATCH = 250;
const MIN_KILLS = 20;
const REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "eu-central-1", "us-east-1"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the delivery worker survives SIGKILL (sqlite)", () => {
  let url = "";
  let dataDir = "";
  let worker: ChildProcess | undefined;
  let deliveredLines = 0;
  let resumed = 0;

  function startWorker(): ChildProcess {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/worker.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, TRAILKEEPER_DATA_DIR: dataDir, TRAILKEEPER_DELIVERY_INTERVAL_MS: "100" },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: the tsx launcher runs the worker in a child node process, and a SIGKILL
      // to the launcher alone would leave that child running.
      detached: true,
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      const lines = chunk.toString().split("\n");
      deliveredLines += lines.filter((l) => l.includes(" delivered ")).length;
      // A batch whose files were (being) written when the worker died, written again under the same names.
      resumed += lines.filter((l) => l.includes("resuming an interrupted delivery")).length;
    });
    child.stderr!.resume();
    return child;
  }

  async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, signal);
    await exited;
  }

  beforeAll(async () => {
    url = await useFreshDatabase("sqlite");
    dataDir = useTempDataDir();
    await prisma.bucket.create({ data: { name: "crash-bucket", kind: "local" } });
    await createLoggingTrail({ name: "crash-all", ossBucketName: "crash-bucket", ossKeyPrefix: "all", logStoreEnabled: true });
    await createLoggingTrail({ name: "crash-home", eventRW: "Write", trailRegion: "cn-hangzhou", ossBucketName: "crash-bucket", ossKeyPrefix: "home" });
  });
  afterAll(async () => {
    if (worker) await kill(worker, "SIGKILL");
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("loses nothing across repeated kills", async () => {
    const started = Date.now();
    const events: IngestedEvent[] = [];
    let ingesting = true;
    const ingestion = (async () => {
      for (let i = 0; i < TOTAL; i += BATCH) {
        events.push(...(await ingest(Array.from({ length: BATCH }, (_, j) => {
          const n = i + j;
          return { acsRegion: REGIONS[n % REGIONS.length], eventRW: n % 3 ? "Write" : "Read", isGlobal: n % 17 === 0 };
        }))));
        await sleep(100);
      }
      ingesting = false;
    })();

    let kills = 0;
    worker = startWorker();
    while (ingesting || kills < MIN_KILLS) {
      // Kill soon after the worker starts delivering (mid-batch), or after a while if it is idle.
      const before = deliveredLines;
      const deadline = Date.now() + 1_500;
      while (deliveredLines === before && Date.now() < deadline) await sleep(10);
      // A 2,000-event batch takes some 100–200 ms per destination here: this lands anywhere in the next ones.
      await sleep(Math.random() * 400);
      await kill(worker, "SIGKILL");
      kills++;
      worker = startWorker();
    }
    await ingestion;

    // Let it finish: every destination's checkpoint reaches the last event.
    const last = await maxEventId();
    for (;;) {
      const rows = await prisma.trailDestination.findMany();
      if (rows.length === 3 && rows.every((r) => r.checkpoint === last)) break;
      if (Date.now() - started > 90_000) throw new Error(`worker did not catch up: ${JSON.stringify(rows)}`);
      await sleep(100);
    }
    await kill(worker, "SIGTERM");
    worker = undefined;

    const store = new LocalObjectStore(localBucketDir("crash-bucket"));
    let duplicates = 0;
    for (const [trail, scope, prefix] of [
      ["crash-all", { name: "crash-all", homeRegion: "cn-hangzhou", eventRW: "All", trailRegion: "All" }, "all/"],
      ["crash-home", { name: "crash-home", homeRegion: "cn-hangzhou", eventRW: "Write", trailRegion: "cn-hangzhou" }, "home/"],
    ] as const) {
      const lines = await readAllLines(store, prefix);
      const counts = countIds(lines);
      const expected = events.filter((e) =>
        trailMatches(scope, { ...e, queryRegion: e.isGlobal ? "ap-southeast-1" : e.acsRegion }),
      );
      const missing = expected.filter((e) => !counts.has(e.eventId));
      expect(missing.length, `${trail}: events lost`).toBe(0);
      expect(counts.size, `${trail}: unexpected events`).toBe(expected.length);
      const dup = [...counts.values()].reduce((n, c) => n + c - 1, 0);
      duplicates += dup;
      console.log(`crash test: ${trail} ${expected.length} matching events delivered, ${dup} duplicate lines`);
    }
    const logStore = await prisma.logStoreEvent.count({ where: { logStore: "actiontrail_crash-all" } });
    expect(logStore).toBe(TOTAL);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `crash test: ${kills} SIGKILLs (${resumed} between a batch's file writes and its commit), ${TOTAL} events, ` +
        `${duplicates} duplicate lines in the bucket, ${seconds} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  }, 120_000);
});
