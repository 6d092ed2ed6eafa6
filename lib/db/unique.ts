// Unique keys: the one place that knows how a store reports a duplicate (Prisma's P2002, on both
// SQLite and PostgreSQL). Services check for a duplicate first, for a clear message without a failed
// write; this catches the writer that took the same key between that check and the insert.
import type { Conflict } from "@/lib/errors";

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/** Runs `write`; a unique violation becomes `conflict`, the caller's message for the key it took. */
export async function unlessTaken<T>(write: PromiseLike<T>, conflict: Conflict): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict;
    throw e;
  }
}
