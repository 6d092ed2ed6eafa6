// verify trail | bucket | store — the digest verifier (docs/integrity.md "Verifying") and the query
// store chain's (docs/store-chain.md "Verifying"). Exit 0: everything
// verifies; 1: a problem was found (each named, the summary line last); 2: a usage error.
import fs from "node:fs";
import path from "node:path";
import { LocalObjectStore } from "@/lib/delivery/object-store";
import { parsePublicKeys } from "@/lib/integrity/document";
import { verifyBucket, type BucketReport, type LogStoreReport, type Problem, type TimeRange } from "@/lib/integrity/verify";
import { UnknownTrailError, verifyTrail } from "@/lib/integrity/verify-trail";
import { verifyStore, type StoreReport } from "@/lib/integrity/verify-store";
import { parseCommandArgs, UsageError } from "./common";

const RANGE_OPTIONS = { start: { type: "string" }, end: { type: "string" }, json: { type: "boolean", default: false } } as const;

class VerifyUsageError extends Error {}

function parseTime(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new VerifyUsageError(`--${name} must be an ISO 8601 time, e.g. 2026-12-02T10:00:00Z`);
  return new Date(t);
}

function parseRange(values: { start?: string; end?: string }): TimeRange {
  const range = { start: parseTime(values.start, "start"), end: parseTime(values.end, "end") };
  if (range.start && range.end && range.start >= range.end) throw new VerifyUsageError("--start must be before --end");
  return range;
}

/** The verify commands' own exit code 2 for bad arguments (the CLI's usual one is 1). */
async function withUsageExit(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof VerifyUsageError || e instanceof UnknownTrailError) {
      console.error(`Error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

export interface VerifyOutput {
  ok: boolean;
  trail: string | null;
  source: { bucket: string | null } | { dir: string };
  range: { start: string | null; end: string | null };
  summary: { bucket: BucketReport["summary"] | null; logStore: LogStoreReport["summary"] | null };
  problems: Problem[];
  pending: string[];
}

function output(o: Omit<VerifyOutput, "ok" | "problems" | "summary" | "pending" | "range"> & { range: TimeRange; objects: BucketReport | null; logStore: LogStoreReport | null }): VerifyOutput {
  const problems = [...(o.objects?.problems ?? []), ...(o.logStore?.problems ?? [])];
  return {
    ok: problems.length === 0,
    trail: o.trail,
    source: o.source,
    range: { start: o.range.start?.toISOString() ?? null, end: o.range.end?.toISOString() ?? null },
    summary: { bucket: o.objects?.summary ?? null, logStore: o.logStore?.summary ?? null },
    problems,
    pending: o.objects?.pending ?? [],
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per problem, then the summary line. */
export function formatVerifyOutput(o: VerifyOutput): string {
  const lines = o.problems.map((p) => `${p.kind}: ${p.target}: ${p.detail}`);
  const parts: string[] = [];
  const { bucket, logStore } = o.summary;
  if (bucket) {
    const through = bucket.newestPeriodEnd ? `, through ${bucket.newestPeriodEnd}` : "";
    parts.push(`${plural(bucket.logFiles, "log file")} in ${plural(bucket.digests, "digest")} over ${plural(bucket.periods, "period")} (${plural(bucket.chains, "chain")}${through})`);
  }
  if (logStore) parts.push(`${plural(logStore.rows, "log store row")} in ${plural(logStore.digests, "digest")}`);
  const waiting = [
    bucket?.pendingLogFiles ? plural(bucket.pendingLogFiles, "log file") : "",
    logStore?.pendingRows ? plural(logStore.pendingRows, "log store row") : "",
  ].filter(Boolean);
  const purged = logStore?.purgedPeriods ? `; ${plural(logStore.purgedPeriods, "log store period")} partly purged by retention` : "";
  const what = o.trail ? `Trail ${o.trail}` : "dir" in o.source ? `Directory ${o.source.dir}` : "Bucket";
  const verdict = o.ok ? "no problems" : `${plural(o.problems.length, "problem")} found`;
  lines.push(`${what}: ${parts.join(", ") || "nothing to verify"}${waiting.length ? `; ${waiting.join(" and ")} not in a digest yet` : ""}${purged}: ${verdict}.`);
  return lines.join("\n");
}

function print(o: VerifyOutput, json: boolean): number {
  console.log(json ? JSON.stringify(o, null, 2) : formatVerifyOutput(o));
  return o.ok ? 0 : 1;
}

export function verifyTrailCommand(args: string[]): Promise<number> {
  return withUsageExit(async () => {
    const { values, positionals } = parseCommandArgs(args, RANGE_OPTIONS, 1);
    if (!positionals[0]) throw new VerifyUsageError("the trail name is required: verify trail NAME");
    const range = parseRange(values);
    const r = await verifyTrail(positionals[0], range);
    return print(output({ trail: r.trail, source: { bucket: r.bucket }, range, objects: r.objects, logStore: r.logStore }), values.json);
  });
}

export function verifyBucketCommand(args: string[]): Promise<number> {
  return withUsageExit(async () => {
    const { values } = parseCommandArgs(args, { ...RANGE_OPTIONS, dir: { type: "string" }, "public-key": { type: "string" }, trail: { type: "string" } });
    if (!values.dir) throw new VerifyUsageError("--dir is required: the directory holding a copy of the bucket");
    if (!values["public-key"]) throw new VerifyUsageError("--public-key is required: a file of the keys `digest public-key --all` prints");
    const dir = path.resolve(values.dir);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new VerifyUsageError(`${dir} is not a directory`);
    let keyText: string;
    try {
      keyText = fs.readFileSync(values["public-key"], "utf8");
    } catch (e) {
      throw new VerifyUsageError(`cannot read ${values["public-key"]}: ${(e as Error).message}`);
    }
    let keys;
    try {
      keys = parsePublicKeys(keyText);
    } catch (e) {
      throw new VerifyUsageError(`${values["public-key"]}: ${(e as Error).message}`);
    }
    const range = parseRange(values);
    const objects = await verifyBucket(new LocalObjectStore(dir), { ...range, keys, trail: values.trail });
    return print(output({ trail: values.trail ?? null, source: { dir }, range, objects, logStore: null }), values.json);
  });
}

/** One line per problem (named by eventId, block or checkpoint), then the summary line. */
export function formatStoreReport(r: StoreReport): string {
  const lines = r.problems.map((p) => `${p.kind}: ${p.target}: ${p.detail}`);
  const s = r.summary;
  const parts = [`${plural(s.events, "event")} in ${plural(s.blocks, "block")}`];
  parts.push(s.latestCheckpoint ? `${plural(s.checkpoints, "signed checkpoint")} (the latest at block ${s.latestCheckpoint.blockNumber}, ${s.latestCheckpoint.signedAt})` : "no signed checkpoint yet");
  const notes: string[] = [];
  if (s.notCheckpointed.events) notes.push(`${plural(s.notCheckpointed.events, "event")} in ${plural(s.notCheckpointed.blocks, "block")} not yet checkpointed`);
  if (s.purged.events || s.purged.summarisedBlocks) {
    notes.push(`${plural(s.purged.events, "event")} purged by retention${s.purged.summarisedBlocks ? ` (blocks 1–${s.purged.summarisedBlocks} summarised by a checkpoint)` : ""}`);
  }
  if (s.beforeChain.events) notes.push(`${plural(s.beforeChain.events, "event")} stored before the chain (ids up to ${s.beforeChain.maxPk}), not covered`);
  const verdict = r.ok ? "no problems" : `${plural(r.problems.length, "problem")} found`;
  lines.push(`Query store: ${parts.join(", ")}${notes.length ? `; ${notes.join("; ")}` : ""}: ${verdict}.`);
  return lines.join("\n");
}

export function verifyStoreCommand(args: string[]): Promise<number> {
  return withUsageExit(async () => {
    const { values } = parseCommandArgs(args, { json: { type: "boolean", default: false } });
    const r = await verifyStore();
    console.log(values.json ? JSON.stringify(r, null, 2) : formatStoreReport(r));
    return r.ok ? 0 : 1;
  });
}
