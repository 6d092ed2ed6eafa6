// A file the worker delivers while `verify trail` runs: it is written before its delivery is recorded, so
// the verifier's first read of the pending deliveries cannot know it. It reads them again before calling
// such a file "not in a digest"; a file nobody delivered is still named.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/integrity/document";
import { verifyBucket, type BucketReader } from "@/lib/integrity/verify";

const KEY = "AliyunLogs/Actiontrail/cn-hangzhou/2026/12/02/1016954307248737_CloudTrail_cn-hangzhou_20261202T055223Z_audit-trail_4442-4442.json.gz";
const BYTES = Buffer.from("delivered bytes");

function reader(files: Record<string, Buffer>): BucketReader {
  return {
    listObjects: async () => Object.keys(files).map((key) => ({ key, modifiedAt: new Date() })),
    get: async (key) => files[key],
  };
}

const keys = new Map([["k", crypto.generateKeyPairSync("ed25519").publicKey]]);

describe("a log file delivered during the verification", () => {
  it("is pending when the second read of the deliveries knows it, with its hash checked", async () => {
    let reads = 0;
    const r = await verifyBucket(reader({ [KEY]: BYTES }), {
      keys, trail: "audit-trail", pending: new Map(),
      refreshPending: async () => (reads++, new Map([[KEY, sha256Hex(BYTES)]])),
    });
    expect(r.problems).toEqual([]);
    expect(r.pending).toEqual([KEY]);
    expect(reads).toBe(1);
  });

  it("is named when no delivery recorded it, or recorded other bytes", async () => {
    const unknown = await verifyBucket(reader({ [KEY]: BYTES }), { keys, trail: "audit-trail", pending: new Map(), refreshPending: async () => new Map() });
    expect(unknown.problems.map((p) => [p.kind, p.target])).toEqual([["not-in-digest", KEY]]);
    const changed = await verifyBucket(reader({ [KEY]: BYTES }), { keys, trail: "audit-trail", pending: new Map(), refreshPending: async () => new Map([[KEY, sha256Hex("other")]]) });
    expect(changed.problems.map((p) => [p.kind, p.target])).toEqual([["modified", KEY]]);
  });
});
