// Prisma CLI configuration for the embedded SQLite store. The WASM schema engine and a driver adapter
// mean nothing is downloaded (docs/architecture.md "The store's tooling"); the PostgreSQL twin is
// prisma/postgres/prisma.config.ts.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl, sqliteFilePath } from "./lib/db/database-url";
import { touchPrivateFile } from "./lib/files/private-files";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const file = sqliteFilePath(databaseUrl());
    // 0600 in a 0700 directory, like every process that opens the store (lib/db/index.ts).
    touchPrivateFile(file);
    return new PrismaBetterSQLite3({ url: `file:${file}` });
  },
});
