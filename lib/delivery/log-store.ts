// The built-in log store: actiontrail_<trail>, one row per event, idempotent on (log store, eventId).
import { prisma } from "@/lib/db";
import { insertRows, type SqlRunner } from "@/lib/db/sql";
import { macKey, rowMac } from "@/lib/integrity/log-store-rows";
import { logStoreName } from "@/lib/trails/rules";
import type { DeliveryEvent } from "./files";

export { logStoreName };

const DAY_MS = 86_400_000;

/**
 * Inserts the events (a repeat of an eventId is skipped), each with its MAC (the log store's digests
 * rely on it); runs inside the caller's transaction.
 */
export async function insertLogStoreEvents(tx: SqlRunner, logStore: string, events: DeliveryEvent[]): Promise<number> {
  const key = macKey();
  const { inserted } = await insertRows(
    tx,
    { table: "log_store_events", columns: ["log_store", "event_id", "event_time", "query_region", "raw", "mac"], onConflict: "(log_store, event_id) DO NOTHING" },
    events.map((e) => [logStore, e.eventId, e.eventTime, e.queryRegion, e.raw, rowMac(key, logStore, e)]),
  );
  return inserted;
}

/** Deletes each trail's log store rows older than its retention. Returns how many went. */
export async function purgeLogStores(now = new Date()): Promise<number> {
  const trails = await prisma.trail.findMany({ select: { name: true, logStoreRetentionDays: true } });
  let purged = 0;
  for (const t of trails) {
    const cutoff = new Date(now.getTime() - t.logStoreRetentionDays * DAY_MS).toISOString();
    const { count } = await prisma.logStoreEvent.deleteMany({ where: { logStore: logStoreName(t.name), eventTime: { lt: cutoff } } });
    purged += count;
  }
  return purged;
}
