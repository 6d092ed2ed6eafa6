// Whether an SQLite store still needs `prisma migrate deploy`. Prisma's migrate opens the file with
// `PRAGMA locking_mode=EXCLUSIVE`, which waits for every other connection to close and then fails
// (SocketTimeout): a further `npm start` on a store that a running server has open (e2e/servers.ts, a
// restart next to the worker) could never start. Reading the migrations table takes no such lock.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Names of the migrations in `migrationsDir` that the store at `file` has not applied (all when it is new). */
export function pendingSqliteMigrations(file: string, migrationsDir: string): string[] {
  const all = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name);
  if (!fs.existsSync(file)) return all;
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return all;
    const applied = new Set(
      (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[]).map(
        (r) => r.migration_name,
      ),
    );
    return all.filter((name) => !applied.has(name));
  } finally {
    db.close();
  }
}
