// The built-in log store: actiontrail_<trail>, one row per event, idempotent on (log store, eventId).
import { dialect, prisma } from "@/lib/db";
import { logStoreName } from "@/lib/trails/rules";
import type { DeliveryEvent } from "./files";

export { logStoreName };

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

const CHUNK = 500;
const DAY_MS = 86_400_000;

/** Inserts the events (a repeat of an eventId is skipped); runs inside the caller's transaction. */
export async function insertLogStoreEvents(tx: Tx, logStore: string, events: DeliveryEvent[]): Promise<number> {
  const pg = dialect() === "postgres";
  let inserted = 0;
  for (let start = 0; start < events.length; start += CHUNK) {
    const chunk = events.slice(start, start + CHUNK);
    let n = 0;
    const rows = chunk.map(() => {
      const cells = Array.from({ length: 5 }, () => (pg ? `$${++n}` : "?"));
      return `(${cells.join(",")})`;
    });
    const params = chunk.flatMap((e) => [logStore, e.eventId, e.eventTime, e.queryRegion, e.raw]);
    inserted += await tx.$executeRawUnsafe(
      `INSERT INTO log_store_events (log_store, event_id, event_time, query_region, raw) VALUES ${rows.join(",")} ` +
        `ON CONFLICT (log_store, event_id) DO NOTHING`,
      ...params,
    );
  }
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
