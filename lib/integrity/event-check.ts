// Where one event was delivered, and "Verify this event" (docs/integrity-console.md "The event detail"):
// the delivered files that hold it (deliveries cover firstEventPk..lastEventPk of one trail, region and
// day) and the log store rows, each checked as an outsider would — the file read from its bucket, its
// SHA-256 against the signed digest that lists it, the digest's signature, and the event's exact stored
// bytes found in it. The result is a list of named checks, so further checks (the query store's own
// chain) are appended to the same list.
import { prisma } from "@/lib/db";
import { decodeLogFile, logLine } from "@/lib/delivery/files";
import { StoreCache } from "@/lib/delivery/destinations";
import { errorText } from "@/lib/delivery/backoff";
import { trailOfLogStore } from "@/lib/trails/rules";
import { checkSignature, parseDocument, sha256Hex, type JsonObject } from "./document";
import { parseOssLocation, logStoreRows } from "./digests";
import { asLogStoreDigest, asOssDigest } from "./format";
import { publicKeyMap } from "./keys";
import { macKey, macMatches, RowsHasher } from "./log-store-rows";
import { verifyEvent as verifyInStore, type EventVerdict } from "./verify-store";

export type CheckStatus = "ok" | "failed" | "pending";

/** One named check of "Verify this event"; `id` is stable (`<kind>:<where>`), `label` is what the page shows. */
export interface EventCheck {
  id: string;
  label: string;
  status: CheckStatus;
  detail: string;
}

export interface EventCheckResult {
  eventId: string;
  ok: boolean;
  checkedAt: string;
  checks: EventCheck[];
}

export interface EventFile {
  trailName: string;
  bucket: string;
  key: string;
  /** The SHA-256 delivery recorded when it wrote the file. */
  sha256: string | null;
  eventCount: number;
  deliveredAt: Date;
  digest: { key: string; periodStart: Date; periodEnd: Date; writtenAt: Date | null } | null;
}

export interface EventLogStoreRow {
  logStore: string;
  trailName: string;
  rowId: number;
  digest: { periodStart: Date; periodEnd: Date } | null;
}

export interface EventPlacement {
  files: EventFile[];
  logStoreRows: EventLogStoreRow[];
}

/** The event as the query store keeps it: its row id, time, region and exact JSON. */
export interface StoredEvent {
  id: number;
  eventId: string;
  eventTime: string;
  acsRegion: string;
  raw: string;
}


/** The event's isGlobal, read from its stored JSON (no column keeps it). */
function isGlobalEvent(raw: string): boolean {
  try {
    return (JSON.parse(raw) as { isGlobal?: unknown }).isGlobal === true;
  } catch {
    return false;
  }
}

/** The delivered files and log store rows that hold the event (no file is read). */
export async function findEventPlacement(e: StoredEvent): Promise<EventPlacement> {
  const day = `/${e.eventTime.slice(0, 10).replace(/-/g, "/")}/`;
  const candidates = await prisma.delivery.findMany({
    where: { destination: "oss", firstEventPk: { lte: e.id }, lastEventPk: { gte: e.id }, location: { contains: day } },
    orderBy: { id: "asc" },
    select: { trailName: true, location: true, region: true, sha256: true, eventCount: true, deliveredAt: true, digestId: true },
  });
  const trails = new Map((await prisma.trail.findMany({ select: { name: true, homeRegion: true } })).map((t) => [t.name, t.homeRegion]));
  // A batch's file of one region and day holds its events of that region (global ones: the trail's home
  // region, lib/delivery/files.ts fileRegion); a trail deleted since is judged by the event's own region.
  const isGlobal = isGlobalEvent(e.raw);
  const mine = candidates.filter((d) => d.region === (isGlobal ? (trails.get(d.trailName) ?? e.acsRegion) : e.acsRegion));
  const digestIds = mine.map((d) => d.digestId).filter((id): id is number => id !== null);
  const digests = new Map(
    (await prisma.digest.findMany({ where: { id: { in: digestIds } }, select: { id: true, location: true, periodStart: true, periodEnd: true, writtenAt: true } })).map((d) => [d.id, d]),
  );
  const files: EventFile[] = mine.map((d) => {
    const { bucket, key } = parseOssLocation(d.location);
    const g = d.digestId !== null ? digests.get(d.digestId) : undefined;
    return {
      trailName: d.trailName, bucket, key, sha256: d.sha256, eventCount: d.eventCount, deliveredAt: d.deliveredAt,
      digest: g ? { key: parseOssLocation(g.location).key, periodStart: g.periodStart, periodEnd: g.periodEnd, writtenAt: g.writtenAt } : null,
    };
  });

  const rows = await prisma.logStoreEvent.findMany({ where: { eventId: e.eventId }, orderBy: { id: "asc" }, select: { id: true, logStore: true } });
  const logStoreRows: EventLogStoreRow[] = [];
  for (const r of rows) {
    const trailName = trailOfLogStore(r.logStore) ?? r.logStore;
    const d = await prisma.digest.findFirst({
      where: { trailName, destination: "logstore", lastRowId: { gte: r.id } },
      orderBy: { lastRowId: "asc" },
      select: { periodStart: true, periodEnd: true },
    });
    logStoreRows.push({ logStore: r.logStore, trailName, rowId: r.id, digest: d });
  }
  return { files, logStoreRows };
}

/** "Verify this event": every placement checked from its bytes. Never throws for what it finds. */
export async function verifyEvent(e: StoredEvent, now = new Date()): Promise<EventCheckResult> {
  const placement = await findEventPlacement(e);
  const checks: EventCheck[] = [];
  const keys = await publicKeyMap();
  const stores = new StoreCache();
  checks.push(await checkStoreChain(e));
  if (!placement.files.length && !placement.logStoreRows.length) {
    checks.push({ id: "delivered", label: "Delivered", status: "pending", detail: "No trail has delivered this event to a bucket or a log store yet." });
  }
  for (const f of placement.files) checks.push(...(await checkFile(e, f, stores, keys)));
  for (const r of placement.logStoreRows) checks.push(...(await checkLogStoreRow(e, r, keys)));
  return { eventId: e.eventId, ok: !checks.some((c) => c.status === "failed"), checkedAt: now.toISOString(), checks };
}

/** How each verdict of the store chain reads as a check: chained but not signed yet is pending, not failed. */
const STORE_STATUS: Record<EventVerdict, CheckStatus> = {
  verified: "ok", "not-checkpointed": "pending", "before-chain": "pending",
  modified: "failed", "chain-broken": "failed", "bad-signature": "failed", "not-in-chain": "failed", purged: "failed", "not-found": "failed",
};

/** The query store's own chain: the row against its leaf, the block, the signed checkpoint (verify-store.ts). */
async function checkStoreChain(e: StoredEvent): Promise<EventCheck> {
  const v = await verifyInStore(e.eventId);
  const where = v.block ? `block ${v.block.number}` : "no block";
  return { id: `store-chain:${where}`, label: `Query store chain (${where})`, status: STORE_STATUS[v.verdict], detail: v.detail };
}

async function checkFile(e: StoredEvent, f: EventFile, stores: StoreCache, keys: Awaited<ReturnType<typeof publicKeyMap>>): Promise<EventCheck[]> {
  const where = `oss://${f.bucket}/${f.key}`;
  const out: EventCheck[] = [];
  const add = (kind: string, label: string, status: CheckStatus, detail: string) => out.push({ id: `${kind}:${where}`, label, status, detail });
  let bytes: Buffer;
  try {
    bytes = await (await stores.forBucket(f.bucket)).get(f.key);
  } catch (err) {
    add("file-read", `File ${f.key}`, "failed", `cannot be read from bucket ${f.bucket}: ${errorText(err)}`);
    return out;
  }
  const sha = sha256Hex(bytes);
  add("file-read", `File ${f.key}`, "ok", `read from bucket ${f.bucket} (${bytes.length.toLocaleString("en-US")} bytes, trail ${f.trailName})`);

  // The digest as an outsider finds it: the file in the bucket, not the database's copy.
  if (!f.digest || !f.digest.writtenAt) {
    const recorded = f.sha256 === sha;
    add("file-sha256", "SHA-256 of the file", recorded ? "ok" : "failed", recorded ? `${sha}, as delivery recorded it` : `is ${sha}; delivery recorded ${f.sha256 ?? "none"}`);
    add("digest", "Signed digest", "pending", f.digest ? `recorded for the period ending ${f.digest.periodEnd.toISOString()}, not written to the bucket yet` : "not in a digest yet: the digest of the current period will list it");
  } else {
    let listed: string | undefined;
    try {
      const digestBytes = await (await stores.forBucket(f.bucket)).get(f.digest.key);
      const doc = parseDocument(digestBytes);
      const d = doc ? asOssDigest(doc) : "it is not JSON";
      if (typeof d === "string") {
        add("digest-signature", `Digest ${f.digest.key}`, "failed", `not a readable digest: ${d}`);
      } else {
        const sig = checkSignature(doc as JsonObject, keys);
        add("digest-signature", `Digest ${f.digest.key}`, sig.ok ? "ok" : "failed", sig.ok ? `signature verifies with key ${d.keyId} (period ${d.periodStart} – ${d.periodEnd})` : sig.detail);
        if (sig.ok) listed = d.logFiles.find((x) => x.key === f.key)?.sha256;
        if (sig.ok && listed === undefined) add("file-listed", "Listed in the digest", "failed", `${f.digest.key} does not list ${f.key}`);
      }
    } catch (err) {
      add("digest-signature", `Digest ${f.digest.key}`, "failed", `cannot be read from bucket ${f.bucket}: ${errorText(err)}`);
    }
    if (listed !== undefined) {
      add("file-sha256", "SHA-256 of the file", listed === sha ? "ok" : "failed", listed === sha ? `${sha}, as the signed digest lists it` : `is ${sha}; the signed digest lists ${listed}: the file was changed`);
    }
  }

  let lines: string[] | undefined;
  try {
    lines = decodeLogFile(bytes);
  } catch {
    add("event-bytes", "The event's exact bytes", "failed", "the file is not gzipped JSON lines");
  }
  if (lines) {
    const line = logLine(e.raw);
    const found = lines.includes(line);
    const sameId = found ? true : lines.some((l) => l.includes(JSON.stringify(e.eventId)));
    add(
      "event-bytes",
      "The event's exact bytes",
      found ? "ok" : "failed",
      found
        ? `the file holds the event's stored JSON byte for byte (${Buffer.byteLength(line).toLocaleString("en-US")} bytes)`
        : sameId
          ? "the file holds a line with this eventId whose bytes differ from the stored event"
          : "the file holds no line with this event",
    );
  }
  return out;
}

async function checkLogStoreRow(e: StoredEvent, r: EventLogStoreRow, keys: Awaited<ReturnType<typeof publicKeyMap>>): Promise<EventCheck[]> {
  const where = `${r.logStore}#${r.rowId}`;
  const out: EventCheck[] = [];
  const add = (kind: string, label: string, status: CheckStatus, detail: string) => out.push({ id: `${kind}:${where}`, label, status, detail });
  const key = macKey();
  const [row] = await collect(logStoreRows(r.logStore, r.rowId - 1, r.rowId));
  if (!row) {
    add("log-store-row", `Log store ${r.logStore} row ${r.rowId}`, "failed", "the row is gone");
    return out;
  }
  const macOk = macMatches(key, r.logStore, row);
  add("log-store-row", `Log store ${r.logStore} row ${r.rowId}`, macOk ? "ok" : "failed", macOk ? "its MAC matches: written by delivery, unchanged since" : row.mac ? "its MAC does not match its content: changed after delivery" : "it has no MAC: not written by delivery");
  const same = row.raw === e.raw;
  add("log-store-bytes", "The event's exact bytes in the log store", same ? "ok" : "failed", same ? "the row holds the event's stored JSON byte for byte" : "the row's JSON differs from the stored event");
  const digest = await prisma.digest.findFirst({ where: { trailName: r.trailName, destination: "logstore", lastRowId: { gte: r.rowId } }, orderBy: { lastRowId: "asc" }, select: { document: true } });
  if (!digest) {
    add("log-store-digest", "Signed log store digest", "pending", "not in a digest yet: the digest of the current period will cover it");
    return out;
  }
  const doc = parseDocument(digest.document);
  const d = doc ? asLogStoreDigest(doc) : "it is not JSON";
  if (typeof d === "string") {
    add("log-store-digest", "Signed log store digest", "failed", `not a readable digest: ${d}`);
    return out;
  }
  const sig = checkSignature(doc as JsonObject, keys);
  if (!sig.ok || d.afterRowId >= r.rowId) {
    add("log-store-digest", "Signed log store digest", "failed", sig.ok ? `the digest of ${d.periodStart} starts after row ${r.rowId}` : sig.detail);
    return out;
  }
  // The period's rows hashed as the digest signed them: a row of it changed, deleted or inserted shows.
  const hasher = new RowsHasher();
  for await (const x of logStoreRows(r.logStore, d.afterRowId, d.lastRowId)) if (macMatches(key, r.logStore, x)) hasher.add(x);
  const rowsOk = hasher.count === d.rowCount && hasher.sha256() === d.rowsSha256;
  add(
    "log-store-digest",
    "Signed log store digest",
    rowsOk ? "ok" : "failed",
    rowsOk
      ? `signature verifies with key ${d.keyId}; the ${d.rowCount} rows of ${d.periodStart} – ${d.periodEnd} hash as it signed`
      : `signature verifies, but the rows of ${d.periodStart} – ${d.periodEnd} differ from what it signed (${hasher.count} rows, ${d.rowCount} signed)`,
  );
  return out;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
