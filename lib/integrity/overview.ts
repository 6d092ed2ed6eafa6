// What the Integrity page shows (docs/integrity-console.md "The page"): per trail with a bucket or a log
// store, its latest digest of each destination, its latest verification, and the signing keys; and the
// query store chain's head and latest signed checkpoint (docs/store-chain.md).
import "server-only";
import { prisma } from "@/lib/db";
import { parseOssLocation } from "./digests";
import { digestIntervalMs } from "./format";
import { queryRetentionDays } from "@/lib/config/retention";
import { latestVerifications, type VerificationJob } from "./verification-jobs";

export interface LatestDigest {
  destination: "oss" | "logstore";
  periodStart: Date;
  periodEnd: Date;
  /** Object storage: log files listed over every region's digest of the period; log store: rows. */
  itemCount: number;
  /** The digest files of the period (one per region), or the log store's name. */
  keys: string[];
  keyId: string;
  /** When the last of them was written to the bucket (the log store's digest is written when recorded). */
  writtenAt: Date | null;
  recordedAt: Date;
}

export interface TrailIntegrity {
  name: string;
  bucket: string | null;
  logStore: boolean;
  isLogging: boolean;
  digests: LatestDigest[];
  latest: VerificationJob | null;
  lastResult: VerificationJob | null;
}

export interface SigningKeyRow {
  id: string;
  algorithm: string;
  createdAt: Date;
  retiredAt: Date | null;
}

async function latestDigest(trailName: string, destination: "oss" | "logstore"): Promise<LatestDigest | null> {
  const newest = await prisma.digest.findFirst({ where: { trailName, destination }, orderBy: { periodStart: "desc" }, select: { periodStart: true } });
  if (!newest) return null;
  const rows = await prisma.digest.findMany({ where: { trailName, destination, periodStart: newest.periodStart }, orderBy: { region: "asc" } });
  const written = rows.map((r) => r.writtenAt);
  return {
    destination,
    periodStart: rows[0].periodStart,
    periodEnd: rows[0].periodEnd,
    itemCount: rows.reduce((n, r) => n + r.itemCount, 0),
    keys: rows.map((r) => (destination === "oss" ? parseOssLocation(r.location).key : r.location)),
    keyId: rows[0].keyId,
    writtenAt: written.every(Boolean) ? new Date(Math.max(...written.map((w) => w!.getTime()))) : null,
    recordedAt: rows[0].createdAt,
  };
}

export async function getIntegrityOverview(): Promise<{ trails: TrailIntegrity[]; keys: SigningKeyRow[]; digestIntervalSeconds: number | null }> {
  const trails = await prisma.trail.findMany({
    where: { OR: [{ ossBucketName: { not: null } }, { logStoreEnabled: true }] },
    orderBy: { name: "asc" },
    select: { name: true, ossBucketName: true, logStoreEnabled: true, isLogging: true },
  });
  const [jobs, keys] = await Promise.all([
    latestVerifications(trails.map((t) => t.name)),
    prisma.signingKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: { id: true, algorithm: true, createdAt: true, retiredAt: true } }),
  ]);
  const out: TrailIntegrity[] = [];
  for (const t of trails) {
    const digests = (
      await Promise.all([t.ossBucketName ? latestDigest(t.name, "oss") : null, t.logStoreEnabled ? latestDigest(t.name, "logstore") : null])
    ).filter((d): d is LatestDigest => d !== null);
    const j = jobs.get(t.name);
    out.push({ name: t.name, bucket: t.ossBucketName, logStore: t.logStoreEnabled, isLogging: t.isLogging, digests, latest: j?.latest ?? null, lastResult: j?.lastResult ?? null });
  }
  let interval: number | null = null;
  try {
    interval = digestIntervalMs() / 1000;
  } catch {
    interval = null; // a bad setting: the worker's log says so; the page just does not promise a time
  }
  return { trails: out, keys, digestIntervalSeconds: interval };
}

export interface StoreChainStatus {
  blocks: number;
  /** Events stored before the chain existed (an upgraded store): ids up to this are not covered. */
  legacyMaxPk: number;
  latestCheckpoint: { blockNumber: number; signedAt: string; keyId: string } | null;
  retentionDays: number;
}

/** The chain's head and its latest signed checkpoint, as the Integrity page shows them. */
export async function storeChainStatus(): Promise<StoreChainStatus> {
  const [head, checkpoint] = await Promise.all([
    prisma.storeChainHead.findUnique({ where: { id: 1 }, select: { blockNumber: true, legacyMaxPk: true } }),
    prisma.storeCheckpoint.findFirst({ orderBy: { id: "desc" }, select: { blockNumber: true, createdAt: true, keyId: true } }),
  ]);
  return {
    blocks: head?.blockNumber ?? 0,
    legacyMaxPk: head?.legacyMaxPk ?? 0,
    latestCheckpoint: checkpoint && { blockNumber: checkpoint.blockNumber, signedAt: checkpoint.createdAt, keyId: checkpoint.keyId },
    retentionDays: queryRetentionDays(),
  };
}
