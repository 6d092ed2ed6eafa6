// `verify trail NAME`: the verifier of verify.ts run on one trail with what the database adds — its
// bucket opened the way delivery opens it (a directory or S3), every signing key, the files delivered but
// not digested yet (checked against the hash delivery recorded), the digests it recorded writing (a
// deleted newest digest is found), and the log store's chain and rows.
import { prisma } from "@/lib/db";
import { openObjectStore, type BucketConfig } from "@/lib/delivery/object-store";
import { logStoreName } from "@/lib/delivery/log-store";
import { isoSeconds } from "./format";
import { logStoreRows, parseOssLocation } from "./digests";
import { publicKeyMap } from "./keys";
import { macKey } from "./log-store-rows";
import { verifyBucket, verifyLogStore, type BucketReader, type BucketReport, type LogStoreReport, type TimeRange } from "./verify";

const DAY_MS = 86_400_000;

export class UnknownTrailError extends Error {}

/** How far a verification is: objects of the bucket read, then log store rows checked, of the total. */
export interface VerifyProgress {
  phase: "bucket" | "logStore";
  checked: number;
  total: number;
}

export interface VerifyTrailHooks {
  /** Called as objects are read and rows checked (the console's job records it). */
  onProgress?: (p: VerifyProgress) => void;
}

/**
 * The bucket as the verifier reads it, counting: every object listed is read about once (a digest when
 * parsed, a log file when hashed), so reads over objects listed is the share done.
 */
function countingReader(store: BucketReader, onProgress: (p: VerifyProgress) => void): BucketReader {
  let total = 0;
  let checked = 0;
  return {
    async listObjects(prefix) {
      const list = await store.listObjects(prefix);
      total = list.length;
      onProgress({ phase: "bucket", checked, total });
      return list;
    },
    async get(key) {
      const body = await store.get(key);
      checked = Math.min(total, checked + 1);
      onProgress({ phase: "bucket", checked, total });
      return body;
    },
  };
}

export interface TrailReport {
  trail: string;
  bucket: string | null;
  objects: BucketReport | null;
  logStore: LogStoreReport | null;
}

export async function verifyTrail(name: string, range: TimeRange = {}, now = new Date(), hooks: VerifyTrailHooks = {}): Promise<TrailReport> {
  const trail = await prisma.trail.findUnique({ where: { name } });
  if (!trail) throw new UnknownTrailError(`Trail ${name} does not exist`);
  const keys = await publicKeyMap();
  const report: TrailReport = { trail: name, bucket: trail.ossBucketName, objects: null, logStore: null };

  if (trail.ossBucketName) {
    const bucket = await prisma.bucket.findUnique({ where: { name: trail.ossBucketName } });
    if (!bucket) throw new UnknownTrailError(`Bucket ${trail.ossBucketName} of trail ${name} does not exist`);
    const root = `oss://${bucket.name}/`;
    const clean = trail.ossKeyPrefix.replace(/^\/+|\/+$/g, "");
    // Not digested yet: no digest lists them, or the one that does is recorded but not written yet.
    const waitingFiles = async () => {
      const unwritten = await prisma.digest.findMany({ where: { trailName: name, destination: "oss", writtenAt: null }, select: { id: true } });
      const waiting = await prisma.delivery.findMany({
        where: {
          trailName: name, destination: "oss", sha256: { not: null }, location: { startsWith: root },
          OR: [{ digestId: null }, { digestId: { in: unwritten.map((d) => d.id) } }],
        },
        select: { location: true, sha256: true },
      });
      return new Map(waiting.map((w) => [parseOssLocation(w.location).key, w.sha256!]));
    };
    const recorded = await prisma.digest.findMany({
      where: { trailName: name, destination: "oss", writtenAt: { not: null }, location: { startsWith: root } },
      select: { location: true, periodStart: true, periodEnd: true },
    });
    const store = openObjectStore(bucket as BucketConfig);
    report.objects = await verifyBucket(hooks.onProgress ? countingReader(store, hooks.onProgress) : store, {
      ...range,
      keys,
      trail: name,
      prefix: `${clean ? `${clean}/` : ""}AliyunLogs/`,
      bucket: bucket.name,
      pending: await waitingFiles(),
      // The worker keeps delivering while this runs: a file written after the read above is found again.
      refreshPending: waitingFiles,
      recordedDigests: recorded.map((r) => ({ key: parseOssLocation(r.location).key, periodStart: isoSeconds(r.periodStart), periodEnd: isoSeconds(r.periodEnd) })),
      otherTrailFiles: async (keys) => {
        const found = new Set<string>();
        for (let i = 0; i < keys.length; i += 500) {
          const rows = await prisma.delivery.findMany({
            where: { trailName: { not: name }, destination: "oss", location: { in: keys.slice(i, i + 500).map((k) => `${root}${k}`) } },
            select: { location: true },
          });
          for (const r of rows) found.add(parseOssLocation(r.location).key);
        }
        return found;
      },
    });
  }

  const logStoreDigests = await prisma.digest.findMany({ where: { trailName: name, destination: "logstore" }, orderBy: { periodStart: "asc" }, select: { document: true } });
  if (trail.logStoreEnabled || logStoreDigests.length) {
    const logStore = logStoreName(name, trail.kind);
    const onProgress = hooks.onProgress;
    let rows = (afterId: number, lastId?: number) => logStoreRows(logStore, afterId, lastId);
    if (onProgress) {
      const total = await prisma.logStoreEvent.count({ where: { logStore } });
      onProgress({ phase: "logStore", checked: 0, total });
      rows = async function* (afterId, lastId) {
        let checked = 0;
        for await (const row of logStoreRows(logStore, afterId, lastId)) {
          yield row;
          if (++checked % 500 === 0) onProgress({ phase: "logStore", checked: Math.min(total, checked), total });
        }
        onProgress({ phase: "logStore", checked: total, total });
      };
    }
    report.logStore = await verifyLogStore(logStoreDigests, rows, {
      ...range,
      logStore,
      keys,
      macKey: macKey(),
      retentionCutoff: new Date(now.getTime() - trail.logStoreRetentionDays * DAY_MS).toISOString(),
    });
  }
  return report;
}
