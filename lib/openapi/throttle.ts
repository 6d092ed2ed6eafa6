// The compatible API's two limits, kept in the database (rate-limiter-flexible on table rate_limit_points) so
// that every server process on the store counts the same calls:
// - per AccessKey: TRAILKEEPER_API_RATE correctly signed calls a second (default 20);
// - per source address: calls that fail authentication. After more than AUTH_FAILURES_ALLOWED of them in
//   AUTH_FAILURE_WINDOW_SECONDS, the address is refused everything for AUTH_FAILURE_BLOCK_SECONDS.
//   That stops a scanner trying keys or flooding us with bad signatures (each costs a key lookup and an
//   HMAC), while a client with a wrong clock or secret sees its real error a hundred times first; the
//   e2e suite's few dozen deliberate failures from 127.0.0.1 stay well under it.
import { db, num, sql } from "@/lib/db/sql";
import { dbLimiter, isRateLimited, type RateLimiterRes } from "@/lib/rate-limit/store";

export const DEFAULT_RATE = 20;
export const AUTH_FAILURES_ALLOWED = 100;
export const AUTH_FAILURE_WINDOW_SECONDS = 600;
export const AUTH_FAILURE_BLOCK_SECONDS = 900;

/** TRAILKEEPER_API_RATE: a whole number of calls per second and key; anything else means the default. */
export function apiRate(): number {
  const n = Number(process.env.TRAILKEEPER_API_RATE);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_RATE;
}

let keyLimiter: { rate: number; limiter: ReturnType<typeof dbLimiter> } | undefined;
let failureLimiter: ReturnType<typeof dbLimiter> | undefined;

function limiterForKeys(): ReturnType<typeof dbLimiter> {
  const rate = apiRate();
  if (keyLimiter?.rate !== rate) keyLimiter = { rate, limiter: dbLimiter({ keyPrefix: "api-key", points: rate, duration: 1 }) };
  return keyLimiter.limiter;
}

function limiterForFailures(): ReturnType<typeof dbLimiter> {
  failureLimiter ??= dbLimiter({
    keyPrefix: "api-auth-failure",
    points: AUTH_FAILURES_ALLOWED,
    duration: AUTH_FAILURE_WINDOW_SECONDS,
    blockDuration: AUTH_FAILURE_BLOCK_SECONDS,
  });
  return failureLimiter;
}

/** Whole seconds until a limited key may try again (at least 1). */
function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Counts one correctly signed call of the key; the seconds to wait when it is over its rate, else null. */
export async function takeKeyCall(accessKeyId: string): Promise<number | null> {
  try {
    await limiterForKeys().consume(accessKeyId);
    return null;
  } catch (e) {
    if (isRateLimited(e)) return retryAfter(e);
    throw e;
  }
}

function addressKey(ip: string | null): string {
  return ip ?? "unknown";
}

/**
 * The seconds an address must still wait after too many failed authentications, or null. Asked on
 * every call, so it reads the limiter's row by its primary key (a third of the time of the library's
 * get(), which filters on the expiry too); the row means what rate-limiter-flexible wrote into it.
 */
export async function addressBlockedFor(ip: string | null, now: Date = new Date()): Promise<number | null> {
  const row = await db.one<{ points: unknown; expire: unknown }>(sql`SELECT points, expire FROM rate_limit_points WHERE key = ${limiterForFailures().getKey(addressKey(ip))}`);
  // expire: epoch milliseconds, as the library writes it.
  const expire = row?.expire === null || row?.expire === undefined ? 0 : num(row.expire);
  if (!row || expire <= now.getTime() || num(row.points) <= AUTH_FAILURES_ALLOWED) return null;
  return Math.max(1, Math.ceil((expire - now.getTime()) / 1000));
}

/** Counts a call from the address that failed authentication. */
export async function recordAuthFailure(ip: string | null): Promise<void> {
  try {
    await limiterForFailures().consume(addressKey(ip));
  } catch (e) {
    // Over the limit: the limiter has just blocked the address, which is what we want.
    if (!isRateLimited(e)) throw e;
  }
}
