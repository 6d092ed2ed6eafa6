// Secrets at rest (S3 secrets of buckets, AccessKey secrets, alert webhook secrets): AES-256-GCM under
// the server key. The key is TRAILKEEPER_SERVER_KEY (base64, 32 bytes) if set, else the file named by
// TRAILKEEPER_SECRET_KEY_FILE, else data/server-key; a missing file is created (0600) on first use. It is
// kept apart from the database, so that a copy of the database alone reveals none of those secrets, and
// it may live outside data/ so that a backup of data/ need not carry it (docs/deployment.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/database-url";
import { assertPrivateSecretFile, createPrivateFileOnce } from "@/lib/files/private-files";

const VERSION = "v1";
export const SERVER_KEY_ENV = "TRAILKEEPER_SERVER_KEY";
export const SERVER_KEY_FILE_ENV = "TRAILKEEPER_SECRET_KEY_FILE";
const LOST_KEY = "Whoever holds it can decrypt the S3, AccessKey and webhook secrets stored in the database.";

let cachedKey: Buffer | undefined;

export type ServerKeyLocation = { kind: "env" } | { kind: "file"; file: string; configured: boolean };

/** Where this process takes the server key from. */
export function serverKeyLocation(env: NodeJS.ProcessEnv = process.env): ServerKeyLocation {
  if (env[SERVER_KEY_ENV]) return { kind: "env" };
  const configured = env[SERVER_KEY_FILE_ENV]?.trim();
  if (configured) return { kind: "file", file: path.resolve(/*turbopackIgnore: true*/ configured), configured: true };
  return { kind: "file", file: path.join(dataDir(), "server-key"), configured: false };
}

/** False when serverKey() would have to make a new key (no variable, no file yet). */
export function serverKeyExists(): boolean {
  const where = serverKeyLocation();
  return where.kind === "env" || fs.existsSync(where.file);
}

function decodeKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new Error(`${source} must hold the server key: 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return key;
}

function readKeyFile(file: string): Buffer {
  assertPrivateSecretFile(file, "The server key file", LOST_KEY);
  return decodeKey(fs.readFileSync(file, "utf8"), `The server key file ${file}`);
}

const derived = new Map<string, { server: Buffer; key: Buffer }>();

/**
 * A key for one purpose derived from the server key (HMAC-SHA256 of the purpose under it): the row MACs
 * of the log store and the purge records of the query store each have their own, and a copy of the
 * database alone can make neither.
 */
export function derivedKey(purpose: string): Buffer {
  const server = serverKey();
  const cached = derived.get(purpose);
  if (cached?.server === server) return cached.key;
  const key = crypto.createHmac("sha256", server).update(purpose).digest();
  derived.set(purpose, { server, key });
  return key;
}

export function serverKey(): Buffer {
  if (cachedKey) return cachedKey;
  const where = serverKeyLocation();
  if (where.kind === "env") return (cachedKey = decodeKey(process.env[SERVER_KEY_ENV]!, SERVER_KEY_ENV));
  const { file } = where;
  if (fs.existsSync(file)) return (cachedKey = readKeyFile(file));
  // A key moved out of data/ but not yet in place: a new key here would make the stored secrets unreadable.
  const inDataDir = path.join(dataDir(), "server-key");
  if (where.configured && fs.existsSync(inDataDir)) {
    throw new Error(`${SERVER_KEY_FILE_ENV} names ${file}, which does not exist, but ${inDataDir} does: move that key there (mv ${inDataDir} ${file}) instead of starting with a new one that cannot read the secrets already stored`);
  }
  const key = crypto.randomBytes(32);
  // Another process may create it at the same moment: then its key is the one.
  return (cachedKey = createPrivateFileOnce(file, key.toString("base64")) ? key : readKeyFile(file));
}

/** Encrypts `plain` to "v1.<iv>.<tag>.<ciphertext>" (base64url parts). */
export function sealSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", serverKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Decrypts what sealSecret produced; throws if it was tampered with or sealed under another key. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Not a sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", serverKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** For tests: forget the cached key (a test may switch TRAILKEEPER_SERVER_KEY or the data directory). */
export function resetServerKeyCache(): void {
  cachedKey = undefined;
}
