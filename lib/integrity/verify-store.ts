// `verify store`: the query store checked against its chain (docs/store-chain.md "Verifying"). Walks the
// signed checkpoints (signature, link to the previous one), then every block in order (number, link,
// Merkle root, hash, a checkpoint's head hash), recomputing each leaf from the current events row, and
// names by eventId each row changed, deleted (in a block, gone, no valid purge record) or inserted (in
// no block). Blocks after the newest checkpoint are reported as not yet checkpointed, not as a failure.
// Also: verifyEvent (one event, for the console's "verify this event") and eventBlock (its block).
import type crypto from "node:crypto";
import { db, empty, num, sql } from "@/lib/db/sql";
import { checkSignature, parseDocument, sha256Hex, type JsonObject } from "./document";
import { publicKeyMap } from "./keys";
import type { Problem } from "./verify";
import {
  LEAF_COLUMNS, LEAF_SELECT, ZERO_HASH, asStoreCheckpoint, blockHash, leafHash, merkleRoot, purgeMacKey, purgeMacMatches,
  type BlockHeader, type BlockLeaf, type LeafValues, type PurgedPrefix, type StoreCheckpointContent,
} from "./store-chain";

const BLOCK_PAGE = 200;

export interface StoreSummary {
  blocks: number;
  /** Events rows found in blocks and recomputed. */
  events: number;
  checkpoints: number;
  latestCheckpoint: { id: number; blockNumber: number; signedAt: string; keyId: string } | null;
  /** Events of blocks after the newest valid checkpoint: chained, not signed yet. */
  notCheckpointed: { blocks: number; events: number };
  /** Leaves whose events retention purged (with a valid purge record), and blocks summarised by a checkpoint. */
  purged: { events: number; summarisedBlocks: number };
  /** Events stored before the chain existed (an upgraded store): not covered. */
  beforeChain: { events: number; maxPk: number };
}

export interface StoreReport {
  ok: boolean;
  summary: StoreSummary;
  problems: Problem[];
}

interface CheckpointRow {
  id: number;
  doc: StoreCheckpointContent & { keyId: string; signature: string };
  sha256: string;
}

interface BlockRow extends BlockHeader {
  hash: string;
  leaves: string;
}

function blockRow(r: Record<string, unknown>): BlockRow {
  return {
    number: num(r.number), prevHash: String(r.prevHash), merkleRoot: String(r.merkleRoot), hash: String(r.hash),
    leafCount: num(r.leafCount), totalLeaves: num(r.totalLeaves), firstPk: num(r.firstPk), lastPk: num(r.lastPk),
    createdAt: String(r.createdAt), leaves: String(r.leaves ?? "[]"),
  };
}

const BLOCK_HEADER = sql`number, prev_hash AS "prevHash", merkle_root AS "merkleRoot", hash, leaf_count AS "leafCount",
  total_leaves AS "totalLeaves", first_pk AS "firstPk", last_pk AS "lastPk", created_at AS "createdAt"`;

function parseLeaves(text: string): BlockLeaf[] | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v)) return undefined;
    const ok = v.every((l) => Array.isArray(l) && l.length === 3 && Number.isSafeInteger(l[0]) && typeof l[1] === "string" && typeof l[2] === "string");
    return ok ? (v as BlockLeaf[]) : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with a block on its own and against its predecessor; "" when nothing. */
function blockFault(b: BlockRow, leaves: BlockLeaf[] | undefined, prev: { number: number; hash: string; totalLeaves: number; lastPk: number }): string {
  if (b.number !== prev.number + 1) return `it follows block ${prev.number}: blocks ${prev.number + 1}–${b.number - 1} are missing`;
  if (b.prevHash !== prev.hash) return `its previous hash ${b.prevHash.slice(0, 16)}… is not the hash of block ${prev.number} (${prev.hash.slice(0, 16)}…)`;
  if (!leaves) return "its leaf list is not readable";
  if (leaves.length !== b.leafCount) return `it lists ${leaves.length} leaves but says ${b.leafCount}`;
  if (b.totalLeaves !== prev.totalLeaves + b.leafCount) return `its leaf total ${b.totalLeaves} is not ${prev.totalLeaves} + ${b.leafCount}`;
  for (let i = 0; i < leaves.length; i++) {
    if (leaves[i][0] <= (i ? leaves[i - 1][0] : prev.lastPk)) return "its event ids are not increasing after the previous block's";
  }
  if (leaves.length && (leaves[0][0] !== b.firstPk || leaves[leaves.length - 1][0] !== b.lastPk)) return "its id range does not match its leaves";
  if (merkleRoot(leaves.map((l) => l[2])) !== b.merkleRoot) return "its Merkle root does not match its leaves";
  if (blockHash(b) !== b.hash) return "its hash does not match its content";
  return "";
}

async function readCheckpoints(keys: ReadonlyMap<string, crypto.KeyObject>, problems: Problem[]): Promise<CheckpointRow[]> {
  const rows = await db.all<{ id: unknown; document: string }>(sql`SELECT id, document FROM store_checkpoints ORDER BY id`);
  const valid: CheckpointRow[] = [];
  let previous: { sha256: string; signature: string } | null = null;
  for (const r of rows) {
    const target = `checkpoint ${num(r.id)}`;
    const doc = parseDocument(r.document);
    const d = doc ? asStoreCheckpoint(doc) : "it is not JSON";
    if (typeof d === "string") {
      problems.push({ kind: "bad-signature", target, detail: `not a readable checkpoint: ${d}` });
      continue;
    }
    const sig = checkSignature(doc as JsonObject, keys);
    if (!sig.ok) {
      problems.push({ kind: sig.problem, target, detail: sig.detail });
      continue;
    }
    const link = d.previousCheckpoint;
    if (previous && (!link || link.sha256 !== previous.sha256 || link.signature !== previous.signature)) {
      problems.push({ kind: "chain-broken", target, detail: "it does not name the checkpoint before it: one was removed or replaced" });
    }
    const sha256 = sha256Hex(Buffer.from(r.document, "utf8"));
    valid.push({ id: num(r.id), doc: d, sha256 });
    previous = { sha256, signature: d.signature };
  }
  return valid;
}

/** Events rows with afterPk < id <= lastPk (no bound: undefined), in id order. */
async function eventsBetween(afterPk: number, lastPk?: number): Promise<Map<number, LeafValues & { id: unknown }>> {
  const upTo = lastPk === undefined ? empty : sql`AND id <= ${lastPk}`;
  const rows = await db.all<LeafValues & { id: unknown }>(sql`SELECT id, ${LEAF_SELECT} FROM events WHERE id > ${afterPk} ${upTo} ORDER BY id`);
  return new Map(rows.map((r) => [num(r.id), r]));
}

interface PurgeRow {
  eventPk: number;
  blockNumber: number;
  eventId: string;
  eventTime: string;
  purgedAt: string;
  mac: string;
}

async function purgeRecords(fromBlock: number, toBlock: number): Promise<Map<number, PurgeRow>> {
  const rows = await db.all<Record<string, unknown>>(sql`SELECT event_pk AS "eventPk", block_number AS "blockNumber", event_id AS "eventId",
    event_time AS "eventTime", purged_at AS "purgedAt", mac FROM store_purged_events WHERE block_number >= ${fromBlock} AND block_number <= ${toBlock}`);
  return new Map(rows.map((r) => [num(r.eventPk), {
    eventPk: num(r.eventPk), blockNumber: num(r.blockNumber), eventId: String(r.eventId), eventTime: String(r.eventTime), purgedAt: String(r.purgedAt), mac: String(r.mac),
  }]));
}

/** What the stored row differs in from its leaf, for the report (raw first: the text is what readers see). */
function changedWhat(pk: number, row: LeafValues, leafEventId: string): string {
  if (String(row.event_id) !== leafEventId) return `the row with id ${pk} now says eventId ${String(row.event_id)}`;
  return `its stored text or a covered column (${LEAF_COLUMNS.filter((c) => c !== "event_id").length} columns) differs from what was chained`;
}

export async function verifyStore(): Promise<StoreReport> {
  const problems: Problem[] = [];
  const keys = await publicKeyMap();
  const checkpoints = await readCheckpoints(keys, problems);
  const latest = checkpoints[checkpoints.length - 1];
  const head = await db.one<{ blockNumber: unknown; hash: string; legacyMaxPk: unknown }>(
    sql`SELECT block_number AS "blockNumber", hash, legacy_max_pk AS "legacyMaxPk" FROM store_chain_head WHERE id = 1`,
  );
  // The signed boundary, where there is one: the head row alone could be moved to hide inserted rows.
  const legacyMaxPk = latest ? latest.doc.legacyMaxPk : num(head?.legacyMaxPk);
  if (head && latest && num(head.legacyMaxPk) !== latest.doc.legacyMaxPk) {
    problems.push({ kind: "chain-broken", target: "chain head", detail: `it says events up to id ${num(head.legacyMaxPk)} are before the chain; the checkpoints say ${latest.doc.legacyMaxPk}` });
  }
  let base: PurgedPrefix = { blockNumber: 0, hash: ZERO_HASH, totalLeaves: 0, lastPk: legacyMaxPk };
  for (const c of checkpoints) {
    const p = c.doc.purgedThrough;
    if (p && p.blockNumber > base.blockNumber) base = p;
  }
  const byBlock = new Map<number, CheckpointRow[]>();
  for (const c of checkpoints) byBlock.set(c.doc.blockNumber, [...(byBlock.get(c.doc.blockNumber) ?? []), c]);
  const signedThrough = latest?.doc.blockNumber ?? 0;

  const summary: StoreSummary = {
    blocks: 0, events: 0, checkpoints: checkpoints.length,
    latestCheckpoint: latest ? { id: latest.id, blockNumber: latest.doc.blockNumber, signedAt: latest.doc.signedAt, keyId: latest.doc.keyId } : null,
    notCheckpointed: { blocks: 0, events: 0 }, purged: { events: 0, summarisedBlocks: base.blockNumber }, beforeChain: { events: 0, maxPk: legacyMaxPk },
  };
  const macKey = purgeMacKey();
  let prev = { number: base.blockNumber, hash: base.hash, totalLeaves: base.totalLeaves, lastPk: base.lastPk };
  // A checkpoint whose block is among the summarised prefix is checked against it where it can be.
  for (const c of checkpoints) {
    if (c.doc.blockNumber === base.blockNumber && base.blockNumber && c.doc.headHash !== base.hash) {
      problems.push({ kind: "chain-broken", target: `checkpoint ${c.id}`, detail: `it names block ${c.doc.blockNumber} with hash ${c.doc.headHash.slice(0, 16)}…, not the summarised ${base.hash.slice(0, 16)}…` });
    }
  }

  for (let after = base.blockNumber; ;) {
    const page = (await db.all<Record<string, unknown>>(sql`SELECT ${BLOCK_HEADER}, leaves FROM store_blocks WHERE number > ${after} ORDER BY number LIMIT ${BLOCK_PAGE}`)).map(blockRow);
    if (!page.length) break;
    const purges = await purgeRecords(page[0].number, page[page.length - 1].number);
    for (const b of page) {
      const leaves = parseLeaves(b.leaves);
      const fault = blockFault(b, leaves, prev);
      if (fault) problems.push({ kind: "chain-broken", target: `block ${b.number}`, detail: fault });
      for (const c of byBlock.get(b.number) ?? []) {
        if (c.doc.headHash !== b.hash) problems.push({ kind: "chain-broken", target: `checkpoint ${c.id}`, detail: `it signed block ${b.number} with hash ${c.doc.headHash.slice(0, 16)}…; the block's hash is now ${b.hash.slice(0, 16)}…` });
        else if (c.doc.totalLeaves !== b.totalLeaves) problems.push({ kind: "chain-broken", target: `checkpoint ${c.id}`, detail: `it signed ${c.doc.totalLeaves} leaves through block ${b.number}; the chain has ${b.totalLeaves}` });
      }
      summary.blocks++;
      if (b.number > signedThrough) {
        summary.notCheckpointed.blocks++;
        summary.notCheckpointed.events += b.leafCount;
      }
      // Rows from just after the previous block through this one: the leaves' rows, and any in no block.
      const rows = await eventsBetween(prev.lastPk, Math.max(b.lastPk, prev.lastPk));
      const inBlock = new Set<number>();
      for (const [pk, eventId, leaf] of leaves ?? []) {
        inBlock.add(pk);
        const row = rows.get(pk);
        if (row) {
          summary.events++;
          if (leafHash(pk, row) !== leaf) problems.push({ kind: "modified", target: eventId, detail: `event id ${pk} in block ${b.number}: ${changedWhat(pk, row, eventId)}` });
          continue;
        }
        const p = purges.get(pk);
        if (p && p.blockNumber === b.number && p.eventId === eventId && purgeMacMatches(macKey, p)) summary.purged.events++;
        else problems.push({ kind: "deleted", target: eventId, detail: `event id ${pk} of block ${b.number} is gone${p ? " and its purge record does not verify" : ", and retention did not purge it"}` });
      }
      for (const [pk, row] of rows) {
        if (!inBlock.has(pk)) problems.push({ kind: "inserted", target: String(row.event_id), detail: `event id ${pk} is in no block of the chain` });
      }
      prev = { number: b.number, hash: b.hash, totalLeaves: b.totalLeaves, lastPk: Math.max(b.lastPk, prev.lastPk) };
      after = b.number;
    }
    if (page.length < BLOCK_PAGE) break;
  }
  // Rows after the last block, and any row in the range of a summarised prefix: no block holds them.
  for (const [pk, row] of await eventsBetween(prev.lastPk)) {
    problems.push({ kind: "inserted", target: String(row.event_id), detail: `event id ${pk} is in no block of the chain` });
  }
  if (base.blockNumber) {
    for (const [pk, row] of await eventsBetween(legacyMaxPk, base.lastPk)) {
      problems.push({ kind: "inserted", target: String(row.event_id), detail: `event id ${pk} is in the range of blocks 1–${base.blockNumber}, which retention purged entirely` });
    }
  }
  if (latest && latest.doc.blockNumber > prev.number) {
    problems.push({ kind: "chain-broken", target: `checkpoint ${latest.id}`, detail: `it signed block ${latest.doc.blockNumber}; the chain ends at block ${prev.number}` });
  }
  if (head && (num(head.blockNumber) !== prev.number || (prev.number > 0 && head.hash !== prev.hash))) {
    problems.push({ kind: "chain-broken", target: "chain head", detail: `it names block ${num(head.blockNumber)}; the chain ends at block ${prev.number}` });
  }
  summary.beforeChain.events = num((await db.one<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM events WHERE id <= ${legacyMaxPk}`))?.n);
  return { ok: problems.length === 0, summary, problems };
}

// --- One event -------------------------------------------------------------------------------------

export interface EventBlock {
  number: number;
  hash: string;
  merkleRoot: string;
  createdAt: string;
  /** The first signed checkpoint at or after the block; null: not checkpointed yet. */
  checkpoint: { id: number; blockNumber: number; signedAt: string; keyId: string } | null;
}

async function blockOfPk(pk: number): Promise<BlockRow | undefined> {
  const r = await db.one<Record<string, unknown>>(sql`SELECT ${BLOCK_HEADER}, leaves FROM store_blocks WHERE last_pk >= ${pk} ORDER BY last_pk LIMIT 1`);
  const b = r ? blockRow(r) : undefined;
  return b && b.firstPk <= pk ? b : undefined;
}

async function firstCheckpointFrom(blockNumber: number): Promise<{ id: number; document: string } | undefined> {
  const r = await db.one<{ id: unknown; document: string }>(sql`SELECT id, document FROM store_checkpoints WHERE block_number >= ${blockNumber} ORDER BY block_number, id LIMIT 1`);
  return r ? { id: num(r.id), document: r.document } : undefined;
}

function checkpointInfo(c: { id: number; document: string } | undefined): EventBlock["checkpoint"] {
  const doc = c ? parseDocument(c.document) : undefined;
  const d = doc ? asStoreCheckpoint(doc) : undefined;
  return c && d && typeof d !== "string" ? { id: c.id, blockNumber: d.blockNumber, signedAt: d.signedAt, keyId: d.keyId } : null;
}

/** The block holding an event, and the checkpoint that signs it (the event detail shows them). */
export async function eventBlock(eventId: string): Promise<EventBlock | null> {
  const row = await db.one<{ id: unknown }>(sql`SELECT id FROM events WHERE event_id = ${eventId}`);
  if (!row) return null;
  const b = await blockOfPk(num(row.id));
  if (!b) return null;
  return { number: b.number, hash: b.hash, merkleRoot: b.merkleRoot, createdAt: b.createdAt, checkpoint: checkpointInfo(await firstCheckpointFrom(b.number)) };
}

export type EventVerdict = "verified" | "not-checkpointed" | "modified" | "chain-broken" | "bad-signature" | "before-chain" | "not-in-chain" | "purged" | "not-found";

export interface EventVerification {
  eventId: string;
  ok: boolean;
  verdict: EventVerdict;
  detail: string;
  block: EventBlock | null;
}

/**
 * Verifies one event: its row against its leaf, the leaf in its block's Merkle root, the block's hash,
 * and the links from the block to the first signed checkpoint at or after it (header hashes only).
 */
export async function verifyEvent(eventId: string): Promise<EventVerification> {
  const fail = (verdict: EventVerdict, detail: string, block: EventBlock | null = null): EventVerification => ({ eventId, ok: false, verdict, detail, block });
  const row = await db.one<LeafValues & { id: unknown }>(sql`SELECT id, ${LEAF_SELECT} FROM events WHERE event_id = ${eventId}`);
  if (!row) {
    const purged = await db.one<Record<string, unknown>>(sql`SELECT event_pk AS "eventPk", block_number AS "blockNumber", event_id AS "eventId",
      event_time AS "eventTime", purged_at AS "purgedAt", mac FROM store_purged_events WHERE event_id = ${eventId}`);
    if (purged) return fail("purged", `retention purged it at ${String(purged.purgedAt)}`);
    return fail("not-found", "no event with this eventId is in the query store");
  }
  const pk = num(row.id);
  const legacy = await db.one<{ legacyMaxPk: unknown }>(sql`SELECT legacy_max_pk AS "legacyMaxPk" FROM store_chain_head WHERE id = 1`);
  if (pk <= num(legacy?.legacyMaxPk)) return fail("before-chain", `it was stored before the chain existed (id ${pk}): nothing covers it`);
  const b = await blockOfPk(pk);
  if (!b) return fail("not-in-chain", `event id ${pk} is in no block of the chain: it was inserted outside ingestion`);
  const cp = await firstCheckpointFrom(b.number);
  const info: EventBlock = { number: b.number, hash: b.hash, merkleRoot: b.merkleRoot, createdAt: b.createdAt, checkpoint: checkpointInfo(cp) };
  const leaves = parseLeaves(b.leaves);
  const leaf = leaves?.find((l) => l[0] === pk);
  if (!leaves || !leaf || leaf[1] !== eventId) return fail("not-in-chain", `block ${b.number} covers id ${pk} but does not list this event`, info);
  if (leafHash(pk, row) !== leaf[2]) return fail("modified", `its stored text or a covered column differs from what block ${b.number} chained`, info);
  if (merkleRoot(leaves.map((l) => l[2])) !== b.merkleRoot || blockHash(b) !== b.hash) return fail("chain-broken", `block ${b.number} does not match its own hash`, info);
  if (!cp) return { eventId, ok: true, verdict: "not-checkpointed", detail: `in block ${b.number}, which no signed checkpoint covers yet`, block: info };
  const doc = parseDocument(cp.document);
  const d = doc ? asStoreCheckpoint(doc) : "unreadable";
  if (typeof d === "string") return fail("bad-signature", `checkpoint ${cp.id} is not readable: ${d}`, info);
  const sig = checkSignature(doc as JsonObject, await publicKeyMap());
  if (!sig.ok) return fail("bad-signature", `checkpoint ${cp.id}: ${sig.detail}`, info);
  // From the event's block to the checkpoint's: each header's hash and its link to the one before.
  let hash = b.hash;
  for (let after = b.number; after < d.blockNumber; ) {
    const page = (await db.all<Record<string, unknown>>(sql`SELECT ${BLOCK_HEADER} FROM store_blocks WHERE number > ${after} AND number <= ${d.blockNumber} ORDER BY number LIMIT ${BLOCK_PAGE}`)).map(blockRow);
    if (!page.length) return fail("chain-broken", `blocks ${after + 1}–${d.blockNumber} are missing`, info);
    for (const h of page) {
      if (h.number !== after + 1 || h.prevHash !== hash || blockHash(h) !== h.hash) return fail("chain-broken", `block ${h.number} does not link to block ${after}`, info);
      hash = h.hash;
      after = h.number;
    }
  }
  if (hash !== d.headHash) return fail("chain-broken", `checkpoint ${cp.id} signed a different block ${d.blockNumber}`, info);
  return { eventId, ok: true, verdict: "verified", detail: `in block ${b.number}, signed by checkpoint ${cp.id} (key ${d.keyId}, ${d.signedAt})`, block: info };
}
