// Gives a test file its own empty, migrated database on a real store, and points lib/db at it.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { flushAuditQueue } from "@/lib/audit/queue";
import { disconnectDb } from "@/lib/db";
import { invalidateSensitiveCatalog } from "@/lib/events/sensitive-catalog";

export type Store = "sqlite" | "postgres";

/** The stores the integration tests run on: both, unless TEST_PG=0 leaves PostgreSQL out. */
export const STORES: Store[] = process.env.TEST_PG_TEMPLATE ? ["sqlite", "postgres"] : ["sqlite"];

let counter = 0;

export async function useFreshDatabase(store: Store): Promise<string> {
  await disconnectDb();
  invalidateSensitiveCatalog();
  counter += 1;
  let url: string;
  if (store === "sqlite") {
    const file = path.join(process.env.TEST_TMP_DIR!, `db-${process.pid}-${counter}-${Date.now()}.db`);
    fs.copyFileSync(process.env.TEST_SQLITE_TEMPLATE!, file);
    url = `file:${file}`;
  } else {
    const name = `tk_test_${process.ppid}_${process.pid}_${counter}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(process.env.TEST_PG_ADMIN_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  process.env.DATABASE_URL = url;
  return url;
}

/**
 * The hooks of a describe block bound to one store: a fresh database before its tests, the connection
 * closed after them. Call it first in the block: vitest runs beforeAll hooks in the order they were
 * registered and afterAll hooks in reverse (sequence.hooks "stack"), so the block's own set-up runs on the
 * new database and its clean-up before the connection closes. Returns the database URL once set.
 */
export function onFreshStore(store: Store): () => string {
  let url = "";
  beforeAll(async () => {
    url = await useFreshDatabase(store);
  });
  afterAll(async () => {
    // What the API queued for this store's audit is written to it, not to the next test's store.
    await flushAuditQueue();
    await disconnectDb();
  });
  return () => url;
}
