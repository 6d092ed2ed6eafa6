// The API's own audit records, off the request path (docs/api-audit-queue.md): a call's ApiCall event is
// queued and written with the others of the same moment in one ingestion batch, at most flushMs() later.
// The web server flushes the queue before it exits on SIGTERM or SIGINT, so a clean stop loses nothing;
// a kill -9 loses at most the events of the last flushMs(). Changes (Write actions) record their own
// events synchronously inside their services and do not come through here.
//
// One queue per process, kept on globalThis: Next bundles lib/ into its server chunks, so the route's copy
// of this module is not the one scripts/web-server.ts imports, and both must see the same queue.
import { ingestEvents } from "@/lib/events/ingest";
import { AUDIT_QUEUE_KEY } from "./queue-key";
import { buildAuditEvent, selfOrigin, type AuditEventInput } from "./record";

/**
 * How long an event waits at most before it is written (sooner when BATCH are queued):
 * TRAILKEEPER_AUDIT_FLUSH_MS, 200 ms by default: what a kill -9 may lose.
 */
export function flushMs(): number {
  const v = Number(process.env.TRAILKEEPER_AUDIT_FLUSH_MS ?? 200);
  return Number.isFinite(v) && v >= 0 ? v : 200;
}
/** A batch this large is written at once rather than after flushMs(). */
const BATCH = 500;
/**
 * While the store refuses writes the queue keeps at most this many events (about 10 MB of the API's
 * bounded audit events) and counts, then logs, what it had to drop beyond them.
 */
const MAX_QUEUED = 20_000;

interface Queued {
  value: Record<string, unknown>;
  raw: string;
  channel: ReturnType<typeof selfOrigin>;
}

class AuditQueue {
  private queued: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dropped = 0;

  /** Queues the event; returns its eventId. Never throws. */
  add(input: AuditEventInput): string {
    const value = buildAuditEvent(input);
    if (this.queued.length >= MAX_QUEUED) {
      this.queued.shift();
      this.dropped++;
    }
    this.queued.push({ value, raw: JSON.stringify(value), channel: selfOrigin(input.actor) });
    if (this.queued.length >= BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), flushMs());
      // A queued event alone does not keep a process alive: web-server.ts flushes before it exits.
      this.timer.unref();
    }
    return value.eventId as string;
  }

  get size(): number {
    return this.queued.length;
  }

  /** Writes everything queued so far (and waits for a write already under way). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (!this.queued.length) return;
    const batch = this.queued.splice(0, this.queued.length);
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  private async write(batch: Queued[]): Promise<void> {
    if (this.dropped) {
      console.error(`[audit] the store refused writes for too long: ${this.dropped} API audit events were dropped`);
      this.dropped = 0;
    }
    // One ingestion call per origin channel (all "api" today), in the order they were queued.
    const byChannel = new Map<string, Queued[]>();
    for (const q of batch) {
      const key = JSON.stringify(q.channel);
      const list = byChannel.get(key);
      if (list) list.push(q);
      else byChannel.set(key, [q]);
    }
    for (const list of byChannel.values()) {
      try {
        const result = await ingestEvents(
          list.map((q) => ({ value: q.value, raw: q.raw })),
          { origin: list[0].channel },
        );
        for (const f of result.failed) console.error(`[audit] could not record an API call: ${f.errors.join("; ")}`);
      } catch (e) {
        // The store is down: keep the events for the next flush (ingestion skips eventIds already stored).
        console.error(`[audit] could not record ${list.length} API calls yet: ${(e as Error).message}`);
        this.queued.unshift(...list);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), 1_000);
          this.timer.unref();
        }
      }
    }
  }
}

function queue(): AuditQueue {
  const g = globalThis as { [AUDIT_QUEUE_KEY]?: AuditQueue };
  return (g[AUDIT_QUEUE_KEY] ??= new AuditQueue());
}

/** Queues one self-audit event of an API call; it is written within flushMs(). Returns its eventId. */
export function queueAuditEvent(input: AuditEventInput): string {
  return queue().add(input);
}

/** Writes every queued audit event now: before a process exits, and where a caller must read them back. */
export function flushAuditQueue(): Promise<void> {
  return queue().flush();
}

/** Events queued and not yet written. */
export function queuedAuditEvents(): number {
  return queue().size;
}
