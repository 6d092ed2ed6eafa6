// Alibaba Cloud RPC signature, version 1.0 (the scheme ActionTrail's OpenAPI and the official SDKs use).
// Pure: no I/O, no clock reads (the caller passes `now`).
//
//   canonical query = sorted (by percent-encoded name) `enc(key)=enc(value)` pairs joined by `&`,
//                     every parameter except `Signature`
//   string to sign  = METHOD + "&" + enc("/") + "&" + enc(canonical query)
//   signature       = base64(HMAC-SHA1(key = AccessKeySecret + "&", string to sign))
import { createHmac, timingSafeEqual } from "node:crypto";

export type TSignatureMethod = "GET" | "POST";
export type TSignatureParams = Record<string, string>;

/**
 * Alibaba's canonical percent-encoding (RFC 3986): only A–Z a–z 0–9 - _ . ~ are left as they are; everything
 * else is the UTF-8 bytes as upper-case %XX. Space is %20 (never +), `*` is %2A, `~` stays.
 * Throws URIError for a string holding a lone UTF-16 surrogate (it has no UTF-8 form).
 */
export function percentEncode(s: string): string {
  // encodeURIComponent already leaves exactly the unreserved set plus !'()* unencoded, writes space as %20
  // and `+` as %2B; the replacements below finish the job (and are the documented Java-style fix-ups).
  return encodeURIComponent(s)
    .replace(/\+/g, "%20")
    .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%7E/g, "~");
}

/** Byte-order comparison of two ASCII strings (percent-encoded strings are pure ASCII). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every parameter but `Signature`, sorted by percent-encoded name, as `enc(key)=enc(value)` joined by `&`. */
export function canonicalQuery(params: TSignatureParams): string {
  return Object.entries(params)
    .filter(([k]) => k !== "Signature")
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => byteOrder(a[0], b[0]))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

/** `METHOD&%2F&percentEncode(canonicalQuery(params))`. */
export function stringToSign(method: TSignatureMethod, params: TSignatureParams): string {
  return `${method}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

/** base64(HMAC-SHA1(secret + "&", stringToSign(method, params))). Any `Signature` in params is ignored. */
export function sign(method: TSignatureMethod, params: TSignatureParams, accessKeySecret: string): string {
  return createHmac("sha1", accessKeySecret + "&").update(stringToSign(method, params), "utf8").digest("base64");
}

/**
 * True when params.Signature is the signature of the other params under this secret. Constant-time compare;
 * false (never a throw) for a missing Signature, a different length or a parameter that cannot be encoded.
 */
export function verifySignature(method: TSignatureMethod, params: TSignatureParams, accessKeySecret: string): boolean {
  const given = params.Signature;
  if (typeof given !== "string" || given === "") return false;
  let expected: string;
  try {
    expected = sign(method, params, accessKeySecret);
  } catch {
    return false;
  }
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) {
    timingSafeEqual(b, b); // keep the work roughly the same on the mismatched-length path
    return false;
  }
  return timingSafeEqual(a, b);
}

/** How far a request's Timestamp may be from the server's clock, either side. */
export const TIMESTAMP_WINDOW_MINUTES = 15;

export type TTimestampCheck =
  | { ok: true; at: Date }
  | { ok: false; code: "InvalidTimeStamp.Format" | "InvalidTimeStamp.Expired"; message: string };

// yyyy-MM-ddTHH:mm:ssZ as Alibaba documents it; fractional seconds tolerated (some clients send them).
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Parses an ISO 8601 UTC timestamp (`2026-11-23T12:00:00Z`) strictly; null if malformed or not a real date. */
export function parseTimestamp(timestamp: string): Date | null {
  const m = TIMESTAMP_RE.exec(timestamp);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(t);
  // Reject values Date.UTC silently rolls over (month 13, Feb 30, 24:00, second 60).
  if (
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    date.getUTCHours() !== h ||
    date.getUTCMinutes() !== mi ||
    date.getUTCSeconds() !== s
  ) {
    return null;
  }
  return date;
}

/** The request's Timestamp must be well formed and within `windowMinutes` of `now`, either side (inclusive). */
export function checkTimestamp(timestamp: string, now: Date, windowMinutes = TIMESTAMP_WINDOW_MINUTES): TTimestampCheck {
  const t = parseTimestamp(timestamp);
  if (!t) {
    return {
      ok: false,
      code: "InvalidTimeStamp.Format",
      message: "Specified time stamp or date value is not well formatted. Use ISO 8601 UTC, e.g. 2026-11-23T12:00:00Z.",
    };
  }
  if (Math.abs(now.getTime() - t.getTime()) > windowMinutes * 60_000) {
    return {
      ok: false,
      code: "InvalidTimeStamp.Expired",
      message: `Specified time stamp or date value is expired: it must be within ${windowMinutes} minutes of the server time (${now.toISOString()}).`,
    };
  }
  return { ok: true, at: t };
}
