// Secrets at rest (S3 secrets of buckets, later AccessKey secrets): AES-256-GCM under the server key.
// The key is TRAILKEEPER_SERVER_KEY (base64, 32 bytes) or one generated on first use in the data
// directory (mode 600), kept apart from the database so a copy of the database alone reveals nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/database-url";

const VERSION = "v1";
let cachedKey: Buffer | undefined;

export function serverKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.TRAILKEEPER_SERVER_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("TRAILKEEPER_SERVER_KEY must be 32 bytes, base64-encoded");
    return (cachedKey = key);
  }
  const file = path.join(dataDir(), "server-key");
  try {
    cachedKey = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = crypto.randomBytes(32);
    try {
      fs.writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
      cachedKey = key;
    } catch {
      // Another process wrote it first: use theirs.
      cachedKey = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    }
  }
  return cachedKey;
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
