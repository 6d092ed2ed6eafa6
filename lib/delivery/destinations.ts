// Writing one batch of events to one destination of a trail: files to a bucket, or rows to the log
// store. Object files are written before the caller's transaction; log store rows inside it.
import { prisma } from "@/lib/db";
import { txRunner } from "@/lib/db/sql";
import type { TrailRecord } from "@/lib/trails/trails";
import type { DeliveryEvent } from "./files";
import { planLogFiles } from "./files";
import { insertLogStoreEvents, logStoreName } from "./log-store";
import { openObjectStore, type BucketConfig, type ObjectStore } from "./object-store";

export type Destination = "oss" | "logstore";
const PUT_CONCURRENCY = 8;
export const DESTINATIONS: readonly Destination[] = ["oss", "logstore"];

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** The trail columns delivery reads. */
export type DeliveryTrail = Pick<
  TrailRecord,
  "name" | "kind" | "homeRegion" | "eventRW" | "trailRegion" | "ossBucketName" | "ossKeyPrefix" | "logStoreEnabled" | "isLogging"
>;

/** One delivered file or log store batch: a future Delivery row. */
export interface DeliveryPart {
  location: string;
  eventCount: number;
  firstEventPk: number;
  lastEventPk: number;
  /** Files only: what a digest lists (lib/integrity/digests.ts). */
  region?: string;
  sha256?: string;
  firstEventTime?: string;
  lastEventTime?: string;
}

/** A Delivery row committed, for the engine's caller (the worker logs it). */
export interface DeliveryNotice extends DeliveryPart {
  trailName: string;
  destination: Destination;
  historyJobId?: number;
}

export interface PreparedDelivery {
  parts: DeliveryPart[];
  commit: (tx: Tx) => Promise<void>;
}

/** The destinations a trail is configured with. */
export function trailDestinations(t: DeliveryTrail): Destination[] {
  const d: Destination[] = [];
  if (t.ossBucketName) d.push("oss");
  if (t.logStoreEnabled) d.push("logstore");
  return d;
}

/** Opened stores, reopened when the bucket row changes (new endpoint or secret). */
export class StoreCache {
  private stores = new Map<string, ObjectStore>();

  async forBucket(name: string): Promise<ObjectStore> {
    const bucket = await prisma.bucket.findUnique({ where: { name } });
    if (!bucket) throw new Error(`Bucket ${name} does not exist`);
    const key = `${name}\u0000${bucket.updatedAt.getTime()}`;
    let store = this.stores.get(key);
    if (!store) {
      for (const k of this.stores.keys()) if (k.startsWith(`${name}\u0000`)) this.stores.delete(k);
      store = openObjectStore(bucket as BucketConfig);
      this.stores.set(key, store);
    }
    return store;
  }
}

/**
 * Delivers `events` to one destination. For "oss" the files are written now and the returned `commit`
 * only records them; for "logstore" `commit` inserts the rows, inside the caller's transaction.
 */
export async function prepareDelivery(
  trail: DeliveryTrail,
  destination: Destination,
  events: DeliveryEvent[],
  stores: StoreCache,
): Promise<PreparedDelivery> {
  if (events.length === 0) return { parts: [], commit: async () => {} };
  if (destination === "oss") {
    const store = await stores.forBucket(trail.ossBucketName!);
    const files = planLogFiles(events, trail);
    const parts: DeliveryPart[] = [];
    // A batch spans regions and days: its files are written a few at a time (fsyncs overlap).
    for (let i = 0; i < files.length; i += PUT_CONCURRENCY) {
      const chunk = files.slice(i, i + PUT_CONCURRENCY);
      const stored = await Promise.all(chunk.map((f) => store.put(f.key, f.body)));
      chunk.forEach((f, j) => {
        const times = f.events.map((e) => e.eventTime).sort();
        parts.push({
          location: `oss://${trail.ossBucketName}/${f.key}`, eventCount: f.events.length, firstEventPk: f.firstPk, lastEventPk: f.lastPk,
          region: f.region, sha256: stored[j].sha256, firstEventTime: times[0], lastEventTime: times[times.length - 1],
        });
      });
    }
    return { parts, commit: async () => {} };
  }
  const store = logStoreName(trail.name, trail.kind);
  const parts: DeliveryPart[] = [{ location: store, eventCount: events.length, firstEventPk: events[0].id, lastEventPk: events[events.length - 1].id }];
  return { parts, commit: async (tx) => void (await insertLogStoreEvents(txRunner(tx), store, events)) };
}
