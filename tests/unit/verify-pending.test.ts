// A file the worker delivers while `verify trail` runs: it is written before its delivery is recorded, so
// the verifier's first read of the pending deliveries cannot know it. It reads them again before calling
// such a file "not in a digest"; a file nobody delivered is still named.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { logFileName } from "@/lib/delivery/files";
import { sha256Hex } from "@/lib/integrity/document";
import { verifyBucket, type BucketReader } from "@/lib/integrity/verify";

const BYTES = Buffer.from("delivered bytes");
const DIR = "AliyunLogs/Actiontrail/cn-hangzhou/2026/12/02";
const KEY = `${DIR}/${logFileName("cn-hangzhou", "2026-12-02T05:52:23.000Z", 1, BYTES)}`;

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

describe("a log file's name", () => {
  it("is ActionTrail's, with the size and lowercase MD5 of the .gz bytes", () => {
    const md5 = crypto.createHash("md5").update(BYTES).digest("hex");
    expect(KEY).toBe(`${DIR}/Actiontrail_cn-hangzhou_20261202055223_1002_1_${BYTES.length}_${md5}.gz`);
  });

  it("is checked against the file: another size or MD5 is a problem of that file", async () => {
    const forged = `${DIR}/${logFileName("cn-hangzhou", "2026-12-02T05:52:23.000Z", 1, Buffer.from("other bytes!!!!"))}`;
    const pending = await verifyBucket(reader({ [forged]: BYTES }), { keys, trail: "audit-trail", pending: new Map([[forged, sha256Hex(BYTES)]]) });
    expect(pending.problems.map((p) => [p.kind, p.target])).toEqual([["modified", forged]]);
    expect(pending.problems[0].detail).toMatch(/^its name gives 15 bytes with MD5 [0-9a-f]{32}; it has 15 bytes with MD5 /);
    const undigested = await verifyBucket(reader({ [forged]: BYTES, [KEY]: BYTES }), { keys });
    expect(undigested.problems.map((p) => [p.kind, p.target])).toEqual([["not-in-digest", forged], ["modified", forged], ["not-in-digest", KEY]]);
    const resized = KEY.replace(`_1_${BYTES.length}_`, `_1_${BYTES.length + 1}_`);
    const r = await verifyBucket(reader({ [resized]: BYTES }), { keys, pending: new Map([[resized, sha256Hex(BYTES)]]) });
    expect(r.problems.map((p) => p.detail)).toEqual([expect.stringContaining(`its name gives ${BYTES.length + 1} bytes`)]);
  });
});
