// The digest format (docs/integrity.md "The digest file"): where digests live, what they hold, the digest
// periods. Pure, shared by the writer (digests.ts) and the verifier (verify.ts).
import { wholeNumberSetting } from "@/lib/config/whole-number";
import { parseLogFileName, type LogFileNameParts } from "@/lib/delivery/files";
import type { JsonObject } from "./document";

export const DIGEST_VERSION = 1;
export const DIGEST_INTERVAL_ENV = "TRAILKEEPER_DIGEST_INTERVAL_SECONDS";
export const DEFAULT_DIGEST_INTERVAL_SECONDS = 3600;

const LOG_DIR = "AliyunLogs/Actiontrail/";
const DIGEST_DIR = "AliyunLogs/Actiontrail-Digest/";

/** The digest period length in ms (TRAILKEEPER_DIGEST_INTERVAL_SECONDS, default one hour). */
export function digestIntervalMs(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberSetting(env, DIGEST_INTERVAL_ENV, { default: DEFAULT_DIGEST_INTERVAL_SECONDS, min: 1, max: 86_400, unit: "seconds" }) * 1000;
}

/** Periods are aligned to the Unix epoch: the start of the period holding `t`. */
export function periodStartOf(t: number, intervalMs: number): number {
  return Math.floor(t / intervalMs) * intervalMs;
}

/** 2026-12-02T10:00:00.000Z → 2026-12-02T10:00:00Z (digests carry whole seconds). */
export function isoSeconds(t: number | Date): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function compact(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;
}

export function cleanPrefix(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, "");
}

/** `<prefix>/AliyunLogs/Actiontrail-Digest/<region>/<YYYY>/<MM>/<DD>/<account>_CloudTrail-Digest_<region>_<trail>_<start>.json` */
export function digestKey(d: { prefix: string; region: string; account: string; trail: string; periodStart: string }): string {
  const [yyyy, mm, dd] = d.periodStart.slice(0, 10).split("-");
  const clean = cleanPrefix(d.prefix);
  const dir = `${clean ? `${clean}/` : ""}${DIGEST_DIR}${d.region}/${yyyy}/${mm}/${dd}`;
  return `${dir}/${d.account}_CloudTrail-Digest_${d.region}_${d.trail}_${compact(d.periodStart)}.json`;
}

export function isDigestKey(key: string): boolean {
  return key.includes(DIGEST_DIR) && key.endsWith(".json");
}

/**
 * A delivered log file's key (lib/delivery/files.ts planLogFiles): its prefix and the parts of its name.
 * ActionTrail's names carry no trail: which trail wrote a file follows from the digests (verify.ts).
 */
export function parseLogFileKey(key: string): ({ prefix: string } & LogFileNameParts) | undefined {
  const at = key.lastIndexOf(LOG_DIR);
  if (at < 0 || !(at === 0 || key[at - 1] === "/")) return undefined;
  const parts = parseLogFileName(key.slice(key.lastIndexOf("/") + 1));
  if (!parts) return undefined;
  return { prefix: key.slice(0, Math.max(0, at - 1)), ...parts };
}

/** One log file as a digest lists it. */
export interface DigestLogFile {
  key: string;
  sha256: string;
  eventCount: number;
  firstEventTime: string;
  lastEventTime: string;
}

export interface DigestLink {
  key: string;
  sha256: string;
  signature: string;
}

/** The signed content of an object-storage digest (keyId, algorithm and signature are added on signing). */
export interface OssDigestContent {
  version: number;
  type: "trailkeeper.logFileDigest";
  account: string;
  trail: string;
  bucket: string;
  prefix: string;
  region: string;
  /** Every region of the trail that has a digest for this same period: a missing one is found. */
  regions: string[];
  periodStart: string;
  periodEnd: string;
  logFiles: DigestLogFile[];
  previousDigest: DigestLink | null;
}

/** The signed content of a log store digest (a row of the digests table; docs/integrity.md "The log store"). */
export interface LogStoreDigestContent {
  version: number;
  type: "trailkeeper.logStoreDigest";
  account: string;
  trail: string;
  logStore: string;
  periodStart: string;
  periodEnd: string;
  /** The rows covered: afterRowId < id <= lastRowId, those with a valid MAC. */
  afterRowId: number;
  lastRowId: number;
  rowCount: number;
  rowsSha256: string;
  firstEventTime: string | null;
  lastEventTime: string | null;
  previousDigest: { sha256: string; signature: string } | null;
}

export interface SignedFields {
  keyId: string;
  algorithm: string;
  signature: string;
}

export type OssDigest = OssDigestContent & SignedFields;
export type LogStoreDigest = LogStoreDigestContent & SignedFields;

const isStr = (v: unknown): v is string => typeof v === "string";
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

function isLink(v: unknown): v is DigestLink {
  const l = v as DigestLink;
  return v !== null && typeof v === "object" && isStr(l.key) && isStr(l.sha256) && isStr(l.signature);
}

function isLogFile(v: unknown): v is DigestLogFile {
  const f = v as DigestLogFile;
  return v !== null && typeof v === "object" && isStr(f.key) && isStr(f.sha256) && isInt(f.eventCount) && isStr(f.firstEventTime) && isStr(f.lastEventTime);
}

/** The document as an object-storage digest, or why it is not one. */
export function asOssDigest(doc: JsonObject): OssDigest | string {
  const d = doc as unknown as OssDigest;
  if (d.type !== "trailkeeper.logFileDigest") return `it is not a log file digest (type ${JSON.stringify(doc.type)})`;
  if (d.version !== DIGEST_VERSION) return `digest version ${JSON.stringify(doc.version)} is not supported`;
  const ok =
    [d.account, d.trail, d.bucket, d.prefix, d.region, d.periodStart, d.periodEnd, d.keyId, d.algorithm, d.signature].every(isStr) &&
    Array.isArray(d.regions) && d.regions.every(isStr) &&
    Array.isArray(d.logFiles) && d.logFiles.every(isLogFile) &&
    (d.previousDigest === null || isLink(d.previousDigest));
  return ok ? d : "a field is missing or has the wrong type";
}

export function asLogStoreDigest(doc: JsonObject): LogStoreDigest | string {
  const d = doc as unknown as LogStoreDigest;
  if (d.type !== "trailkeeper.logStoreDigest" || d.version !== DIGEST_VERSION) return "it is not a log store digest of a supported version";
  const prev = d.previousDigest;
  const ok =
    [d.account, d.trail, d.logStore, d.periodStart, d.periodEnd, d.rowsSha256, d.keyId, d.algorithm, d.signature].every(isStr) &&
    [d.afterRowId, d.lastRowId, d.rowCount].every(isInt) &&
    (prev === null || (prev !== null && typeof prev === "object" && isStr(prev.sha256) && isStr(prev.signature)));
  return ok ? d : "a field is missing or has the wrong type";
}
