// Rate limits kept in the database (table rate_limit_points), so every web server process on the store
// counts the same requests: sign-in throttling and the API's limits. rate-limiter-flexible's SQL stores
// do the counting: on SQLite RateLimiterSQLite on the direct better-sqlite3 connection, on PostgreSQL
// RateLimiterPostgres on a small pg pool; each consume is one atomic INSERT … ON CONFLICT … RETURNING
// (its Prisma store took two ORM queries, the larger part of an API call's own time).
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { dialect, pgPool, sqliteDriver, whenUnlocked } from "@/lib/db";
import { db, sql } from "@/lib/db/sql";

export { RateLimiterRes };

/** The table the migrations create in the stores' layout (key, points, expire in epoch ms). */
const TABLE = "rate_limit_points";

export interface DbLimiterOptions {
  /** Separates the limiters sharing the table: "signin-pair", "api-key", … */
  keyPrefix: string;
  /** Points a key may consume per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
  /** Once the points are used up, the key is refused for this many seconds (0: until the window ends). */
  blockDuration?: number;
}

type StoreLimiter = RateLimiterSQLite | RateLimiterPostgres;

/** The operations the product uses, each on the limiter of the store open now. */
export interface DbLimiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  penalty(key: string, points?: number): Promise<RateLimiterRes>;
  reward(key: string, points?: number): Promise<RateLimiterRes>;
  block(key: string, seconds: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<boolean>;
  /** The row's key for `key` (with the prefix). */
  getKey(key: string): string;
}

/**
 * A limiter on the current store. The library's limiter holds its connection, and the store can change
 * under a process (the tests open a fresh one per file), so one is made per connection, when first used.
 */
export function dbLimiter(options: DbLimiterOptions): DbLimiter {
  const made = new WeakMap<object, StoreLimiter>();
  const settings = {
    tableName: TABLE,
    tableCreated: true,
    // Expired rows are removed by pruneRateLimits (the worker), not by a timer in every process.
    clearExpiredByTimeout: false,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.duration,
    blockDuration: options.blockDuration ?? 0,
  };
  const current = (): StoreLimiter => {
    const client: object = dialect() === "sqlite" ? sqliteDriver() : pgPool("limits");
    let limiter = made.get(client);
    if (!limiter) {
      limiter =
        dialect() === "sqlite"
          ? new RateLimiterSQLite({ ...settings, storeClient: client, storeType: "better-sqlite3" })
          : new RateLimiterPostgres({ ...settings, storeClient: client, storeType: "pool" });
      made.set(client, limiter);
    }
    return limiter;
  };
  // On SQLite the library runs each upsert synchronously on the direct connection: a lock held by another
  // connection is waited for between tries (whenUnlocked), never on the event loop. Refused upserts
  // change nothing, so a try again is the same call.
  return {
    consume: (key, points) => whenUnlocked(() => current().consume(key, points)),
    penalty: (key, points) => whenUnlocked(() => current().penalty(key, points)),
    reward: (key, points) => whenUnlocked(() => current().reward(key, points)),
    block: (key, seconds) => whenUnlocked(() => current().block(key, seconds)),
    get: (key) => whenUnlocked(() => current().get(key)),
    delete: (key) => whenUnlocked(() => current().delete(key)),
    getKey: (key) => current().getKey(key),
  };
}

/** rate-limiter-flexible rejects with a RateLimiterRes when a key is over its limit, and with an Error otherwise. */
export function isRateLimited(e: unknown): e is RateLimiterRes {
  return e instanceof RateLimiterRes;
}

/** Rows whose window ended over an hour ago are kept no longer (the worker, hourly); returns how many went. */
export async function pruneRateLimits(now: Date = new Date()): Promise<number> {
  return db.run(sql`DELETE FROM rate_limit_points WHERE expire < ${now.getTime() - 3_600_000}`);
}
