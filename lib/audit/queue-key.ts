// Where this process's API audit queue (lib/audit/queue.ts) lives, without importing the queue itself:
// scripts/web-server.ts flushes it before exiting and must not load the store code to do so.

export const AUDIT_QUEUE_KEY = Symbol.for("trailkeeper.auditQueue");

/** Writes what the process's audit queue holds, if it has one; never throws. */
export async function flushProcessAuditQueue(): Promise<void> {
  const q = (globalThis as { [AUDIT_QUEUE_KEY]?: { flush(): Promise<void> } })[AUDIT_QUEUE_KEY];
  try {
    await q?.flush();
  } catch (e) {
    console.error(`[audit] could not write the queued API audit events: ${(e as Error).message}`);
  }
}
