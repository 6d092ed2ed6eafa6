// The worker's side of the query store chain (docs/store-chain.md): signed checkpoints of the chain's
// head, and the enforced retention of the query store. Both run in the worker's "store" loop.
//
// Retention deletes events older than queryRetentionDays() a bounded batch per transaction, with a pause
// between batches, so ingestion (which waits for SQLite's writer lock, or the chain head's row lock on
// PostgreSQL, only while a batch commits) and queries (never blocked: WAL / MVCC) go on. Each purged
// event of a block leaves a purge record with a MAC, so `verify store` tells a purge from a deletion.
// Once a prefix of blocks is wholly purged, a signed checkpoint names the last of them (its hash, leaf
// total and last event id) and their block and purge rows are deleted: the chain continues from it.
import { purgeLastUsed } from "@/lib/access-keys/last-used";
import { wholeNumberSetting } from "@/lib/config/whole-number";
import { prisma } from "@/lib/db";
import { db, join, num, sql, transaction, tx, type Sql, type TxWork } from "@/lib/db/sql";
import { addToDelta, applyRollupDelta, emptyDelta, ROLLUP_SOURCE_COLUMNS, rollupSource } from "@/lib/rollups/rollups";
import { queryRetentionDays } from "@/lib/config/retention";
import { deliveryAccountId } from "@/lib/delivery/files";
import { trailDestinations } from "@/lib/delivery/destinations";
import { trailMatchSql } from "@/lib/delivery/matching";
import { signDocument, type JsonObject, type Signer } from "./document";
import { currentSigner } from "./keys";
import {
  CHAIN_VERSION, ZERO_HASH, lockChainHead, purgeMac, purgeMacKey,
  type PurgedPrefix, type StoreCheckpointContent,
} from "./store-chain";

const DAY_MS = 86_400_000;
export const CHECKPOINT_INTERVAL_ENV = "TRAILKEEPER_STORE_CHECKPOINT_SECONDS";
const DEFAULT_CHECKPOINT_SECONDS = 60;
/** Events per purge transaction: a few milliseconds of writer lock on SQLite at 1M events. */
export const PURGE_BATCH = 2_000;
const PURGE_PAUSE_MS = 50;
const PURGE_BATCHES_PER_STEP = 50;
const COMPACT_SCAN = 1_000;
/** Retention is in days: an hourly purge (as the log stores', lib/delivery/log-store.ts), at once while behind. */
const PURGE_EVERY_MS = 3_600_000;

/** How often the worker signs a checkpoint (TRAILKEEPER_STORE_CHECKPOINT_SECONDS, default 60 s). */
export function checkpointIntervalMs(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberSetting(env, CHECKPOINT_INTERVAL_ENV, { default: DEFAULT_CHECKPOINT_SECONDS, min: 1, max: 86_400, unit: "seconds" }) * 1000;
}

interface LastCheckpoint {
  blockNumber: number;
  sha256: string;
  signature: string;
  purgedThrough: PurgedPrefix | null;
}

function* lastCheckpoint(): TxWork<LastCheckpoint | undefined> {
  const row = yield* tx.one<{ blockNumber: unknown; sha256: string; signature: string; document: string }>(
    sql`SELECT block_number AS "blockNumber", sha256, signature, document FROM store_checkpoints ORDER BY id DESC LIMIT 1`,
  );
  if (!row) return undefined;
  let purgedThrough: PurgedPrefix | null = null;
  try {
    purgedThrough = (JSON.parse(row.document) as StoreCheckpointContent).purgedThrough ?? null;
  } catch {
    // An unreadable newest checkpoint: `verify store` names it; the next one still links to it.
  }
  return { blockNumber: num(row.blockNumber), sha256: row.sha256, signature: row.signature, purgedThrough };
}

/**
 * Signs a checkpoint of the current head, in a transaction that holds the chain lock (so it names a
 * head no ingestion is extending, and two workers cannot fork the checkpoint chain). `purgedThrough`
 * given: also deletes the block and purge rows of that prefix. Returns false when nothing changed
 * since the last checkpoint.
 */
export async function signStoreCheckpoint(opts: { signer?: Signer; now?: Date; purgedThrough?: PurgedPrefix; force?: boolean } = {}): Promise<boolean> {
  const signer = opts.signer ?? (await currentSigner());
  const now = opts.now ?? new Date();
  const account = deliveryAccountId();
  return transaction(function* () {
    const head = (yield* lockChainHead())!;
    const last = yield* lastCheckpoint();
    const purgedThrough = opts.purgedThrough ?? last?.purgedThrough ?? null;
    const purgeMoved = (purgedThrough?.blockNumber ?? 0) !== (last?.purgedThrough?.blockNumber ?? 0);
    if (!opts.force && last && last.blockNumber === head.blockNumber && !purgeMoved) return false;
    if (!last && head.blockNumber === 0 && !opts.force) return false;
    const content: StoreCheckpointContent = {
      version: CHAIN_VERSION, type: "trailkeeper.storeCheckpoint", account,
      blockNumber: head.blockNumber, headHash: head.blockNumber ? head.hash : ZERO_HASH, totalLeaves: head.totalLeaves,
      legacyMaxPk: head.legacyMaxPk, purgedThrough,
      previousCheckpoint: last ? { sha256: last.sha256, signature: last.signature } : null,
      signedAt: now.toISOString(),
    };
    const signed = signDocument(content as unknown as JsonObject, signer);
    yield* tx.run(sql`INSERT INTO store_checkpoints (block_number, head_hash, sha256, signature, key_id, document, created_at)
      VALUES (${content.blockNumber}, ${content.headHash}, ${signed.sha256}, ${signed.signature}, ${signer.keyId}, ${signed.bytes.toString("utf8")}, ${content.signedAt})`);
    if (opts.purgedThrough) {
      yield* tx.run(sql`DELETE FROM store_purged_events WHERE block_number <= ${opts.purgedThrough.blockNumber}`);
      yield* tx.run(sql`DELETE FROM store_blocks WHERE number <= ${opts.purgedThrough.blockNumber}`);
    }
    return true;
  });
}

/** The conditions keeping an event that a logging trail (or a running history job) has yet to deliver. */
async function undeliveredGuards(): Promise<Sql[]> {
  const guards: Sql[] = [];
  const trails = await prisma.trail.findMany({ where: { isLogging: true } });
  const rows = await prisma.trailDestination.findMany({ where: { trailName: { in: trails.map((t) => t.name) } } });
  for (const t of trails) {
    const checkpoints = trailDestinations(t).map((d) => rows.find((r) => r.trailName === t.name && r.destination === d)?.checkpoint);
    // A destination without its row yet starts from the newest event when delivery first sees it.
    const known = checkpoints.filter((c): c is number => c !== undefined);
    if (known.length) guards.push(sql`NOT (id > ${Math.min(...known)} AND ${trailMatchSql(t)})`);
  }
  const jobs = await prisma.deliveryHistoryJob.findMany({ where: { status: "Running" } });
  for (const j of jobs) {
    const t = trails.find((x) => x.name === j.trailName) ?? (await prisma.trail.findUnique({ where: { name: j.trailName } }));
    if (t) guards.push(sql`NOT (id > ${Math.max(j.checkpoint, j.fromPk - 1)} AND id <= ${j.toPk} AND ${trailMatchSql(t)})`);
  }
  return guards;
}

export interface PurgeOptions {
  now?: Date;
  retentionDays?: number;
  batchSize?: number;
  pauseMs?: number;
  maxBatches?: number;
  signer?: Signer;
  onBatch?: (purged: number) => void;
}

export interface PurgeResult {
  purged: number;
  batches: number;
  /** Blocks whose rows went with a signed checkpoint summarising them. */
  compactedThrough: number | null;
  more: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One purge run: events older than the retention, a batch per transaction, then the block compaction. */
export async function purgeQueryStore(opts: PurgeOptions = {}): Promise<PurgeResult> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.retentionDays ?? queryRetentionDays()) * DAY_MS).toISOString();
  const batchSize = opts.batchSize ?? PURGE_BATCH;
  const guards = await undeliveredGuards();
  const key = purgeMacKey();
  const result: PurgeResult = { purged: 0, batches: 0, compactedThrough: null, more: false };
  const facetCandidates = { service: new Set<string>(), eventName: new Set<string>(), resourceType: new Set<string>() };
  for (let b = 0; b < (opts.maxBatches ?? PURGE_BATCHES_PER_STEP); b++) {
    const where = join([sql`event_time < ${cutoff}`, ...guards], " AND ");
    const victims = await db.all<{ id: unknown; eventId: string; eventTime: string; serviceName: string; eventName: string }>(
      sql`SELECT id, event_id AS "eventId", event_time AS "eventTime", service_name AS "serviceName", event_name AS "eventName"
        FROM events WHERE ${where} ORDER BY event_time LIMIT ${batchSize}`,
    );
    if (victims.length === 0) break;
    const purgedAt = new Date().toISOString();
    const ids = victims.map((v) => num(v.id));
    // No chain lock: blocks are never changed, and only wholly purged blocks are ever deleted.
    const deleted = await transaction(function* () {
      const minPk = Math.min(...ids);
      const maxPk = Math.max(...ids);
      const blocks = (yield* tx.all<{ number: unknown; firstPk: unknown; lastPk: unknown }>(
        sql`SELECT number, first_pk AS "firstPk", last_pk AS "lastPk" FROM store_blocks WHERE last_pk >= ${minPk} AND first_pk <= ${maxPk} ORDER BY number`,
      )).map((r) => ({ number: num(r.number), firstPk: num(r.firstPk), lastPk: num(r.lastPk) }));
      const types = yield* tx.all<{ t: string }>(sql`SELECT DISTINCT resource_type AS t FROM event_resources WHERE event_pk IN (${join(ids)})`);
      for (const { t } of types) facetCandidates.resourceType.add(t);
      yield* tx.run(sql`DELETE FROM event_resources WHERE event_pk IN (${join(ids)})`);
      // The dashboard's rollups lose exactly the rows deleted (lib/rollups/rollups.ts).
      const gone = yield* tx.all(sql`DELETE FROM events WHERE id IN (${join(ids)}) RETURNING ${ROLLUP_SOURCE_COLUMNS}`);
      yield* applyRollupDelta(addToDelta(emptyDelta(), gone.map(rollupSource), -1));
      const n = gone.length;
      const records: unknown[][] = [];
      for (const v of victims) {
        const pk = num(v.id);
        // Blocks cover disjoint, increasing id ranges: a binary search finds the one holding pk.
        let lo = 0;
        let hi = blocks.length - 1;
        let block: number | undefined;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (pk < blocks[mid].firstPk) hi = mid - 1;
          else if (pk > blocks[mid].lastPk) lo = mid + 1;
          else {
            block = blocks[mid].number;
            break;
          }
        }
        // No block: stored before the chain (nothing to record), or a row inserted behind its back.
        if (block === undefined) continue;
        const r = { eventPk: pk, blockNumber: block, eventId: v.eventId, eventTime: v.eventTime, purgedAt };
        records.push([r.eventPk, r.blockNumber, r.eventId, r.eventTime, r.purgedAt, purgeMac(key, r)]);
      }
      yield* tx.insert({ table: "store_purged_events", columns: ["event_pk", "block_number", "event_id", "event_time", "purged_at", "mac"], onConflict: "(event_pk) DO NOTHING" }, records);
      return n;
    });
    for (const v of victims) {
      facetCandidates.service.add(v.serviceName);
      facetCandidates.eventName.add(v.eventName);
    }
    result.purged += deleted;
    result.batches++;
    opts.onBatch?.(deleted);
    if (victims.length < batchSize) break;
    if (b === (opts.maxBatches ?? PURGE_BATCHES_PER_STEP) - 1) result.more = true;
    else await sleep(opts.pauseMs ?? PURGE_PAUSE_MS);
  }
  if (result.purged) await removeOrphanFacets(facetCandidates);
  result.compactedThrough = await compactPurgedBlocks(opts.signer, now);
  return result;
}

/** Facet values (filter suggestions) of purged events that no stored event has any more. */
async function removeOrphanFacets(c: { service: Set<string>; eventName: Set<string>; resourceType: Set<string> }): Promise<void> {
  const checks: [string, Set<string>, Sql][] = [
    ["service", c.service, sql`SELECT 1 FROM events WHERE service_name = event_facets.value`],
    ["eventName", c.eventName, sql`SELECT 1 FROM events WHERE event_name = event_facets.value`],
    ["resourceType", c.resourceType, sql`SELECT 1 FROM event_resources WHERE resource_type = event_facets.value`],
  ];
  for (const [kind, values, exists] of checks) {
    const list = [...values];
    for (let i = 0; i < list.length; i += 500) {
      await db.run(sql`DELETE FROM event_facets WHERE kind = ${kind} AND value IN (${join(list.slice(i, i + 500))}) AND NOT EXISTS (${exists})`);
    }
  }
}

/**
 * The longest prefix of blocks every leaf of which was purged, short of the newest block (the head's
 * leaf total is read from it): summarised by a signed checkpoint, their rows deleted. Null: none.
 */
async function compactPurgedBlocks(signer: Signer | undefined, now: Date): Promise<number | null> {
  let through: PurgedPrefix | undefined;
  for (let after = 0; ;) {
    const rows = await db.all<{ number: unknown; hash: string; leafCount: unknown; totalLeaves: unknown; lastPk: unknown; purged: unknown; newest: unknown }>(
      sql`SELECT b.number, b.hash, b.leaf_count AS "leafCount", b.total_leaves AS "totalLeaves", b.last_pk AS "lastPk",
        (SELECT COUNT(*) FROM store_purged_events p WHERE p.block_number = b.number) AS purged,
        (SELECT block_number FROM store_chain_head WHERE id = 1) AS newest
        FROM store_blocks b WHERE b.number > ${after} ORDER BY b.number LIMIT ${COMPACT_SCAN}`,
    );
    let stop = rows.length < COMPACT_SCAN;
    for (const r of rows) {
      if (num(r.purged) < num(r.leafCount) || num(r.number) >= num(r.newest)) {
        stop = true;
        break;
      }
      through = { blockNumber: num(r.number), hash: r.hash, totalLeaves: num(r.totalLeaves), lastPk: num(r.lastPk) };
    }
    if (stop || !rows.length) break;
    after = num(rows[rows.length - 1].number);
  }
  if (!through) return null;
  await signStoreCheckpoint({ signer, now, purgedThrough: through, force: true });
  return through.blockNumber;
}

export interface StoreStepOptions {
  now?: () => Date;
  checkpointIntervalMs?: number;
  purgeIntervalMs?: number;
  onNotice?: (message: string) => void;
}

/** The worker's store loop: a checkpoint when one is due, the purge when the worker starts and every hour. */
export class StoreChainWorker {
  private lastCheckpoint = 0;
  private lastPurge = 0;
  private readonly now: () => Date;
  private readonly checkpointEvery: number;
  private readonly purgeEvery: number;

  constructor(private readonly opts: StoreStepOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.checkpointEvery = opts.checkpointIntervalMs ?? checkpointIntervalMs();
    this.purgeEvery = opts.purgeIntervalMs ?? PURGE_EVERY_MS;
  }

  async step(): Promise<{ more: boolean }> {
    const t = this.now().getTime();
    let more = false;
    if (t - this.lastPurge >= this.purgeEvery) {
      this.lastPurge = t;
      const r = await purgeQueryStore({ now: this.now() });
      if (r.purged) this.opts.onNotice?.(`query store purged events=${r.purged} batches=${r.batches}${r.compactedThrough ? ` blocks<=${r.compactedThrough} summarised` : ""}`);
      // AccessKey last-used records have their own 400 days (docs/access-key-last-used.md "Retention").
      const ak = await purgeLastUsed({ now: this.now() });
      if (ak.purged) this.opts.onNotice?.(`access key last-used records purged=${ak.purged}`);
      more = r.more || ak.more;
      if (more) this.lastPurge = 0;
    }
    if (t - this.lastCheckpoint >= this.checkpointEvery) {
      this.lastCheckpoint = t;
      if (await signStoreCheckpoint({ now: this.now() })) this.opts.onNotice?.("store checkpoint signed");
    }
    return { more };
  }
}
