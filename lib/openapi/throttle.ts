// Per-AccessKey token bucket: TRAILKEEPER_API_RATE requests per second (default 20), bursts up to that.
export const DEFAULT_RATE = 20;
const MAX_BUCKETS = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}
const buckets = new Map<string, Bucket>();

export function apiRate(): number {
  const n = Number(process.env.TRAILKEEPER_API_RATE);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_RATE;
}

/** Takes one token for the key; false when the key is over its rate. */
export function takeToken(accessKeyId: string, now: number = Date.now(), rate: number = apiRate()): boolean {
  let b = buckets.get(accessKeyId);
  if (!b) {
    if (buckets.size >= MAX_BUCKETS) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    b = { tokens: rate, at: now };
    buckets.set(accessKeyId, b);
  }
  b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** For tests. */
export function clearBuckets(): void {
  buckets.clear();
}
