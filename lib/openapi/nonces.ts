// SignatureNonce replay protection, kept in the database (table api_nonces, primary key (access key,
// nonce)) so that every server process on the store refuses a replay, before and after a restart.
//
// A request can only be replayed while its Timestamp is accepted, i.e. until Timestamp + 15 minutes, so
// that is when its nonce expires: keeping it longer refuses nothing more, keeping it less lets a replay in.
import { prisma } from "@/lib/db";
import { db, dbTimestamp, sql } from "@/lib/db/sql";
import { TIMESTAMP_WINDOW_MINUTES } from "./signature";

/** Alibaba's SDKs send a UUID or 32 hex digits; anything longer is refused before it is stored. */
export const MAX_NONCE_CHARS = 128;

const WINDOW_MS = TIMESTAMP_WINDOW_MINUTES * 60_000;

// Expired rows are deleted by the processes that insert nonces, a bounded batch every PURGE_EVERY claims:
// up to PURGE_BATCH rows per PURGE_EVERY new ones drains expired rows ten times faster than they are
// made, so the table holds about the nonces of the last 30 minutes whatever the load, with no separate
// job to keep running (a server started with TRAILKEEPER_WORKER=0 has no worker, and still purges).
export const PURGE_EVERY = 100;
export const PURGE_BATCH = 1_000;
let claimsSincePurge = 0;

/**
 * Records a request's nonce; false when the same key already used it for a request that can still be
 * replayed. A row left from a request whose Timestamp window has passed does not count (that request is
 * refused as expired anyway): the nonce is taken again, in one conditional update, so two processes
 * racing for it cannot both win.
 */
export async function claimNonce(accessKeyId: string, nonce: string, timestamp: Date, now: Date = new Date()): Promise<boolean> {
  const expiresAt = dbTimestamp(new Date(timestamp.getTime() + WINDOW_MS));
  // Raw SQL on every API call (on SQLite a cached statement on the direct connection): a tenth of the ORM's cost.
  const inserted = await db.run(sql`INSERT INTO api_nonces (access_key_id, nonce, expires_at) VALUES (${accessKeyId}, ${nonce}, ${expiresAt})
    ON CONFLICT (access_key_id, nonce) DO NOTHING`);
  if (inserted === 0) {
    const taken = await db.run(sql`UPDATE api_nonces SET expires_at = ${expiresAt}
      WHERE access_key_id = ${accessKeyId} AND nonce = ${nonce} AND expires_at < ${dbTimestamp(now)}`);
    if (taken === 0) return false;
  }
  if (++claimsSincePurge >= PURGE_EVERY) {
    claimsSincePurge = 0;
    try {
      await purgeExpiredNonces(now);
    } catch (e) {
      console.error(`[openapi] purging expired nonces failed: ${(e as Error).message}`);
    }
  }
  return true;
}

/**
 * Deletes about `batch` expired nonces, oldest first (more only when many share the cutoff instant), on
 * the expires_at index: never a statement over the whole table. Returns how many were deleted.
 */
export async function purgeExpiredNonces(now: Date = new Date(), batch: number = PURGE_BATCH): Promise<number> {
  const last = await prisma.apiNonce.findFirst({
    where: { expiresAt: { lt: now } },
    orderBy: { expiresAt: "asc" },
    skip: batch - 1,
    select: { expiresAt: true },
  });
  const { count } = await prisma.apiNonce.deleteMany({ where: { expiresAt: last ? { lte: last.expiresAt } : { lt: now } } });
  return count;
}
