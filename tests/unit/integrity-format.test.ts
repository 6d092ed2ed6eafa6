// The pieces of the digest format that need no store (lib/integrity/document.ts, format.ts): canonical
// bytes, signatures, key files, digest paths, and which periods are due.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalJson, checkSignature, formatPublicKeys, keyFingerprint, parseDocument, parsePublicKeys, signDocument, type Signer,
} from "@/lib/integrity/document";
import { digestIntervalMs, digestKey, parseLogFileKey, periodStartOf } from "@/lib/integrity/format";
import { planLogFiles, type DeliveryEvent } from "@/lib/delivery/files";
import { DigestEngine } from "@/lib/integrity/digests";

function newSigner(): Signer & { publicKey: crypto.KeyObject } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  return { keyId: keyFingerprint(publicKey), privateKey, publicKey };
}

describe("signed documents", () => {
  it("serialise with sorted keys and no whitespace, the same whatever the insertion order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "é\n" }], "": true })).toBe('{"":true,"a":[{"c":"é\\n","d":null}],"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(() => canonicalJson({ n: 1.5 })).toThrow(/integers/);
  });

  it("sign deterministically and verify from their own bytes; any change or another key fails", () => {
    const s = newSigner();
    const keys = new Map([[s.keyId, s.publicKey]]);
    const a = signDocument({ trail: "t", files: [1, 2] }, s);
    const b = signDocument({ files: [1, 2], trail: "t" }, s);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const doc = parseDocument(a.bytes)!;
    expect(doc.keyId).toBe(s.keyId);
    expect(doc.algorithm).toBe("Ed25519");
    expect(checkSignature(doc, keys)).toEqual({ ok: true });
    expect(checkSignature({ ...doc, trail: "u" }, keys)).toMatchObject({ ok: false, problem: "bad-signature" });
    expect(checkSignature(doc, new Map())).toMatchObject({ ok: false, problem: "unknown-key" });
    const other = newSigner();
    expect(checkSignature({ ...doc, keyId: other.keyId }, new Map([[other.keyId, other.publicKey]]))).toMatchObject({ ok: false, problem: "bad-signature" });
  });

  it("read back a key file of several keys by the ids computed from the keys; a wrong label is refused", () => {
    const [k1, k2] = [newSigner(), newSigner()];
    const pem = (k: crypto.KeyObject) => k.export({ type: "spki", format: "pem" }).toString();
    const text = formatPublicKeys([
      { id: k1.keyId, pem: pem(k1.publicKey), createdAt: new Date(0) },
      { id: k2.keyId, pem: pem(k2.publicKey), retiredAt: new Date(1) },
    ]);
    expect(text).toMatch(new RegExp(`^# key id ${k1.keyId} \\(created 1970`));
    expect([...parsePublicKeys(text).keys()]).toEqual([k1.keyId, k2.keyId]);
    expect([...parsePublicKeys(pem(k2.publicKey)).keys()]).toEqual([k2.keyId]);
    expect(() => parsePublicKeys(text.replace(k1.keyId, k2.keyId))).toThrow(/labelled/);
    expect(() => parsePublicKeys("nothing here")).toThrow(/No public key/);
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey;
    expect(() => parsePublicKeys(pem(rsa))).toThrow(/not Ed25519/);
  });
});

describe("digest paths and periods", () => {
  it("puts a digest beside the log files, under its region and the period's day", () => {
    expect(digestKey({ prefix: "/team/audit/", region: "cn-shanghai", account: "1016954307248737", trail: "org_audit-1", periodStart: "2026-12-02T10:00:00Z" })).toBe(
      "team/audit/AliyunLogs/Actiontrail-Digest/cn-shanghai/2026/12/02/1016954307248737_CloudTrail-Digest_cn-shanghai_org_audit-1_20261202T100000Z.json",
    );
    expect(digestKey({ prefix: "", region: "eu-central-1", account: "1", trail: "abcdef", periodStart: "2026-01-31T23:00:00Z" })).toBe(
      "AliyunLogs/Actiontrail-Digest/eu-central-1/2026/01/31/1_CloudTrail-Digest_eu-central-1_abcdef_20260131T230000Z.json",
    );
  });

  it("reads the prefix and the name's parts back from the key of a delivered log file", () => {
    const event: DeliveryEvent = { id: 41, eventId: "e", eventTime: "2026-12-02T10:11:12.000Z", queryRegion: "cn-beijing", acsRegion: "cn-beijing", isGlobal: false, raw: "{}" };
    for (const [prefix, name] of [["a/b", "org_audit_2"], ["", "abcdef"]] as const) {
      const [file] = planLogFiles([event], { name, homeRegion: "cn-hangzhou", ossKeyPrefix: prefix });
      const md5 = crypto.createHash("md5").update(file.body).digest("hex");
      expect(file.key).toBe(`${prefix ? `${prefix}/` : ""}AliyunLogs/Actiontrail/cn-beijing/2026/12/02/Actiontrail_cn-beijing_20261202101112_1002_1_${file.body.length}_${md5}.gz`);
      expect(parseLogFileKey(file.key)).toEqual({ prefix, region: "cn-beijing", time: "20261202101112", eventCount: 1, size: file.body.length, md5 });
      // The same events make the same file under the same name (a crash rewrites it, never a copy).
      expect(planLogFiles([event], { name: "other-trail", homeRegion: "cn-hangzhou", ossKeyPrefix: prefix })[0].key).toBe(file.key);
    }
    expect(parseLogFileKey("AliyunLogs/Actiontrail/cn-beijing/2026/12/02/notes.txt")).toBeUndefined();
    expect(parseLogFileKey("AliyunLogs/Actiontrail/cn-beijing/2026/12/02/Actiontrail_cn-beijing_2026120210111_1002_1_20_0123456789abcdef0123456789abcdef.gz")).toBeUndefined();
  });

  it("aligns periods to the epoch and reads the interval from the environment", () => {
    expect(periodStartOf(Date.parse("2026-12-02T10:59:59.999Z"), 3_600_000)).toBe(Date.parse("2026-12-02T10:00:00Z"));
    expect(digestIntervalMs({})).toBe(3_600_000);
    expect(digestIntervalMs({ TRAILKEEPER_DIGEST_INTERVAL_SECONDS: "5" })).toBe(5_000);
    expect(() => digestIntervalMs({ TRAILKEEPER_DIGEST_INTERVAL_SECONDS: "1.5" })).toThrow(/whole number/);
  });

  it("records each period once it has ended, while the trail logged in it, and resumes after a pause", () => {
    const H = 3_600_000;
    const at = (iso: string) => Date.parse(iso);
    const engine = (now: string) => new DigestEngine({ intervalMs: H, now: () => new Date(now) });
    const trail = { isLogging: true, startLoggingTime: new Date("2026-12-02T10:17:00Z"), stopLoggingTime: null, createdAt: new Date("2026-12-02T10:17:00Z") };
    // The first period is the one logging started in, none until it has ended, and at most one back
    // (a first digest after a long wait lists everything delivered before its end).
    expect(engine("2026-12-02T10:59:59Z").duePeriods(trail, undefined).starts).toEqual([]);
    expect(engine("2026-12-02T11:00:00Z").duePeriods(trail, undefined).starts).toEqual([at("2026-12-02T10:00:00Z")]);
    expect(engine("2026-12-02T13:00:00Z").duePeriods(trail, undefined).starts).toEqual([at("2026-12-02T12:00:00Z")]);
    expect(engine("2026-12-02T13:30:00Z").duePeriods(trail, at("2026-12-02T12:00:00Z")).starts).toEqual([at("2026-12-02T12:00:00Z")]);
    // Stopped at 13:20: the period it stopped in still gets its digest, the next ones do not.
    const stopped = { ...trail, isLogging: false, stopLoggingTime: new Date("2026-12-02T13:20:00Z") };
    expect(engine("2026-12-02T16:00:00Z").duePeriods(stopped, at("2026-12-02T13:00:00Z")).starts).toEqual([at("2026-12-02T13:00:00Z")]);
    expect(engine("2026-12-02T16:00:00Z").duePeriods(stopped, at("2026-12-02T14:00:00Z")).starts).toEqual([]);
    // Started again at 16:05: the chain goes on from the period of the restart.
    const restarted = { ...stopped, isLogging: true, startLoggingTime: new Date("2026-12-02T16:05:00Z") };
    expect(engine("2026-12-02T17:00:00Z").duePeriods(restarted, at("2026-12-02T14:00:00Z")).starts).toEqual([at("2026-12-02T16:00:00Z")]);
    // A worker down for days catches up a bounded number of periods per step.
    const late = engine("2026-12-09T00:00:00Z").duePeriods(trail, at("2026-12-03T00:00:00Z"));
    expect(late.starts.length).toBe(24);
    expect(late.more).toBe(true);
  });
});
