// What protects the log store's rows (docs/integrity.md "The log store"): each row carries an HMAC made
// by the delivery engine, and each period's digest signs a SHA-256 over the period's rows in id order.
// The MAC names the row that was changed or inserted; the digest finds a deleted one. Pure: the caller
// gives the MAC key (macKey() derives it from the server key).
import crypto from "node:crypto";
import { derivedKey } from "@/lib/crypto/secret-box";

export interface LogStoreRow {
  id: number;
  eventId: string;
  eventTime: string;
  queryRegion: string;
  raw: string;
  /** The provenance (docs/provenance.md): the MAC covers it, so an origin cannot be rewritten. */
  origin: string;
  originChannel: string | null;
  ingestTokenId: string | null;
  ingestTokenLabel: string | null;
  mac: string | null;
}

type MacFields = Omit<LogStoreRow, "id" | "mac">;

/** The row MAC key: derived from the server key, so a database copy alone cannot forge a row. */
export function macKey(): Buffer {
  return derivedKey("trailkeeper log store row mac v1");
}

/** The MAC of a row's content (its id is not known when it is written, and the digest covers the order). */
export function rowMac(key: Buffer, logStore: string, r: MacFields): string {
  return crypto.createHmac("sha256", key).update(JSON.stringify([logStore, ...macFields(r)])).digest("hex");
}

function macFields(r: MacFields): (string | null)[] {
  return [r.eventId, r.eventTime, r.queryRegion, r.raw, r.origin, r.originChannel, r.ingestTokenId, r.ingestTokenLabel];
}

export function macMatches(key: Buffer, logStore: string, r: LogStoreRow): boolean {
  if (!r.mac || !/^[0-9a-f]{64}$/.test(r.mac)) return false;
  return crypto.timingSafeEqual(Buffer.from(rowMac(key, logStore, r), "hex"), Buffer.from(r.mac, "hex"));
}

/**
 * The digest's view of a period's rows: SHA-256 over one JSON line per row with a valid MAC,
 * `[id,eventId,eventTime,queryRegion,raw,origin,originChannel,ingestTokenId,ingestTokenLabel]\n`, in id order; their count and event time span. The event
 * time and region are covered too: the log store is queried by them, and a changed time would hide a row.
 */
export class RowsHasher {
  private hash = crypto.createHash("sha256");
  count = 0;
  firstEventTime: string | null = null;
  lastEventTime: string | null = null;

  add(r: LogStoreRow): void {
    this.hash.update(`${JSON.stringify([r.id, ...macFields(r)])}\n`);
    this.count++;
    if (this.firstEventTime === null || r.eventTime < this.firstEventTime) this.firstEventTime = r.eventTime;
    if (this.lastEventTime === null || r.eventTime > this.lastEventTime) this.lastEventTime = r.eventTime;
  }

  sha256(): string {
    return this.hash.digest("hex");
  }
}
