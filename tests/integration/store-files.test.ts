// File modes of the data directory (issue 9 "Files"): what the start-up path creates is 0700/0600 whatever
// the umask, an older install is tightened, a server key or session secret open to others is refused, and
// the server key can live outside data/ (TRAILKEEPER_SECRET_KEY_FILE). Real functions on real files.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { getAuthSecret } from "@/lib/auth/secret";
import { openSecret, resetServerKeyCache, sealSecret, serverKey } from "@/lib/crypto/secret-box";
import { disconnectDb, prisma, tuneDatabase } from "@/lib/db";
import { ensureServerKey, prepareDataDir, tightenDatabaseFiles } from "@/lib/files/store-files";
import { createBucket } from "@/lib/trails/buckets";
import { createUser } from "@/lib/users/users";
import { STORES, useFreshDatabase } from "../helpers/db";

const ROOT = path.resolve(__dirname, "../..");
const ENV_KEYS = ["TRAILKEEPER_DATA_DIR", "DATABASE_URL", "TRAILKEEPER_SERVER_KEY", "TRAILKEEPER_SECRET_KEY_FILE", "NEXTAUTH_SECRET"] as const;
const ACTOR = { username: "file-modes-test", kind: "cli" as const };

const mode = (file: string) => fs.statSync(file).mode & 0o777;

let saved: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};
let umask: number;

function newDir(label: string): string {
  // A path that does not exist yet: whatever creates it decides its mode.
  return path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, `modes-${label}-`)), "data");
}

beforeEach(async () => {
  await disconnectDb();
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  // The usual umask: without explicit modes, directories would be 0755 and files 0644.
  umask = process.umask(0o022);
  resetServerKeyCache();
});
afterEach(async () => {
  await disconnectDb();
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  process.umask(umask);
  resetServerKeyCache();
});

describe("a fresh SQLite data directory", () => {
  it("is 0700 with the database, its -wal/-shm, the server key and the session secret 0600", async () => {
    const dir = newDir("fresh");
    process.env.TRAILKEEPER_DATA_DIR = dir;
    const db = path.join(dir, "trailkeeper.db");

    expect(prepareDataDir()).toEqual([]);
    expect(mode(dir)).toBe(0o700);
    expect(mode(db)).toBe(0o600);
    getAuthSecret();
    // The migration as `npm start` runs it (prisma.config.ts opens the file through the adapter).
    execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${db}` }, stdio: "pipe" });
    await tuneDatabase();
    await prisma.user.count();
    expect(tightenDatabaseFiles()).toEqual([]);
    expect(await ensureServerKey()).toEqual({ location: { kind: "file", file: path.join(dir, "server-key"), configured: false }, created: true });
    await createBucket({ name: "modes-local" }, { actor: ACTOR });

    const files = Object.fromEntries(
      ["", "trailkeeper.db", "trailkeeper.db-wal", "trailkeeper.db-shm", "server-key", "auth-secret", "buckets", "buckets/modes-local"].map((f) => [f || "data/", mode(path.join(dir, f))]),
    );
    expect(files).toEqual({
      "data/": 0o700,
      "trailkeeper.db": 0o600,
      "trailkeeper.db-wal": 0o600,
      "trailkeeper.db-shm": 0o600,
      "server-key": 0o600,
      "auth-secret": 0o600,
      buckets: 0o700,
      "buckets/modes-local": 0o700,
    });
  });

  it("is made 0700 by any process that opens the store first (CLI, worker, web server)", async () => {
    const dir = newDir("first-open");
    process.env.DATABASE_URL = `file:${path.join(dir, "trailkeeper.db")}`;
    process.env.TRAILKEEPER_DATA_DIR = dir;
    // lib/db is what each of them opens the store with.
    await prisma.$queryRawUnsafe("SELECT 1");
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, "trailkeeper.db"))).toBe(0o600);
  });

  it("of an older install (0755, database 0644) is tightened and says so", async () => {
    const dir = newDir("older");
    fs.mkdirSync(dir, { mode: 0o755 });
    const db = path.join(dir, "trailkeeper.db");
    const old = new Database(db);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE t (a)");
    // What SQLite made under umask 022 (the -wal and -shm files take the database file's mode).
    expect([mode(db), mode(`${db}-wal`), mode(`${db}-shm`)]).toEqual([0o644, 0o644, 0o644]);
    process.env.TRAILKEEPER_DATA_DIR = dir;

    expect(prepareDataDir()).toEqual([`Tightened ${dir} from 0755 to 0700`, `Tightened ${db} from 0644 to 0600`]);
    expect(tightenDatabaseFiles()).toEqual([`Tightened ${db}-wal from 0644 to 0600`, `Tightened ${db}-shm from 0644 to 0600`]);
    old.close();
    expect([mode(dir), mode(db)]).toEqual([0o700, 0o600]);
    // Already private: nothing to say.
    expect(prepareDataDir()).toEqual([]);
  });
});

describe("the server key", () => {
  it("lives in TRAILKEEPER_SECRET_KEY_FILE when set: created 0600 (its new directory 0700) and used again", () => {
    const dir = newDir("key-data");
    const keyDir = path.join(path.dirname(dir), "keys", "trailkeeper");
    const file = path.join(keyDir, "server-key");
    process.env.TRAILKEEPER_DATA_DIR = dir;
    process.env.TRAILKEEPER_SECRET_KEY_FILE = file;

    const sealed = sealSecret("s3-secret");
    expect([mode(file), mode(keyDir)]).toEqual([0o600, 0o700]);
    expect(fs.existsSync(path.join(dir, "server-key"))).toBe(false);
    expect(Buffer.from(fs.readFileSync(file, "utf8"), "base64")).toHaveLength(32);
    resetServerKeyCache();
    expect(openSecret(sealed)).toBe("s3-secret");
  });

  it("is refused when group or others may read it, and when it is not a key", () => {
    const file = path.join(path.dirname(newDir("loose")), "server-key");
    process.env.TRAILKEEPER_SECRET_KEY_FILE = file;
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => serverKey()).toThrow(`The server key file ${file} is open to group or others (mode 0644)`);
    expect(() => serverKey()).toThrow(`chmod 600 ${file}`);
    fs.chmodSync(file, 0o600);
    expect(serverKey()).toHaveLength(32);

    resetServerKeyCache();
    fs.writeFileSync(file, "too-short");
    expect(() => serverKey()).toThrow(`The server key file ${file} must hold the server key: 32 bytes, base64-encoded`);
  });

  it("from TRAILKEEPER_SERVER_KEY wins over the file", () => {
    const file = path.join(path.dirname(newDir("env")), "server-key");
    const key = crypto.randomBytes(32);
    process.env.TRAILKEEPER_SERVER_KEY = key.toString("base64");
    process.env.TRAILKEEPER_SECRET_KEY_FILE = file;
    expect(serverKey().equals(key)).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("is not made anew when TRAILKEEPER_SECRET_KEY_FILE points where the key has not been moved yet", () => {
    const dir = newDir("moved");
    process.env.TRAILKEEPER_DATA_DIR = dir;
    serverKey();
    resetServerKeyCache();
    const file = path.join(path.dirname(dir), "elsewhere", "server-key");
    process.env.TRAILKEEPER_SECRET_KEY_FILE = file;
    expect(() => serverKey()).toThrow(`move that key there (mv ${path.join(dir, "server-key")} ${file})`);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("the session secret", () => {
  it("is refused when group or others may read it", () => {
    const dir = newDir("auth");
    process.env.TRAILKEEPER_DATA_DIR = dir;
    const secret = getAuthSecret();
    expect(getAuthSecret()).toBe(secret);
    fs.chmodSync(path.join(dir, "auth-secret"), 0o640);
    expect(() => getAuthSecret()).toThrow(/auth-secret is open to group or others \(mode 0640\)\. Whoever read it can sign in as any user/);
  });
});

describe.each(STORES)("a lost server key on %s", (store) => {
  afterAll(async () => {
    await disconnectDb();
  });

  it("refuses the start while the store holds secrets sealed under it", async () => {
    await useFreshDatabase(store);
    const dir = newDir(`lost-${store}`);
    process.env.TRAILKEEPER_DATA_DIR = dir;
    expect((await ensureServerKey()).created).toBe(true);
    await createUser({ username: "key-owner", password: "long-enough-pw", role: "admin" });
    await createAccessKey({ username: "key-owner" });

    fs.rmSync(path.join(dir, "server-key"));
    resetServerKeyCache();
    await expect(ensureServerKey()).rejects.toThrow(`There is no server key at ${path.join(dir, "server-key")}, but the store holds 1 secret(s) sealed under one`);
    expect(fs.existsSync(path.join(dir, "server-key"))).toBe(false);

    // With the key given back (here through the variable), the start goes on.
    process.env.TRAILKEEPER_SERVER_KEY = crypto.randomBytes(32).toString("base64");
    expect(await ensureServerKey()).toEqual({ location: { kind: "env" }, created: false });
  });
});
