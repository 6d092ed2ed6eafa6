// The benchmark's throwaway SQLite files: one migrated template, copied for the product database and
// for the raw-insert floor, so both start from the same schema and indexes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const ROOT = path.resolve(__dirname, "..");

export interface BenchFiles {
  dir: string;
  /** Filled through the real ingestion code and queried by the real query code. */
  product: string;
  /** Filled by plain prepared INSERTs: the ingestion floor. */
  floor: string;
  /** Empty: the same rows appended to tables without indexes (the physical floor). */
  append: string;
}

/** Creates the SQLite file and applies every migration to it, as `npm start` does. */
export function migrateSqliteFile(file: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
}

export function createBenchFiles(): BenchFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-bench-"));
  const template = path.join(dir, "template.db");
  migrateSqliteFile(template);
  const files = { dir, product: path.join(dir, "bench.db"), floor: path.join(dir, "floor.db"), append: path.join(dir, "append.db") };
  fs.copyFileSync(template, files.product);
  fs.copyFileSync(template, files.floor);
  fs.rmSync(template, { force: true });
  return files;
}

export function removeBenchFiles(files: BenchFiles): void {
  fs.rmSync(files.dir, { recursive: true, force: true });
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
