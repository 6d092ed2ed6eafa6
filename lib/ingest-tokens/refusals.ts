// Refused ingestion calls are logged with the client's address (lib/auth/request-info.ts), so that an
// operator can find the shipper with a revoked token, or whoever is trying tokens. At most one line per
// address a minute, with the count since the last line: a flood of refusals cannot flood the log.
const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 10_000;

const seen = new Map<string, { loggedAt: number; suppressed: number }>();

/** The log line for a refusal from `ip`, or null while that address was logged less than a minute ago. */
export function refusalLogLine(ip: string | null, reason: string, now: number = Date.now()): string | null {
  const key = ip ?? "unknown";
  const last = seen.get(key);
  if (last && now - last.loggedAt < WINDOW_MS) {
    last.suppressed += 1;
    return null;
  }
  // Bounded memory: forgetting every address only costs a few extra lines.
  if (seen.size >= MAX_ADDRESSES) seen.clear();
  seen.set(key, { loggedAt: now, suppressed: 0 });
  const more = last?.suppressed ? ` (and ${last.suppressed} more since the last line)` : "";
  return `[ingest] refused a call from ${key}: ${reason}${more}`;
}

export function logIngestRefusal(ip: string | null, reason: string): void {
  const line = refusalLogLine(ip, reason);
  if (line) console.warn(line);
}
