// The verifier (docs/integrity.md "Verifying"): what an outside auditor runs. It reads a bucket through a
// list/get interface (a directory or S3), checks every digest's signature with the key its keyId names,
// walks each chain, recomputes the SHA-256 of every log file a digest lists, and names each problem by
// file. The log store's chain is checked from rows handed in. No database access here: `verify bucket`
// runs on a copied directory and a public key file alone.
import type crypto from "node:crypto";
import { checkSignature, parseDocument, sha256Hex, type JsonObject } from "./document";
import { nameMismatch } from "@/lib/delivery/files";
import { asLogStoreDigest, asOssDigest, cleanPrefix, digestKey, isDigestKey, parseLogFileKey, type LogStoreDigest, type OssDigest } from "./format";
import { macMatches, RowsHasher, type LogStoreRow } from "./log-store-rows";

export const PROBLEM_KINDS = [
  "modified", "deleted", "inserted", "not-in-digest", "digest-missing", "chain-broken", "bad-signature", "unknown-key",
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  kind: ProblemKind;
  /** The object key, or the log store row or period. */
  target: string;
  detail: string;
}

export interface BucketReader {
  listObjects(prefix: string): Promise<{ key: string; modifiedAt: Date }[]>;
  get(key: string): Promise<Buffer>;
}

export interface TimeRange {
  start?: Date;
  end?: Date;
}

export interface VerifyBucketOptions extends TimeRange {
  keys: ReadonlyMap<string, crypto.KeyObject>;
  /** Only this trail's digests and log files. */
  trail?: string;
  /** Only keys under this prefix. */
  prefix?: string;
  /** The bucket's name when known: a digest naming another bucket was copied here. */
  bucket?: string;
  /**
   * Log files recorded as delivered but not in a digest yet, with the SHA-256 delivery recorded (verify
   * trail, from the database). Without it, a file in no digest counts as not yet digested when it is
   * newer than the start of its trail's newest digest period (the next digest will list it or not).
   */
  pending?: ReadonlyMap<string, string>;
  /**
   * Reads `pending` again (once, when a log file in no digest is not in it): a file delivered while the
   * verification ran was written before its delivery was recorded, so the first read could not know it.
   */
  refreshPending?: () => Promise<ReadonlyMap<string, string>>;
  /** Digests the database recorded as written: each must be in the bucket. */
  recordedDigests?: readonly { key: string; periodStart: string; periodEnd: string }[];
  /**
   * With `trail`: which of these keys other trails delivered (verify trail, from the database). A file's
   * name does not say its trail, so files of another trail sharing the prefix are told apart this way.
   */
  otherTrailFiles?: (keys: string[]) => Promise<ReadonlySet<string>>;
}

export interface BucketSummary {
  logFiles: number;
  digests: number;
  periods: number;
  chains: number;
  pendingLogFiles: number;
  firstPeriodStart: string | null;
  newestPeriodEnd: string | null;
}

export interface BucketReport {
  problems: Problem[];
  pending: string[];
  summary: BucketSummary;
}

interface ParsedDigest {
  key: string;
  d: OssDigest;
  sha256: string;
  valid: boolean;
}

class Problems {
  readonly list: Problem[] = [];
  private seen = new Set<string>();

  add(kind: ProblemKind, target: string, detail: string): void {
    const id = `${kind}\u0000${target}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.list.push({ kind, target, detail });
  }
}

function overlaps(periodStart: string, periodEnd: string, r: TimeRange): boolean {
  return (!r.start || Date.parse(periodEnd) > r.start.getTime()) && (!r.end || Date.parse(periodStart) < r.end.getTime());
}

function within(t: Date, r: TimeRange): boolean {
  return (!r.start || t >= r.start) && (!r.end || t < r.end);
}

/** The chain a log file or digest belongs to: its prefix and region (a log file's name carries no trail). */
function chainOf(prefix: string, region: string): string {
  return `${cleanPrefix(prefix)}\u0000${region}`;
}

/** A log file whose size or MD5 is not what its name gives (lib/delivery/files.ts logFileName). */
function checkName(problems: Problems, key: string, bytes: Buffer): void {
  const parts = parseLogFileKey(key);
  const wrong = parts && nameMismatch(parts, bytes);
  if (wrong) problems.add("modified", key, wrong);
}

export async function verifyBucket(reader: BucketReader, opts: VerifyBucketOptions): Promise<BucketReport> {
  const problems = new Problems();
  const objects = await reader.listObjects(opts.prefix ?? "");
  const present = new Map(objects.map((o) => [o.key, o]));
  const digests = new Map<string, ParsedDigest>();
  const otherCovered = new Set<string>();
  const otherChains = new Set<string>();

  for (const o of objects) {
    if (!isDigestKey(o.key)) continue;
    const bytes = await reader.get(o.key);
    const doc = parseDocument(bytes);
    const d = doc ? asOssDigest(doc) : "it is not JSON";
    if (typeof d === "string") {
      problems.add("bad-signature", o.key, `not a readable digest: ${d}`);
      continue;
    }
    if (opts.trail && d.trail !== opts.trail) {
      // Another trail's digest: the files it lists in a shared prefix are not this trail's to account for.
      if (checkSignature(doc as JsonObject, opts.keys).ok) {
        for (const f of d.logFiles) otherCovered.add(f.key);
        otherChains.add(chainOf(d.prefix, d.region));
      }
      continue;
    }
    const sig = checkSignature(doc as JsonObject, opts.keys);
    const parsed: ParsedDigest = { key: o.key, d, sha256: sha256Hex(bytes), valid: sig.ok };
    digests.set(o.key, parsed);
    if (!overlaps(d.periodStart, d.periodEnd, opts)) continue;
    if (!sig.ok) problems.add(sig.problem, o.key, sig.detail);
    else if (digestKey(d) !== o.key) problems.add("chain-broken", o.key, `a valid digest, but its content belongs at ${digestKey(d)}: it was copied or moved`);
    else if (opts.bucket && d.bucket !== opts.bucket) problems.add("chain-broken", o.key, `a valid digest of bucket ${d.bucket}, copied into ${opts.bucket}`);
  }

  const inRange = [...digests.values()].filter((p) => overlaps(p.d.periodStart, p.d.periodEnd, opts));
  const followers = new Map<string, string>();
  const covered = new Set<string>();
  const coveredOnlyByInvalid = new Map<string, string>();
  const newestStart = new Map<string, number>();
  for (const p of digests.values()) {
    for (const f of p.d.logFiles) {
      if (p.valid) covered.add(f.key);
      else coveredOnlyByInvalid.set(f.key, p.key);
    }
    if (p.valid) {
      const chain = chainOf(p.d.prefix, p.d.region);
      newestStart.set(chain, Math.max(newestStart.get(chain) ?? 0, Date.parse(p.d.periodStart)));
    }
  }

  let logFiles = 0;
  for (const p of inRange.sort((a, b) => a.d.periodStart.localeCompare(b.d.periodStart) || a.key.localeCompare(b.key))) {
    const { d } = p;
    const prev = d.previousDigest;
    if (prev) {
      const before = digests.get(prev.key);
      const other = followers.get(prev.key);
      if (other && other !== p.key) problems.add("chain-broken", p.key, `${other} also names ${prev.key} as its previous digest`);
      followers.set(prev.key, p.key);
      if (!before) {
        if (!present.has(prev.key)) problems.add("digest-missing", prev.key, `named as the previous digest by ${p.key}`);
      } else if (before.sha256 !== prev.sha256) {
        problems.add("chain-broken", p.key, `its previous digest ${prev.key} has SHA-256 ${before.sha256}, not ${prev.sha256}`);
      } else if (before.d.signature !== prev.signature) {
        problems.add("chain-broken", p.key, `the signature of its previous digest ${prev.key} is not the one it names`);
      } else if (Date.parse(before.d.periodEnd) > Date.parse(d.periodStart)) {
        problems.add("chain-broken", p.key, `its previous digest ${prev.key} ends after this one starts`);
      }
    }
    if (p.valid) {
      for (const region of d.regions) {
        const expected = digestKey({ ...d, region });
        if (!digests.has(expected) && !present.has(expected)) problems.add("digest-missing", expected, `${p.key} names region ${region} among the trail's digests of ${d.periodStart}`);
      }
    }
    for (const f of d.logFiles) {
      if (!p.valid) continue;
      logFiles++;
      if (!present.has(f.key)) {
        problems.add("deleted", f.key, `listed in ${p.key}`);
        continue;
      }
      const bytes = await reader.get(f.key);
      const sha = sha256Hex(bytes);
      if (sha !== f.sha256) problems.add("modified", f.key, `its SHA-256 is ${sha}; ${p.key} lists ${f.sha256}`);
      checkName(problems, f.key, bytes);
    }
  }

  for (const r of opts.recordedDigests ?? []) {
    if (overlaps(r.periodStart, r.periodEnd, opts) && !present.has(r.key)) {
      problems.add("digest-missing", r.key, "Trailkeeper recorded writing this digest, and it is not in the bucket");
    }
  }

  const pending: string[] = [];
  let refreshed: ReadonlyMap<string, string> | undefined;
  const undigested: { key: string; detail: string }[] = [];
  for (const o of objects) {
    if (isDigestKey(o.key) || !o.key.includes("AliyunLogs/Actiontrail/") || covered.has(o.key) || otherCovered.has(o.key)) continue;
    const file = parseLogFileKey(o.key);
    const chain = file && chainOf(file.prefix, file.region);
    // Offline, one trail: a file where only other trails keep digests is theirs.
    if (opts.trail && !opts.pending && chain && otherChains.has(chain) && !newestStart.has(chain)) continue;
    let recorded = opts.pending?.get(o.key);
    if (recorded === undefined && opts.refreshPending) recorded = (refreshed ??= await opts.refreshPending()).get(o.key);
    if (recorded !== undefined) {
      pending.push(o.key);
      const bytes = await reader.get(o.key);
      const sha = sha256Hex(bytes);
      if (sha !== recorded) problems.add("modified", o.key, `not in a digest yet; its SHA-256 is ${sha}, delivery recorded ${recorded}`);
      checkName(problems, o.key, bytes);
      continue;
    }
    if (!within(o.modifiedAt, opts)) continue;
    const newest = chain ? newestStart.get(chain) : undefined;
    if (!opts.pending && newest !== undefined && o.modifiedAt.getTime() >= newest) {
      pending.push(o.key);
      continue;
    }
    const invalid = coveredOnlyByInvalid.get(o.key);
    undigested.push({ key: o.key, detail: invalid ? `listed only in ${invalid}, whose signature does not verify` : file ? "in no digest" : "not a log file name Trailkeeper writes, and in no digest" });
  }
  const others = opts.trail && opts.otherTrailFiles && undigested.length ? await opts.otherTrailFiles(undigested.map((u) => u.key)) : undefined;
  for (const u of undigested) {
    if (others?.has(u.key)) continue;
    problems.add("not-in-digest", u.key, u.detail);
    if (parseLogFileKey(u.key)) checkName(problems, u.key, await reader.get(u.key));
  }

  const periods = new Set(inRange.map((p) => p.d.periodStart));
  const chains = new Set(inRange.map((p) => `${p.d.trail}\u0000${p.d.region}\u0000${p.d.prefix}`));
  const valid = inRange.filter((p) => p.valid);
  return {
    problems: problems.list,
    pending,
    summary: {
      logFiles,
      digests: inRange.length,
      periods: periods.size,
      chains: chains.size,
      pendingLogFiles: pending.length,
      firstPeriodStart: valid.length ? valid.map((p) => p.d.periodStart).sort()[0] : null,
      newestPeriodEnd: valid.length ? valid.map((p) => p.d.periodEnd).sort().pop()! : null,
    },
  };
}

// --- The log store -----------------------------------------------------------------------------------

export interface LogStoreDigestRecord {
  /** The digest's exact bytes as kept. */
  document: string;
}

export interface VerifyLogStoreOptions extends TimeRange {
  logStore: string;
  keys: ReadonlyMap<string, crypto.KeyObject>;
  macKey: Buffer;
  /** Rows of periods whose oldest event is before this were partly purged by retention: missing rows are expected. */
  retentionCutoff?: string;
}

export interface LogStoreSummary {
  logStore: string;
  digests: number;
  periods: number;
  rows: number;
  pendingRows: number;
  purgedPeriods: number;
}

export interface LogStoreReport {
  problems: Problem[];
  summary: LogStoreSummary;
}

/**
 * Checks a log store's digests (oldest first) and its rows. `rows(afterId, lastId)` yields the rows with
 * afterId < id <= lastId (no lastId: all after) in id order.
 */
export async function verifyLogStore(
  records: readonly LogStoreDigestRecord[],
  rows: (afterId: number, lastId?: number) => AsyncIterable<LogStoreRow>,
  opts: VerifyLogStoreOptions,
): Promise<LogStoreReport> {
  const problems = new Problems();
  const store = opts.logStore;
  const parsed: { d: LogStoreDigest; sha256: string; valid: boolean; target: string }[] = [];
  for (const r of records) {
    const doc = parseDocument(r.document);
    const d = doc ? asLogStoreDigest(doc) : "it is not JSON";
    if (typeof d === "string") {
      problems.add("bad-signature", `log store ${store} digest`, `not a readable digest: ${d}`);
      continue;
    }
    const sig = checkSignature(doc as JsonObject, opts.keys);
    const target = `log store ${store} digest of ${d.periodStart}`;
    parsed.push({ d, sha256: sha256Hex(r.document), valid: sig.ok, target });
    if (!sig.ok && overlaps(d.periodStart, d.periodEnd, opts)) problems.add(sig.problem, target, sig.detail);
  }
  parsed.sort((a, b) => a.d.lastRowId - b.d.lastRowId);

  parsed.forEach((p, i) => {
    if (!overlaps(p.d.periodStart, p.d.periodEnd, opts)) return;
    const before = parsed[i - 1];
    const prev = p.d.previousDigest;
    if (!before) {
      if (prev) problems.add("digest-missing", `log store ${store} digests before ${p.d.periodStart}`, `the oldest digest kept names a previous one (rows up to id ${p.d.afterRowId})`);
    } else if (!prev) {
      problems.add("chain-broken", p.target, "it names no previous digest, although there is an older one");
    } else if (before.d.lastRowId !== p.d.afterRowId) {
      problems.add("digest-missing", `log store ${store} digests between ${before.d.periodEnd} and ${p.d.periodStart}`, `rows ${before.d.lastRowId + 1}–${p.d.afterRowId} are in no digest kept`);
    } else if (before.sha256 !== prev.sha256 || before.d.signature !== prev.signature) {
      problems.add("chain-broken", p.target, `its previous digest (${before.d.periodStart}) is not the one it names`);
    }
  });

  const checked = parsed.filter((p) => p.valid && overlaps(p.d.periodStart, p.d.periodEnd, opts));
  const hashers = checked.map(() => new RowsHasher());
  // Rows of a period already named for a bad MAC: they explain that much of its difference.
  const named = checked.map(() => 0);
  let count = 0;
  let pendingRows = 0;
  const rowTarget = (r: LogStoreRow) => `log store ${store} row ${r.id} eventId=${r.eventId}`;
  if (checked.length || !opts.end) {
    const from = checked.length ? checked[0].d.afterRowId : parsed.length ? parsed[parsed.length - 1].d.lastRowId : 0;
    const head = parsed.length ? parsed[parsed.length - 1].d.lastRowId : 0;
    const to = opts.end ? checked[checked.length - 1]?.d.lastRowId : undefined;
    let at = 0;
    for await (const r of rows(from, to)) {
      while (at < checked.length && r.id > checked[at].d.lastRowId) at++;
      const digest = at < checked.length && r.id > checked[at].d.afterRowId ? at : -1;
      if (digest < 0 && r.id <= head) continue; // a period outside the range
      count++;
      const ok = macMatches(opts.macKey, store, r);
      if (!ok) {
        problems.add(r.mac ? "modified" : "inserted", rowTarget(r), r.mac ? "its MAC does not match its content: changed after delivery" : "it has no MAC: not written by delivery");
        if (digest >= 0) named[digest]++;
      } else if (digest >= 0) hashers[digest].add(r);
      else pendingRows++;
    }
  }
  let purgedPeriods = 0;
  checked.forEach((p, i) => {
    const h = hashers[i];
    const sha = h.sha256();
    if ((h.count === p.d.rowCount && sha === p.d.rowsSha256) || (named[i] > 0 && h.count + named[i] === p.d.rowCount)) return;
    const period = `log store ${store} rows of ${p.d.periodStart}–${p.d.periodEnd}`;
    if (h.count < p.d.rowCount && opts.retentionCutoff && p.d.firstEventTime !== null && p.d.firstEventTime < opts.retentionCutoff) {
      purgedPeriods++;
      return;
    }
    if (h.count < p.d.rowCount) problems.add("deleted", period, `${p.d.rowCount - h.count} of the ${p.d.rowCount} rows the digest signed are missing`);
    else problems.add("modified", period, `the rows differ from what the digest signed (${h.count} rows, ${p.d.rowCount} signed)`);
  });
  return {
    problems: problems.list,
    summary: { logStore: store, digests: checked.length, periods: new Set(checked.map((p) => p.d.periodStart)).size, rows: count, pendingRows, purgedPeriods },
  };
}
