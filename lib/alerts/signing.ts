// Webhook signatures: HMAC-SHA256 with the rule's secret over "<timestamp>.<raw body>", sent as
//   X-Trailkeeper-Timestamp: <unix seconds>
//   X-Trailkeeper-Signature: sha256=<lower-case hex>
// The timestamp is inside the signed text so a captured request cannot be replayed later with a
// fresh timestamp; receivers should refuse timestamps more than 5 minutes away from their clock.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "X-Trailkeeper-Signature";
export const TIMESTAMP_HEADER = "X-Trailkeeper-Timestamp";
export const DELIVERY_HEADER = "X-Trailkeeper-Delivery";
export const MAX_SIGNATURE_AGE_S = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** Receiver side (tests, README): the signature matches and the timestamp is recent. */
export function verifyWebhook(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowS = Math.floor(Date.now() / 1000)): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > MAX_SIGNATURE_AGE_S || !headers.signature) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** A new rule secret: 32 random bytes, shown once. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}
