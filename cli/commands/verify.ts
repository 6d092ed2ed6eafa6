// verify trail | bucket | store — the digest verifier (docs/integrity.md "Verifying") and the query
// store chain's (docs/store-chain.md "Verifying"). Exit 0: everything
// verifies; 1: a problem was found (each named, the summary line last); 2: a usage error.
import fs from "node:fs";
import path from "node:path";
import { LocalObjectStore } from "@/lib/delivery/object-store";
import { parsePublicKeys } from "@/lib/integrity/document";
import { verifyBucket, type TimeRange } from "@/lib/integrity/verify";
import { formatStoreReport, formatVerifyOutput, verifyOutput as output, type VerifyOutput } from "@/lib/integrity/verify-output";
import { recordStoreVerificationFailure, recordVerificationFailure } from "@/lib/integrity/verification-audit";
import { UnknownTrailError, verifyTrail } from "@/lib/integrity/verify-trail";
import { verifyStore } from "@/lib/integrity/verify-store";
import { cliActor, parseCommandArgs, UsageError } from "./common";

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
    const o = output({ trail: r.trail, source: { bucket: r.bucket }, range, objects: r.objects, logStore: r.logStore });
    // A failed verification is a sensitive event of its own (alert rules can watch for it).
    if (!o.ok) await recordVerificationFailure(o, { actor: cliActor(), via: "cli" });
    return print(o, values.json);
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

export function verifyStoreCommand(args: string[]): Promise<number> {
  return withUsageExit(async () => {
    const { values } = parseCommandArgs(args, { json: { type: "boolean", default: false } });
    const r = await verifyStore();
    console.log(values.json ? JSON.stringify(r, null, 2) : formatStoreReport(r));
    if (!r.ok) await recordStoreVerificationFailure(r, { actor: cliActor(), via: "cli" });
    return r.ok ? 0 : 1;
  });
}
