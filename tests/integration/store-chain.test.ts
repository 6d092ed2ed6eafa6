// The query store chain (docs/store-chain.md) on both stores: every tampering case found by `verify store`
// and named by eventId (through the real CLI too), concurrent ingestion from two processes, the enforced
// retention purge (bounded batches, resources and facets, undelivered events kept, the chain still
// green), and the one-event check the console calls.
import { IMPORT_CHUNK_LINES } from "@/cli/commands/events";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { db, num, sql } from "@/lib/db/sql";
import { runWorker } from "@/lib/delivery/worker";
import { purgeQueryStore, signStoreCheckpoint } from "@/lib/integrity/store-checkpoints";
import { eventBlock, verifyEvent, verifyStore, type StoreReport } from "@/lib/integrity/verify-store";
import { runCli } from "../helpers/cli";
import { makeEvent } from "../helpers/events";
import { STORES, useFreshDatabase as freshDatabase, type Store } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir, type IngestedEvent } from "./delivery-helpers";

const DAY_MS = 86_400_000;

/** Events that were ingested while young and have aged since: ingestion refuses them today, so it runs with the retention lifted. */
async function ingestAged(...args: Parameters<typeof ingest>): ReturnType<typeof ingest> {
  process.env.TRAILKEEPER_QUERY_RETENTION_DAYS = "3650";
  try {
    return await ingest(...args);
  } finally {
    delete process.env.TRAILKEEPER_QUERY_RETENTION_DAYS;
  }
}

function kinds(r: StoreReport): string[] {
  return r.problems.map((p) => `${p.kind} ${p.target}`);
}

/** A fresh store with three blocks of events and a signed checkpoint. */
async function chainedStore(store: Store): Promise<{ url: string; events: IngestedEvent[] }> {
  const url = await freshDatabase(store);
  const events = [
    ...(await ingest([{}, {}, {}])),
    ...(await ingest([{ acsRegion: "cn-shanghai" }, {}])),
    ...(await ingest([{}])),
  ];
  expect(await signStoreCheckpoint()).toBe(true);
  return { url, events };
}

async function pkOf(eventId: string): Promise<number> {
  return num((await db.one<{ id: unknown }>(sql`SELECT id FROM events WHERE event_id = ${eventId}`))!.id);
}

describe.each(STORES)("verify store on %s", (store) => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = useTempDataDir();
  });
  afterAll(async () => {
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("verifies an untouched store, and says what is not checkpointed yet", async () => {
    const { events } = await chainedStore(store);
    const r = await verifyStore();
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ blocks: 3, events: 6, checkpoints: 1, notCheckpointed: { blocks: 0, events: 0 }, beforeChain: { events: 0 } });
    await ingest([{}, {}]);
    const later = await verifyStore();
    expect(later.ok).toBe(true);
    expect(later.summary.notCheckpointed).toEqual({ blocks: 1, events: 2 });
    // The same event twice is stored once and chained once.
    const again = await prisma.event.count();
    await ingest([{ eventId: events[0].eventId }]).catch(() => undefined);
    expect(await prisma.event.count()).toBe(again);
    expect((await verifyStore()).ok).toBe(true);
  });

  it("names a changed raw text and a changed covered column by eventId", async () => {
    const { events } = await chainedStore(store);
    const [a, b] = [events[1], events[4]];
    await db.run(sql`UPDATE events SET raw = ${a.raw.replace("DeleteInstance", "DescribeInstances")} WHERE event_id = ${a.eventId}`);
    await db.run(sql`UPDATE events SET user_name = ${"someone-else"} WHERE event_id = ${b.eventId}`);
    const r = await verifyStore();
    expect(r.ok).toBe(false);
    expect(kinds(r)).toEqual([`modified ${a.eventId}`, `modified ${b.eventId}`]);
    // The catalogue re-flags `sensitive` in place: not covered, not a problem.
    await db.run(sql`UPDATE events SET raw = ${a.raw} WHERE event_id = ${a.eventId}`);
    await db.run(sql`UPDATE events SET user_name = ${"alice.wang"} WHERE event_id = ${b.eventId}`);
    await db.run(sql`UPDATE events SET sensitive = TRUE`);
    expect((await verifyStore()).problems).toEqual([]);
  });

  it("names a deleted row and an inserted row", async () => {
    const { events } = await chainedStore(store);
    const gone = events[2];
    const pk = await pkOf(gone.eventId);
    await db.run(sql`DELETE FROM event_resources WHERE event_pk = ${pk}`);
    await db.run(sql`DELETE FROM events WHERE id = ${pk}`);
    const forged = makeEvent();
    await db.run(sql`INSERT INTO events (event_id, event_time, query_region, acs_region, is_global, service_name, event_name, event_type, event_rw, sensitive, raw, ingested_at)
      VALUES (${forged.eventId as string}, ${new Date().toISOString()}, 'cn-hangzhou', 'cn-hangzhou', FALSE, 'Ecs', 'DeleteInstance', 'ApiCall', 'Write', FALSE, ${JSON.stringify(forged)}, ${new Date().toISOString()})`);
    const r = await verifyStore();
    expect(kinds(r)).toEqual([`deleted ${gone.eventId}`, `inserted ${forged.eventId}`]);
    expect(r.problems[0].detail).toContain("retention did not purge it");
  });

  it("finds a broken block link and a swapped checkpoint signature", async () => {
    await chainedStore(store);
    await ingest([{}]);
    await signStoreCheckpoint();
    await db.run(sql`UPDATE store_blocks SET prev_hash = ${"f".repeat(64)} WHERE number = 2`);
    expect(kinds(await verifyStore())).toEqual(["chain-broken block 2"]);
    await db.run(sql`UPDATE store_blocks SET prev_hash = (SELECT hash FROM store_blocks WHERE number = 1) WHERE number = 2`);
    expect((await verifyStore()).ok).toBe(true);

    // A whole rewritten block (new leaf, root and hash) breaks the checkpoint that signed the old one.
    const rows = await db.all<{ id: unknown; document: string }>(sql`SELECT id, document FROM store_checkpoints ORDER BY id`);
    const [first, second] = rows.map((r) => JSON.parse(r.document) as Record<string, unknown>);
    const swapped = { ...second, signature: first.signature };
    await db.run(sql`UPDATE store_checkpoints SET document = ${JSON.stringify(swapped)} WHERE id = ${num(rows[1].id)}`);
    const r = await verifyStore();
    expect(kinds(r)).toEqual([`bad-signature checkpoint ${num(rows[1].id)}`]);
    expect(r.problems[0].detail).toContain("does not verify");
  });

  it("names a checkpoint whose key is unknown", async () => {
    await chainedStore(store);
    const [{ id }] = await db.all<{ id: unknown }>(sql`SELECT id FROM store_checkpoints`);
    await db.run(sql`DELETE FROM signing_keys`);
    const r = await verifyStore();
    expect(kinds(r)).toEqual([`unknown-key checkpoint ${num(id)}`]);
  });

  it("reports through the CLI: exit 0, then 1 with the problem named and the summary last, 2 for bad arguments", async () => {
    const { url, events } = await chainedStore(store);
    const ok = await runCli(["verify", "store"], { databaseUrl: url });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^Query store: 6 events in 3 blocks, 1 signed checkpoint \(the latest at block 3, \S+\): no problems\.$/);
    await db.run(sql`UPDATE events SET raw = ${`${events[0].raw} `} WHERE event_id = ${events[0].eventId}`);
    const json = await runCli(["verify", "store", "--json"], { databaseUrl: url });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: "modified", target: events[0].eventId, detail: expect.stringContaining("block 1") }]);
    // The failure is itself a sensitive event, which alert rules on sensitive events or the error code match.
    const recorded = await db.all<{ raw: string; sensitive: unknown; error_code: string }>(sql`SELECT raw, sensitive, error_code FROM events WHERE event_name = 'VerifyQueryStore'`);
    expect(recorded).toHaveLength(1);
    expect(Boolean(recorded[0].sensitive)).toBe(true);
    expect(recorded[0].error_code).toBe("IntegrityVerificationFailed");
    expect(JSON.parse(recorded[0].raw).additionalEventData).toMatchObject({ problemCount: 1, problems: [{ kind: "modified", target: events[0].eventId }] });
    const text = await runCli(["verify", "store"], { databaseUrl: url });
    const lines = text.stdout.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^modified: ${events[0].eventId}: `));
    expect(lines[lines.length - 1]).toMatch(/: 1 problem found\.$/);
    const bad = await runCli(["verify", "store", "--bogus"], { databaseUrl: url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: /);
  });

  it("keeps a valid chain while two processes and this one ingest at once", async () => {
    const url = await freshDatabase(store);
    const files = [0, 1].map((n) => {
      const file = path.join(dataDir, `import-${store}-${n}.jsonl`);
      fs.writeFileSync(file, Array.from({ length: 2_500 }, () => JSON.stringify(makeEvent())).join("\n"));
      return file;
    });
    const imports = files.map((f) => runCli(["events", "import", f], { databaseUrl: url }));
    let own = 0;
    const local = (async () => {
      for (let i = 0; i < 40; i++) own += (await ingest([{}, {}])).length;
    })();
    const results = await Promise.all(imports);
    await local;
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // Each import also records its own audit event (ImportEvents).
    const stored = await prisma.event.count();
    expect(stored).toBe(5_000 + own + 2);
    await signStoreCheckpoint();
    const r = await verifyStore();
    expect(r.problems).toEqual([]);
    expect(r.summary.events).toBe(stored);
    // A block per import chunk (cli/commands/events.ts) and per call of this process.
    expect(r.summary.blocks).toBeGreaterThanOrEqual(2 * Math.ceil(2_500 / IMPORT_CHUNK_LINES) + 40);
  });

  it("is checkpointed by the worker's store loop, and purged by it", async () => {
    await freshDatabase(store);
    const old = new Date(Date.now() - 100 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
    const [gone] = await ingestAged([{ eventTime: old }]);
    const [kept] = await ingest([{}]);
    const controller = new AbortController();
    const lines: string[] = [];
    const worker = runWorker({ signal: controller.signal, intervalMs: 50, loops: ["store"], store: { checkpointIntervalMs: 50 }, log: (l) => lines.push(l) });
    try {
      await expect.poll(() => prisma.storeCheckpoint.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(() => prisma.event.count({ where: { eventId: gone.eventId } }), { timeout: 20_000 }).toBe(0);
      const [latest] = await ingest([{}]);
      await expect.poll(async () => (await verifyEvent(latest.eventId)).verdict, { timeout: 20_000 }).toBe("verified");
    } finally {
      controller.abort();
      await worker;
    }
    expect(lines.some((l) => l.includes("query store purged events=1"))).toBe(true);
    const r = await verifyStore();
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ notCheckpointed: { events: 0 } });
    expect(await verifyEvent(kept.eventId)).toMatchObject({ ok: true, verdict: "verified" });
  });

  it("verifies one event: its leaf, its block and the checkpoint that signs it", async () => {
    const { events } = await chainedStore(store);
    const first = events[0].eventId;
    const v = await verifyEvent(first);
    expect(v).toMatchObject({ ok: true, verdict: "verified", block: { number: 1, checkpoint: { blockNumber: 3 } } });
    const block = await eventBlock(first);
    expect(block).toMatchObject({ number: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), checkpoint: { blockNumber: 3 } });
    const [fresh] = await ingest([{}]);
    expect(await verifyEvent(fresh.eventId)).toMatchObject({ ok: true, verdict: "not-checkpointed", block: { number: 4, checkpoint: null } });
    await db.run(sql`UPDATE events SET source_ip = ${"198.51.100.1"} WHERE event_id = ${first}`);
    expect(await verifyEvent(first)).toMatchObject({ ok: false, verdict: "modified" });
    await db.run(sql`UPDATE events SET source_ip = ${"203.0.113.7"} WHERE event_id = ${first}`);
    expect(await verifyEvent(first)).toMatchObject({ ok: true, verdict: "verified" });
    // A block between the event's and the checkpoint's rewritten: the link from block 1 is broken.
    await db.run(sql`UPDATE store_blocks SET created_at = ${"2020-01-01T00:00:00.000Z"} WHERE number = 2`);
    expect(await verifyEvent(first)).toMatchObject({ ok: false, verdict: "chain-broken", detail: "block 2 does not link to block 1" });
    expect(await verifyEvent(events[4].eventId)).toMatchObject({ ok: false, verdict: "chain-broken" });
    expect(await verifyEvent("no-such-event")).toMatchObject({ ok: false, verdict: "not-found" });
  });
});

describe.each(STORES)("query store retention on %s", (store) => {
  let dataDir = "";
  beforeAll(async () => {
    dataDir = useTempDataDir();
    await freshDatabase(store);
  });
  afterAll(async () => {
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("purges old events in bounded batches, with their resources and orphaned facets, keeping undelivered ones and a green chain", async () => {
    const old = new Date(Date.now() - 100 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
    // Three blocks of old events, then recent ones; one old service is seen nowhere else.
    const oldEvents: IngestedEvent[] = [];
    for (let i = 0; i < 3; i++) oldEvents.push(...(await ingestAged(Array.from({ length: 40 }, (_, j) => ({ eventTime: old, serviceName: j === 0 ? "OldOnlySvc" : "Ecs" })))));
    await ingest([{}, {}]);
    // A logging trail for Read events in cn-beijing whose checkpoint is here: the old events it takes stay.
    await createLoggingTrail({ name: "beijing-reads", eventRW: "Read", homeRegion: "cn-beijing", trailRegion: "cn-beijing", logStoreEnabled: true });
    const undelivered = await ingestAged(Array.from({ length: 5 }, () => ({ eventTime: old, eventRW: "Read", acsRegion: "cn-beijing" })));
    const unmatched = await ingestAged(Array.from({ length: 5 }, () => ({ eventTime: old, eventRW: "Write", acsRegion: "cn-beijing" })));
    await signStoreCheckpoint();
    const before = await prisma.event.count();

    const batches: number[] = [];
    const r = await purgeQueryStore({ batchSize: 25, pauseMs: 1, onBatch: (n) => batches.push(n) });
    expect(r.purged).toBe(125);
    expect(batches.every((n) => n <= 25)).toBe(true);
    expect(batches.length).toBe(5);
    expect(await prisma.event.count()).toBe(before - 125);
    for (const e of undelivered) expect(await prisma.event.count({ where: { eventId: e.eventId } })).toBe(1);
    for (const e of [...oldEvents, ...unmatched]) expect(await prisma.event.count({ where: { eventId: e.eventId } })).toBe(0);
    // No resource row is left without its event; the facet seen only in purged events is gone.
    const orphans = await db.one<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM event_resources WHERE event_pk NOT IN (SELECT id FROM events)`);
    expect(num(orphans?.n)).toBe(0);
    expect(await prisma.eventFacet.count({ where: { kind: "service", value: "OldOnlySvc" } })).toBe(0);
    expect(await prisma.eventFacet.count({ where: { kind: "service", value: "Ecs" } })).toBe(1);

    // The three wholly purged blocks were summarised by a signed checkpoint and their rows went.
    expect(r.compactedThrough).toBe(3);
    expect(await prisma.storeBlock.count({ where: { number: { lte: 3 } } })).toBe(0);
    const after = await verifyStore();
    expect(after.problems).toEqual([]);
    expect(after.summary.purged).toEqual({ events: 5, summarisedBlocks: 3 });
    expect(await verifyEvent(unmatched[0].eventId)).toMatchObject({ ok: false, verdict: "purged" });

    // A deletion is still told apart from a purge; a row brought back into the summarised blocks' range
    // (id 1 was block 1's first event) is found.
    const [kept] = undelivered;
    const pk = await pkOf(kept.eventId);
    await db.run(sql`DELETE FROM events WHERE id = ${pk}`);
    expect(kinds(await verifyStore())).toEqual([`deleted ${kept.eventId}`]);
    const forged = oldEvents[0];
    await db.run(sql`INSERT INTO events (id, event_id, event_time, query_region, acs_region, is_global, service_name, event_name, event_type, event_rw, sensitive, raw, ingested_at)
      VALUES (1, ${forged.eventId}, ${forged.eventTime}, 'cn-hangzhou', 'cn-hangzhou', FALSE, 'Ecs', 'DeleteInstance', 'ApiCall', 'Write', FALSE, ${forged.raw}, ${new Date().toISOString()})`);
    expect(kinds(await verifyStore())).toContain(`inserted ${forged.eventId}`);
  });
});

