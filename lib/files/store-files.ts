// What `npm start` makes sure of in the data directory before the console runs (docs/deployment.md
// "Files and backups"): data/ 0700, the SQLite file and its -wal/-shm 0600, the server key and the
// session secret 0600 — created so, and the directory and database tightened when an older version
// made them 0755/0644. A secret file that others may read is refused instead (lib/files/private-files.ts).
import fs from "node:fs";
import { prisma } from "@/lib/db";
import { databaseUrl, dataDir, isPostgresUrl, sqliteFilePath } from "@/lib/db/database-url";
import { serverKey, serverKeyExists, serverKeyLocation, SERVER_KEY_ENV, SERVER_KEY_FILE_ENV, type ServerKeyLocation } from "@/lib/crypto/secret-box";
import { formatMode, makePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenMode, touchPrivateFile } from "./private-files";

function tightened(file: string, mode: number): string[] {
  const before = tightenMode(file, mode);
  return before === null ? [] : [`Tightened ${file} from ${formatMode(before)} to ${formatMode(mode)}`];
}

/** Before the migration: data/ exists 0700 and the SQLite file exists 0600. Returns what it tightened. */
export function prepareDataDir(): string[] {
  const dir = dataDir();
  makePrivateDir(dir);
  const notes = tightened(dir, PRIVATE_DIR_MODE);
  const url = databaseUrl();
  if (!isPostgresUrl(url)) {
    const file = sqliteFilePath(url);
    touchPrivateFile(file);
    notes.push(...tightened(file, PRIVATE_FILE_MODE));
  }
  return notes;
}

/** After the migration: the SQLite -wal and -shm files 0600 too (they exist only once SQLite made them). */
export function tightenDatabaseFiles(): string[] {
  const url = databaseUrl();
  if (isPostgresUrl(url)) return [];
  const file = sqliteFilePath(url);
  return [file, `${file}-wal`, `${file}-shm`].flatMap((f) => (fs.existsSync(f) ? tightened(f, PRIVATE_FILE_MODE) : []));
}

/** Secrets in the store sealed under the server key: S3 bucket secrets, AccessKey secrets, webhook secrets. */
export async function countSealedSecrets(): Promise<number> {
  const [buckets, accessKeys, alertRules] = await Promise.all([
    prisma.bucket.count({ where: { secretEncrypted: { not: null } } }),
    prisma.accessKey.count(),
    prisma.alertRule.count(),
  ]);
  return buckets + accessKeys + alertRules;
}

export interface ServerKeyReport {
  location: ServerKeyLocation;
  created: boolean;
}

/**
 * Loads the server key, or makes it when there is none yet — unless the store already holds secrets
 * sealed under a key that is gone (data/ restored without it, TRAILKEEPER_SECRET_KEY_FILE pointed at a
 * new place): a new key could not read them, so the start is refused with what to do.
 */
export async function ensureServerKey(): Promise<ServerKeyReport> {
  const location = serverKeyLocation();
  const created = !serverKeyExists();
  if (created && location.kind === "file") {
    const sealed = await countSealedSecrets();
    if (sealed > 0) {
      throw new Error(
        `There is no server key at ${location.file}, but the store holds ${sealed} secret(s) sealed under one ` +
          `(S3 bucket secrets, AccessKey secrets, alert webhook secrets). Put the key back from your backup ` +
          `there, or name it with ${SERVER_KEY_FILE_ENV} or ${SERVER_KEY_ENV}. If it is lost for good, see ` +
          `docs/deployment.md "Losing the server key".`,
      );
    }
  }
  serverKey();
  return { location, created };
}
