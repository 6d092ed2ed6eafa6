const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/** Exponential back-off after the n-th consecutive failure: 1 s, 2 s, 4 s … at most 60 s. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, failures - 1));
}

/** The text recorded as a destination's latest error (bounded; no stack). */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  return text.slice(0, 1_000) || "Unknown error";
}
