// SignatureNonce replay protection: nonce → expiry, per process. Entries expire after the timestamp
// window (15 minutes), so a nonce cannot be replayed while its Timestamp is still accepted.
export const NONCE_TTL_MS = 15 * 60_000;
export const MAX_NONCES = 200_000;

const nonces = new Map<string, number>();

function purge(now: number): void {
  for (const [k, exp] of nonces) if (exp <= now) nonces.delete(k);
}

/** Records the nonce; false if it was already seen and has not expired. */
export function useNonce(accessKeyId: string, nonce: string, now: number = Date.now()): boolean {
  const key = `${accessKeyId}\n${nonce}`;
  const exp = nonces.get(key);
  if (exp !== undefined && exp > now) return false;
  if (nonces.size >= MAX_NONCES) {
    purge(now);
    // Still full: drop the oldest entries (Map keeps insertion order) to stay bounded.
    while (nonces.size >= MAX_NONCES) {
      const oldest = nonces.keys().next().value;
      if (oldest === undefined) break;
      nonces.delete(oldest);
    }
  }
  nonces.delete(key);
  nonces.set(key, now + NONCE_TTL_MS);
  return true;
}

/** For tests. */
export function clearNonces(): void {
  nonces.clear();
}
