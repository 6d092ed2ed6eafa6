import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/database-url";
import { assertPrivateSecretFile, createPrivateFileOnce } from "@/lib/files/private-files";

/** The generated secret's file: data/auth-secret (docs/deployment.md "Files and backups"). */
export function authSecretFile(): string {
  return path.join(dataDir(), "auth-secret");
}

/**
 * The secret that signs session tokens: NEXTAUTH_SECRET if set, otherwise one generated on first use
 * and kept in the data directory (0600), so sessions survive restarts without configuration. A file that
 * group or others may read is refused: anyone who read it can forge a session for any user.
 */
export function getAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = authSecretFile();
  if (!fs.existsSync(file)) createPrivateFileOnce(file, crypto.randomBytes(32).toString("base64url"));
  assertPrivateSecretFile(file, "The session secret file", "Whoever read it can sign in as any user; delete it to make a new one (every session ends).");
  const secret = fs.readFileSync(file, "utf8").trim();
  if (!secret) throw new Error(`The session secret file ${file} is empty; delete it and a new one is made at the next start (every session ends).`);
  return secret;
}
