// The one PrismaClient of the process, its driver adapter chosen from DATABASE_URL.
// server-only: a client component that reaches the store fails the build. The Node entries (npm start,
// the worker, the CLI, the benchmark) import scripts/node-entry.ts first, which makes the marker inert.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as SqlitePrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma-pg/client";
import { touchPrivateFile } from "@/lib/files/private-files";
import { databaseUrl, isPostgresUrl, sqliteFilePath } from "./database-url";

export type Db = InstanceType<typeof SqlitePrismaClient>;
export type Dialect = "sqlite" | "postgres";

interface DbHandle {
  prisma: Db;
  dialect: Dialect;
  url: string;
  /** SQLite only: a direct connection for the event hot paths (see sqliteDriver). */
  driver?: Database.Database;
  statements?: Map<string, Database.Statement>;
  /** PostgreSQL only: plain `pg` pools beside Prisma's, one per purpose (see pgPool). */
  pools?: Partial<Record<PgPoolPurpose, pg.Pool>>;
}

const globalForDb = globalThis as unknown as { trailkeeperDb?: DbHandle };

export function createDb(url: string = databaseUrl()): DbHandle {
  if (isPostgresUrl(url)) {
    const prisma = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
    return { prisma: prisma as unknown as Db, dialect: "postgres", url };
  }
  const file = sqliteFilePath(url);
  // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the same mode.
  touchPrivateFile(file);
  // timeout = busy_timeout: the web server, the CLI and the worker may write at the same moment.
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 10_000 });
  return { prisma: new SqlitePrismaClient({ adapter }), dialect: "sqlite", url };
}

function handle(): DbHandle {
  if (!globalForDb.trailkeeperDb) globalForDb.trailkeeperDb = createDb();
  return globalForDb.trailkeeperDb;
}

/** The shared client. Lazily created so that importing this module never opens a database. */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = handle().prisma as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export function dialect(): Dialect {
  return handle().dialect;
}

let tuned: Promise<void> | undefined;

/**
 * SQLite settings that belong to the connection: WAL so readers never wait for the ingesting writer,
 * synchronous=NORMAL (durable at checkpoints; safe with WAL). Called once before the first query.
 */
export function tuneDatabase(): Promise<void> {
  if (dialect() !== "sqlite") return Promise.resolve();
  tuned ??= (async () => {
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return tuned;
}

/** How long a statement on the direct connection waits for another writer's lock, as Prisma's does. */
export const SQLITE_LOCK_WAIT_MS = 10_000;
// SQLite's own busy handler sleeps in these steps (ms); whenUnlocked sleeps the same, asynchronously.
const LOCK_WAIT_STEPS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** SQLITE_BUSY and its extended codes: another connection holds the lock this statement needs. */
export function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Runs `work` on the direct connection, and while another connection holds the lock it needs, runs it
 * again after a pause, up to SQLITE_LOCK_WAIT_MS. better-sqlite3 waits for a lock synchronously: with a
 * busy timeout, a write here while a Prisma interactive transaction of this same process held the lock
 * blocked the thread that transaction needed to finish, for the whole timeout, and then failed (and any
 * wait for another process's writer stopped every request of this one). So the connection's busy timeout
 * is 0 and the wait is here, between tries, with the event loop free. `work` must be safe to run again
 * after SQLITE_BUSY: a single statement, or a whole transaction (rolled back when it fails).
 */
export async function whenUnlocked<T>(work: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isSqliteBusy(e) || Date.now() >= deadline) throw e;
      const pause = Math.min(LOCK_WAIT_STEPS[Math.min(attempt, LOCK_WAIT_STEPS.length - 1)], Math.max(1, deadline - Date.now()));
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/**
 * SQLite only: a direct better-sqlite3 connection to the same file for the event store's hot paths
 * (ingestion and the event query builder). The Prisma adapter prepares every statement anew and adds
 * about 0.2 ms a query; cached prepared statements run the same SQL at the driver's own speed.
 * Writers from both connections serialise on SQLite's lock (waited for by whenUnlocked on this one, by
 * busy_timeout on Prisma's); readers never wait (WAL).
 */
export function sqliteDriver(): Database.Database {
  const h = handle();
  if (h.dialect !== "sqlite") throw new Error("sqliteDriver() is for the SQLite store only");
  if (!h.driver) {
    const db = new Database(sqliteFilePath(h.url), { timeout: 10_000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // 64 MB of page cache: index pages of recent events stay in memory between batches.
    db.pragma("cache_size = -65536");
    // Checkpoint every ~200 MB of WAL instead of 4 MB: index pages touched by many batches are copied
    // into the database once, not once per batch (measured: 1.3-1.8x the ingest rate at 1M events).
    db.pragma("wal_autocheckpoint = 50000");
    // Refresh planner statistics if they are missing or stale (cheap: analysis_limit samples).
    db.pragma("analysis_limit = 1000");
    db.pragma("optimize = 0x10002");
    // From here on a lock held elsewhere is reported at once (SQLITE_BUSY) and waited for by
    // whenUnlocked, off the event loop; see there.
    db.pragma("busy_timeout = 0");
    h.driver = db;
    h.statements = new Map();
  }
  return h.driver;
}

/** A prepared statement for `sql` on the SQLite driver, prepared once per connection. */
export function sqliteStatement(sql: string): Database.Statement {
  const db = sqliteDriver();
  const cache = handle().statements!;
  let st = cache.get(sql);
  if (!st) {
    // Filters combine into a bounded number of shapes; the cap only guards against surprises.
    if (cache.size >= 1_000) cache.clear();
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}

/**
 * What a plain `pg` pool is for, and its size. "bulk": ingestion's transactions (lib/db/pg-bulk.ts):
 * through Prisma's adapter a 1,000-event batch took ~12 statements of 27,000 bound values each way; here
 * each table is one statement of one array per column. "limits": rate-limiter-flexible's SQL store
 * (lib/rate-limit/store.ts), one short upsert per API call, kept apart so that it never waits behind an
 * ingestion transaction for a connection.
 */
const PG_POOL_SIZES = { bulk: 4, limits: 2 } as const;
export type PgPoolPurpose = keyof typeof PG_POOL_SIZES;

/** PostgreSQL only: the plain `pg` pool of a purpose on the same database, closed with the store. */
export function pgPool(purpose: PgPoolPurpose): pg.Pool {
  const h = handle();
  if (h.dialect !== "postgres") throw new Error("pgPool() is for the PostgreSQL store only");
  h.pools ??= {};
  // allowExitOnIdle: a CLI run that ends without disconnectDb() is not held open by idle connections.
  // A caller waits for a free connection at most 30 s, as for Prisma's transactions (maxWait).
  h.pools[purpose] ??= new pg.Pool({ connectionString: h.url, max: PG_POOL_SIZES[purpose], allowExitOnIdle: true, connectionTimeoutMillis: 30_000 });
  return h.pools[purpose];
}

/** SQLite's planner statistics are refreshed (PRAGMA optimize) after this many new events. */
const OPTIMIZE_EVERY = 50_000;
let insertedSinceOptimize = 0;

/**
 * Keeps SQLite's planner statistics fresh as events arrive: without them it may walk the time index for
 * a rare user instead of the user index (a 90-day query took 1.4 s). PostgreSQL's autovacuum does this.
 */
export function refreshPlannerStatisticsAfter(inserted: number): void {
  if (handle().dialect !== "sqlite") return;
  insertedSinceOptimize += inserted;
  if (insertedSinceOptimize < OPTIMIZE_EVERY) return;
  try {
    sqliteDriver().pragma("optimize");
    insertedSinceOptimize = 0;
  } catch (e) {
    // Another writer holds the lock: the statistics are refreshed after the next batch instead.
    if (!isSqliteBusy(e)) throw e;
  }
}

/** Recomputes the planner's statistics (after a bulk load: the seed, an import, the benchmark). */
export async function analyzeDatabase(): Promise<void> {
  if (dialect() === "sqlite") {
    sqliteDriver().pragma("analysis_limit = 1000");
    await whenUnlocked(() => sqliteDriver().exec("ANALYZE"));
  } else {
    await prisma.$executeRawUnsafe("ANALYZE");
  }
}

export async function disconnectDb(): Promise<void> {
  const current = globalForDb.trailkeeperDb;
  globalForDb.trailkeeperDb = undefined;
  tuned = undefined;
  current?.driver?.close();
  await Promise.all(Object.values(current?.pools ?? {}).map((p) => p.end()));
  if (current) await current.prisma.$disconnect();
}
