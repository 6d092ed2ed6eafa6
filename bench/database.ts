// The benchmark's SQLite files (bench/store.ts makes them: one migrated template, copied for the product
// database and for the raw-insert floor, so both start from the same schema and indexes).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const ROOT = path.resolve(__dirname, "..");

/** Creates the SQLite file and applies every migration to it, as `npm start` does. */
export function migrateSqliteFile(file: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
}

/**
 * A writable connection with the product connection's settings (lib/db sqliteDriver: WAL,
 * synchronous=NORMAL, and its page cache size when given), so a floor differs only in the code path.
 */
export function openWritable(file: string, cacheSize?: number): Database.Database {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  if (cacheSize !== undefined) db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  return db;
}

export function openReadOnly(file: string, cacheSize?: number): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  if (cacheSize !== undefined) db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  return db;
}

export function fileSizeMiB(file: string): number {
  let bytes = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) bytes += fs.statSync(f).size;
  return Math.round(bytes / 2 ** 20);
}
