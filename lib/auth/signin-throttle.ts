// Sign-in throttling, kept in the database (lib/rate-limit/store.ts) so every server process on the store
// counts the same attempts. Two limits, each over 15 minutes:
//   - one username from one address: 5 failures, then that pair is refused;
//   - one address, any usernames: 50 failures, then the address is refused.
// A refusal lasts 1 minute the first time and doubles with each further lockout of the same key within a
// day (2, 4, 8, then 15 minutes), whatever the password: the right one included.
//
// Every attempt is counted BEFORE its password is checked, in one atomic increment, so a burst of parallel
// attempts cannot all pass the check; a successful sign-in then gives its point back (the pair's failures
// are forgotten, the address's count is reduced by one).
import { dbLimiter, isRateLimited, type DbLimiter } from "@/lib/rate-limit/store";

const WINDOW_SECONDS = 15 * 60;
export const PAIR_FAILURES = 5;
export const ADDRESS_FAILURES = 50;
const FIRST_LOCKOUT_SECONDS = 60;
const MAX_LOCKOUT_SECONDS = 15 * 60;
/** How long a key's lockouts are remembered for the doubling. */
const LOCKOUT_MEMORY_SECONDS = 24 * 3600;

interface Limit {
  attempts: DbLimiter;
  lockouts: DbLimiter;
}

let limits: { pair: Limit; address: Limit } | undefined;

function limit(name: string, points: number): Limit {
  return {
    attempts: dbLimiter({ keyPrefix: `signin-${name}`, points, duration: WINDOW_SECONDS }),
    // Counts lockouts only; its own limit is never reached.
    lockouts: dbLimiter({ keyPrefix: `signin-${name}-lockouts`, points: 1_000_000, duration: LOCKOUT_MEMORY_SECONDS }),
  };
}

function allLimits() {
  limits ??= { pair: limit("pair", PAIR_FAILURES), address: limit("address", ADDRESS_FAILURES) };
  return limits;
}

/** The length of the n-th lockout (n ≥ 1): 1, 2, 4, 8, 15, 15, … minutes. */
export function lockoutSeconds(n: number): number {
  return Math.min(MAX_LOCKOUT_SECONDS, FIRST_LOCKOUT_SECONDS * 2 ** Math.max(0, n - 1));
}

function addressKey(ip: string | null): string {
  return ip ?? "unknown";
}

function pairKey(ip: string | null, username: string): string {
  // Usernames are matched exactly at sign-in; lower-casing here only stops "Admin"/"admin" counting apart.
  return `${addressKey(ip)}|${username.toLowerCase()}`;
}

/** Counts one attempt against `l`; the milliseconds the key is refused for, or 0 when the attempt may go on. */
async function consume(l: Limit, key: string, points: number): Promise<number> {
  try {
    await l.attempts.consume(key);
    return 0;
  } catch (e) {
    if (!isRateLimited(e)) throw e;
    // The attempt that goes one past the limit starts a lockout; later ones see the lockout's end.
    if (e.consumedPoints === points + 1) {
      const n = (await l.lockouts.penalty(key)).consumedPoints;
      const seconds = lockoutSeconds(n);
      await l.attempts.block(key, seconds);
      return seconds * 1000;
    }
    return Math.max(e.msBeforeNext, 1000);
  }
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt of `username` from `ip` (null: unknown address) before its password is
 * checked. Refused when the pair or the address is locked out, with the seconds until it may try again.
 */
export async function consumeSigninAttempt(ip: string | null, username: string): Promise<ThrottleDecision> {
  const { pair, address } = allLimits();
  // Both are counted even when the first refuses: hammering a locked pair brings its address's lockout closer.
  const [pairMs, addressMs] = await Promise.all([
    consume(pair, pairKey(ip, username), PAIR_FAILURES),
    consume(address, addressKey(ip), ADDRESS_FAILURES),
  ]);
  const ms = Math.max(pairMs, addressMs);
  return ms > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(ms / 1000) } : { allowed: true };
}

/** After a successful sign-in: the pair's failures and lockouts are forgotten, the address gets its point back. */
export async function forgetSigninFailures(ip: string | null, username: string): Promise<void> {
  const { pair, address } = allLimits();
  const key = pairKey(ip, username);
  await Promise.all([pair.attempts.delete(key), pair.lockouts.delete(key), address.attempts.reward(addressKey(ip))]);
}
