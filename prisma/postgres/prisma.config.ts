// Prisma CLI configuration for PostgreSQL: `prisma migrate deploy --config prisma/postgres/prisma.config.ts`.
// Host, port, user and database are passed separately (a connectionString makes the shadow database hit
// the main one), and result columns of type `name` (oid 19) and `"char"` (oid 18) are read as text:
// otherwise the migration engine fails with "Column type 'name' could not be deserialized" (prisma/orm#27403).
import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Paths are resolved from this file so the config works from any working directory.
const HERE = path.join(process.cwd(), "prisma", "postgres");
const TEXT_OID = 25;
const NAME_OID = 19;
const CHAR_OID = 18;

function nameColumnsAsText(res: pg.QueryResult | undefined) {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return res;
}

// pg's query() has many overloads: pg-pool calls it with a callback, direct users get a promise.
class NameAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      args[last] = (err: Error | null, res: pg.QueryResult) => callback(err, nameColumnsAsText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    return result && typeof result.then === "function" ? result.then(nameColumnsAsText) : result;
  }
}

function poolConfig(): pg.PoolConfig {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("DATABASE_URL must be a postgresql:// URL for the PostgreSQL Prisma config");
  }
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: u.pathname.replace(/^\//, ""),
    Client: NameAsTextClient as unknown as typeof pg.Client,
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(HERE, "schema.prisma"),
  migrations: { path: path.join(HERE, "migrations") },
  adapter: async () => new PrismaPg(poolConfig()),
});
