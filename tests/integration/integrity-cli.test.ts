// The integrity commands as an operator and an outside auditor run them: `verify trail` (both stores),
// `digest public-key` / `rotate-key`, and `verify bucket` on a copied directory with the exported key file
// and no database at all; exit codes 0 (verified), 1 (problems, each named, the summary last), 2 (usage).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { localBucketDir } from "@/lib/delivery/object-store";
import { DigestEngine } from "@/lib/integrity/digests";
import { runCli } from "../helpers/cli";
import { STORES, useFreshDatabase } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";

const BUCKET = "cli-archive";
const TRAIL = "cli-trail";
const INTERVAL = 10_000;
/** Nothing listens there: a command that touched the database would fail. */
const NO_DATABASE = "postgresql://nobody@127.0.0.1:9/none";

/** A bucket with two periods of digests, delivered and digested in-process with an explicit clock. */
async function deliverAndDigest(): Promise<void> {
  await prisma.bucket.create({ data: { name: BUCKET, kind: "local" } });
  await createLoggingTrail({ name: TRAIL, ossBucketName: BUCKET, ossKeyPrefix: "org", logStoreEnabled: true });
  let clock = Date.now();
  const now = () => new Date(clock);
  await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }]);
  await new DeliveryEngine({ now }).runUntilIdle();
  const digests = new DigestEngine({ now, intervalMs: INTERVAL });
  for (let i = 0; i < 2; i++) {
    clock = Math.floor(clock / INTERVAL) * INTERVAL + INTERVAL;
    await digests.step();
  }
}

function logFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".gz")).map((f) => path.join(dir, f));
}

describe.each(STORES)("verify trail and digest keys from the CLI on %s", (store) => {
  let url = "";
  let dataDir = "";
  beforeAll(async () => {
    url = await useFreshDatabase(store);
    dataDir = useTempDataDir();
    await deliverAndDigest();
  });
  afterAll(async () => {
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("exits 0 when the trail verifies, 1 naming each problem with the summary last, 2 for a usage error", async () => {
    const ok = await runCli(["verify", "trail", TRAIL], { databaseUrl: url });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^Trail cli-trail: 2 log files in 4 digests over 2 periods \(2 chains, through \S+\), 2 log store rows in 2 digests: no problems\.$/);

    const json = await runCli(["verify", "trail", TRAIL, "--json"], { databaseUrl: url });
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(["ok", "trail", "source", "range", "summary", "problems", "pending"]);
    expect(report).toMatchObject({ ok: true, trail: TRAIL, source: { bucket: BUCKET }, range: { start: null, end: null }, problems: [], pending: [] });
    expect(report.summary.bucket).toMatchObject({ logFiles: 2, digests: 4, periods: 2, chains: 2, pendingLogFiles: 0 });
    expect(report.summary.logStore).toMatchObject({ logStore: `actiontrail_${TRAIL}`, digests: 2, rows: 2 });

    const [file] = logFiles(localBucketDir(BUCKET));
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from("x")]));
    try {
      const bad = await runCli(["verify", "trail", TRAIL], { databaseUrl: url });
      expect(bad.code).toBe(1);
      const lines = bad.stdout.trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`modified: ${path.relative(localBucketDir(BUCKET), file)}: its SHA-256 is`);
      expect(lines[1]).toMatch(/: 1 problem found\.$/);
    } finally {
      fs.writeFileSync(file, original);
    }

    for (const args of [["verify", "trail"], ["verify", "trail", "no-such-trail"], ["verify", "trail", TRAIL, "--start", "yesterday"], ["verify", "trail", TRAIL, "--bogus"]]) {
      const r = await runCli(args, { databaseUrl: url });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^Error: /);
    }
  });

  it("prints the public key, rotates it, and still verifies", async () => {
    const before = await runCli(["digest", "public-key"], { databaseUrl: url });
    expect(before.code).toBe(0);
    const id = /^# key id (\S+)/.exec(before.stdout)![1];
    expect(before.stdout).toContain("-----BEGIN PUBLIC KEY-----");
    const rotated = await runCli(["digest", "rotate-key"], { databaseUrl: url });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`Retired signing key ${id}`);
    const after = await runCli(["digest", "public-key"], { databaseUrl: url });
    expect(after.stdout).not.toContain(id);
    const all = await runCli(["digest", "public-key", "--all"], { databaseUrl: url });
    expect(all.stdout.match(/^# key id /gm)).toHaveLength(2);
    expect(all.stdout).toContain(`# key id ${id} (created `);
    expect((await runCli(["verify", "trail", TRAIL], { databaseUrl: url })).code).toBe(0);
  });
});

describe("verify bucket: offline, from a copied directory and the exported keys", () => {
  let dataDir = "";
  let copy = "";
  let keyFile = "";
  beforeAll(async () => {
    const url = await useFreshDatabase("sqlite");
    dataDir = useTempDataDir();
    await deliverAndDigest();
    const keys = await runCli(["digest", "public-key", "--all"], { databaseUrl: url });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-auditor-"));
    keyFile = path.join(work, "trailkeeper-keys.pem");
    fs.writeFileSync(keyFile, keys.stdout);
    copy = path.join(work, "bucket-copy");
    fs.cpSync(localBucketDir(BUCKET), copy, { recursive: true, preserveTimestamps: true });
    await disconnectDb();
  });
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  });

  it("verifies with no database, names a changed file, and refuses bad arguments", async () => {
    const ok = await runCli(["verify", "bucket", "--dir", copy, "--public-key", keyFile], { databaseUrl: NO_DATABASE });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toMatch(new RegExp(`^Directory ${copy}: 2 log files in 4 digests over 2 periods \\(2 chains, through \\S+\\): no problems\\.$`));
    const trail = await runCli(["verify", "bucket", "--dir", copy, "--public-key", keyFile, "--trail", TRAIL, "--json"], { databaseUrl: NO_DATABASE });
    expect(JSON.parse(trail.stdout)).toMatchObject({ ok: true, trail: TRAIL, source: { dir: copy }, summary: { bucket: { logFiles: 2 }, logStore: null } });

    const [file] = logFiles(copy);
    fs.appendFileSync(file, "x");
    const bad = await runCli(["verify", "bucket", "--dir", copy, "--public-key", keyFile, "--json"], { databaseUrl: NO_DATABASE });
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: "modified", target: path.relative(copy, file), detail: expect.stringContaining("its SHA-256 is") }]);

    const garbage = path.join(path.dirname(keyFile), "garbage.pem");
    fs.writeFileSync(garbage, "not a key");
    for (const args of [
      ["verify", "bucket", "--public-key", keyFile],
      ["verify", "bucket", "--dir", copy],
      ["verify", "bucket", "--dir", path.join(copy, "missing"), "--public-key", keyFile],
      ["verify", "bucket", "--dir", copy, "--public-key", garbage],
      ["verify", "bucket", "--dir", copy, "--public-key", keyFile, "--start", "2026-12-02T10:00:00Z", "--end", "2026-12-01T10:00:00Z"],
    ]) {
      const r = await runCli(args, { databaseUrl: NO_DATABASE });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^Error: /);
    }
  });
});
