// Rate limits kept in the database (rate-limiter-flexible's Prisma store, table rate_limits), so every
// web server process on the store counts the same requests: sign-in throttling and the API's limits.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db";

export { RateLimiterRes };

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

export function dbLimiter(options: DbLimiterOptions): RateLimiterPrisma {
  return new RateLimiterPrisma({
    storeClient: prisma,
    // The Prisma client's accessor of model RateLimit.
    tableName: "rateLimit",
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.duration,
    blockDuration: options.blockDuration ?? 0,
  });
}

/** rate-limiter-flexible rejects with a RateLimiterRes when a key is over its limit, and with an Error otherwise. */
export function isRateLimited(e: unknown): e is RateLimiterRes {
  return e instanceof RateLimiterRes;
}
