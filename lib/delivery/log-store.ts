// The built-in log store: actiontrail_<trail> (innertrail_<name> for the inner trail), one row per event, idempotent on (log store, eventId).
import { MIN_LOG_STORE_RETENTION_DAYS } from "@/lib/config/retention";
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
    {
      table: "log_store_events",
      columns: ["log_store", "event_id", "event_time", "query_region", "raw", "mac", "origin", "origin_channel", "ingest_token_id", "ingest_token_label"],
      onConflict: "(log_store, event_id) DO NOTHING",
    },
    // The provenance rides along so it outlives the query store (docs/provenance.md), under the MAC.
    events.map((e) => {
      const row = {
        eventId: e.eventId, eventTime: e.eventTime, queryRegion: e.queryRegion, raw: e.raw,
        origin: e.origin ?? "unknown", originChannel: e.originChannel ?? null, ingestTokenId: e.ingestTokenId ?? null, ingestTokenLabel: e.ingestTokenLabel ?? null,
      };
      return [logStore, row.eventId, row.eventTime, row.queryRegion, row.raw, rowMac(key, logStore, row), row.origin, row.originChannel, row.ingestTokenId, row.ingestTokenLabel];
    }),
  );
  return inserted;
}

/**
 * Deletes each trail's log store rows older than its retention (never less than the 180-day minimum),
 * except those of a trail under legal hold. Returns how many went.
 */
export async function purgeLogStores(now = new Date()): Promise<number> {
  const trails = await prisma.trail.findMany({ where: { legalHold: false }, select: { name: true, kind: true, logStoreRetentionDays: true } });
  let purged = 0;
  for (const t of trails) {
    const days = Math.max(t.logStoreRetentionDays, MIN_LOG_STORE_RETENTION_DAYS);
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    const { count } = await prisma.logStoreEvent.deleteMany({ where: { logStore: logStoreName(t.name, t.kind), eventTime: { lt: cutoff } } });
    purged += count;
  }
  return purged;
}
