// Alibaba Cloud's V3 request signature, ACS3-HMAC-SHA256: what the V2.0 SDK core (@alicloud/openapi-client,
// the base of every generated ActionTrail SDK) signs with by default. Pure: no I/O, no clock reads.
// docs/openapi-security.md describes it with its checks; the SDK's own signer is the reference the tests use.
//
//   canonical request = METHOD \n URI \n canonical query \n canonical headers \n signed headers \n payload hash
//     canonical query   = the query parameters sorted by name, `name=enc(value)` joined by `&`
//                         (the SDK leaves names as they are: RPC parameter names are plain ASCII)
//     canonical headers = `name:value\n` for each signed header, names lower-case and sorted, values trimmed
//     signed headers    = those names joined by `;` (host, content-type and every x-acs-* header)
//     payload hash      = hex SHA-256 of the body as sent, also sent as x-acs-content-sha256
//   string to sign    = "ACS3-HMAC-SHA256" \n hex SHA-256(canonical request)
//   Authorization     = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<…>,Signature=<hex HMAC-SHA256(secret, string to sign)>
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { percentEncode, type TSignatureMethod } from "./signature";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** Headers a V3 call must sign: without them a signed request could be replayed as another action, key or time. */
export const ACS3_REQUIRED_SIGNED_HEADERS = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"] as const;

const MAX_AUTHORIZATION_CHARS = 4096;
const MAX_SIGNED_HEADERS = 32;

export interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export type TAcs3Parse = { ok: true; auth: Acs3Authorization } | { ok: false; message: string };

/** `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` (spaces after the commas tolerated). */
export function parseAcs3Authorization(header: string): TAcs3Parse {
  if (header.length > MAX_AUTHORIZATION_CHARS) return { ok: false, message: `The Authorization header is longer than ${MAX_AUTHORIZATION_CHARS} characters.` };
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ACS3_ALGORITHM) return { ok: false, message: `The Authorization header's algorithm must be ${ACS3_ALGORITHM} (or sign with signature v1 parameters instead).` };
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) {
    return { ok: false, message: "The Authorization header needs Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>." };
  }
  const names = signedHeaders.split(";");
  if (names.length > MAX_SIGNED_HEADERS || names.some((n) => !/^[a-z0-9-]+$/.test(n))) {
    return { ok: false, message: `SignedHeaders is at most ${MAX_SIGNED_HEADERS} lower-case header names joined by ";".` };
  }
  const missing = ACS3_REQUIRED_SIGNED_HEADERS.filter((n) => !names.includes(n));
  if (missing.length) return { ok: false, message: `SignedHeaders must include ${missing.join(", ")}.` };
  if (!/^[0-9a-f]{64}$/.test(signature)) return { ok: false, message: "Signature is the 64 lower-case hex digits of an HMAC-SHA256." };
  return { ok: true, auth: { accessKeyId, signedHeaders: names, signature } };
}

export interface Acs3Request {
  method: TSignatureMethod;
  /** The path the client sent the call to ("/" for SDKs, "/openapi" when that is the endpoint's path). */
  path: string;
  /** The query string's parameters (first value of each), as the client signed them. */
  query: Record<string, string>;
  /** A header's value as received, or null. */
  header: (name: string) => string | null;
}

/** The URI as the SDK writes it in the canonical request: the path with `+` and `*` encoded. */
function canonicalUri(path: string): string {
  return (path || "/").replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

export function acs3CanonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${percentEncode(query[k])}`)
    .join("&");
}

export function acs3CanonicalRequest(req: Acs3Request, signedHeaders: readonly string[], payloadHash: string): string {
  const names = [...signedHeaders].sort();
  const headers = names.map((n) => `${n}:${(req.header(n) ?? "").trim()}\n`).join("");
  return [req.method, canonicalUri(req.path), acs3CanonicalQuery(req.query), headers, names.join(";"), payloadHash].join("\n");
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${createHash("sha256").update(canonicalRequest, "utf8").digest("hex")}`;
}

export function acs3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

/** Hex SHA-256 of the body bytes: what x-acs-content-sha256 must say. */
export function payloadSha256(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

/** Constant-time comparison of the given hex signature with the one this secret makes. Never throws. */
export function verifyAcs3(req: Acs3Request, auth: Acs3Authorization, payloadHash: string, accessKeySecret: string): boolean {
  let expected: string;
  try {
    expected = acs3Signature(acs3StringToSign(acs3CanonicalRequest(req, auth.signedHeaders, payloadHash)), accessKeySecret);
  } catch {
    return false; // a value with a lone surrogate has no canonical form
  }
  const a = Buffer.from(auth.signature, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
