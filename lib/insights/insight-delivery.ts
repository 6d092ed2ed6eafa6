// Delivery of insight events by the trails that have insight types on (docs/insight-events.md
// "Delivery"): gzipped JSON lines at <prefix>/AliyunLogs/Actiontrail-Insight/<region>/<YYYY>/<MM>/<DD>/
// in the trail's bucket, and rows of its log store actiontrail_<trail>. Each trail and destination has
// its own checkpoint on insight_events.id (worker_checkpoints), moved in the transaction that follows the
// files (at least once; the same batch rewrites the same files). Insight files stay out of the signed
// digests, which cover the management event files under Actiontrail/ only.
import zlib from "node:zlib";
import { prisma } from "@/lib/db";
import { txRunner } from "@/lib/db/sql";
import { StoreCache, trailDestinations, type Destination } from "@/lib/delivery/destinations";
import { insightLogDirectory, logFileName, logLine } from "@/lib/delivery/files";
import { insertLogStoreEvents, logStoreName } from "@/lib/delivery/log-store";
import { moveCheckpoint, readCheckpoint } from "./checkpoints";
import { parseSelectors } from "./insight-events";

const BATCH = 500;

export function insightCheckpointName(trailName: string, destination: Destination): string {
  return `insight-delivery:${trailName}:${destination}`;
}

async function maxInsightEventId(): Promise<number> {
  return (await prisma.insightEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
}

/** A trail that turns insights on delivers the insight events written from now on. */
export async function startInsightDelivery(trailName: string): Promise<void> {
  const position = await maxInsightEventId();
  for (const destination of ["oss", "logstore"] as const) {
    const name = insightCheckpointName(trailName, destination);
    await prisma.workerCheckpoint.upsert({ where: { name }, create: { name, position }, update: { position } });
  }
}

interface Row {
  id: number;
  eventId: string;
  eventTime: string;
  region: string;
  raw: string;
}

/** One file per region and UTC day of the batch. */
export function planInsightFiles(rows: Row[], prefix: string): { key: string; body: Buffer; rows: Row[] }[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = `${r.region}\u0000${r.eventTime.slice(0, 10)}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()].map((list) => {
    const body = zlib.gzipSync(Buffer.from(list.map((r) => logLine(r.raw)).join("\n") + "\n", "utf8"));
    const dir = insightLogDirectory(prefix, list[0].region, list[0].eventTime);
    return { key: `${dir}/${logFileName(list[0].region, list[0].eventTime, list.length, body)}`, body, rows: list };
  });
}

export interface InsightDeliveryResult {
  delivered: number;
  more: boolean;
  files: string[];
  failures: number;
}

/** One batch for every logging trail with insight types on, to each of its destinations. */
export async function deliverInsightEvents(opts: { stores?: StoreCache; onNotice?: (m: string) => void } = {}): Promise<InsightDeliveryResult> {
  const stores = opts.stores ?? new StoreCache();
  const result: InsightDeliveryResult = { delivered: 0, more: false, files: [], failures: 0 };
  const trails = await prisma.trail.findMany({ where: { isLogging: true, insightSelectors: { not: "" } } });
  if (!trails.length) return result;
  const horizon = await maxInsightEventId();
  for (const trail of trails) {
    const types = parseSelectors(trail.insightSelectors);
    if (!types.length) continue;
    for (const destination of trailDestinations(trail)) {
      const name = insightCheckpointName(trail.name, destination);
      try {
        const checkpoint = await readCheckpoint(name, maxInsightEventId);
        if (checkpoint >= horizon) continue;
        const rows = await prisma.insightEvent.findMany({
          where: { id: { gt: checkpoint, lte: horizon }, insightType: { in: types } },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, eventId: true, eventTime: true, region: true, raw: true },
        });
        const full = rows.length === BATCH;
        const next = full ? rows[rows.length - 1].id : horizon;
        if (destination === "oss" && rows.length) {
          const store = await stores.forBucket(trail.ossBucketName!);
          for (const f of planInsightFiles(rows, trail.ossKeyPrefix)) {
            await store.put(f.key, f.body);
            result.files.push(`oss://${trail.ossBucketName}/${f.key}`);
          }
        }
        await prisma.$transaction(async (tx) => {
          if (destination === "logstore" && rows.length) {
            await insertLogStoreEvents(
              txRunner(tx),
              logStoreName(trail.name),
              rows.map((r) => ({ id: r.id, eventId: r.eventId, eventTime: r.eventTime, queryRegion: r.region, acsRegion: r.region, isGlobal: false, raw: r.raw, origin: "self" })),
            );
          }
          await moveCheckpoint(tx, name, checkpoint, next);
        });
        result.delivered += rows.length;
        result.more ||= full;
      } catch (e) {
        result.failures++;
        opts.onNotice?.(`insight delivery failed trail=${trail.name} destination=${destination}: ${(e as Error).message}`);
      }
    }
  }
  return result;
}
