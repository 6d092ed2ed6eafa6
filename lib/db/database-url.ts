import path from "node:path";

/**
 * Where the data lives. DATABASE_URL selects the store: `postgresql://…` for PostgreSQL, `file:…` for
 * SQLite; unset means the embedded SQLite file under TRAILKEEPER_DATA_DIR (default ./data).
 * Plain module (no server-only) because the start script, the CLI and prisma.config.ts use it too.
 */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TRAILKEEPER_DATA_DIR ?? path.join(process.cwd(), "data"));
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.join(dataDir(), "trailkeeper.db")}`;
}

export function isPostgresUrl(url: string = databaseUrl()): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/** The SQLite file path of a `file:` URL, resolved against the working directory. */
export function sqliteFilePath(url: string = databaseUrl()): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(/*turbopackIgnore: true*/ file);
}
