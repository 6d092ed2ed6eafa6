// Which of the repository's migrations a store still lacks, read from Prisma's own _prisma_migrations
// table. `npm start` runs `prisma migrate deploy` only when there are some: on SQLite the migration
// engine takes the file for itself (PRAGMA locking_mode=EXCLUSIVE), which fails with SQLITE_BUSY while
// another process (a running server's worker, a further server on the same store) has it open.
import fs from "node:fs";
import path from "node:path";
import { prisma } from "./index";
import { isPostgresUrl } from "./database-url";

/** The migrations folder of the store's provider. */
export function migrationsDir(root: string, url: string): string {
  return isPostgresUrl(url) ? path.join(root, "prisma", "postgres", "migrations") : path.join(root, "prisma", "migrations");
}

/** Migration names in `dir` not applied to the store: all of them on a new store, or when in doubt. */
export async function pendingMigrations(dir: string): Promise<string[]> {
  const all = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return all.filter((m) => !applied.has(m));
  } catch {
    // No table yet (a new store) or unreadable: let migrate deploy decide and explain.
    return all;
  }
}
