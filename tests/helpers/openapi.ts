// A compatible-API call signed by hand, as a client builds it (signature v1.0, lib/openapi/signature.ts):
// the integration tests send it to handleOpenApi, the e2e specs to a running server as a GET URL.
// Relative imports: the e2e specs load this file too.
import { randomUUID } from "node:crypto";
import { canonicalQuery, percentEncode, sign } from "../../lib/openapi/signature";

export const API_VERSION = "2020-07-06";

export interface SigningKey {
  accessKeyId: string;
  accessKeySecret: string;
}

/** What a test may choose instead of a fresh nonce, the current time and the key's own secret. */
export interface SigningOptions {
  nonce?: string;
  timestamp?: Date;
  secret?: string;
}

/** ISO 8601 UTC to the second, the form Timestamp takes. */
export function apiTimestamp(d = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The common parameters of a call with the action's own after them (which may override any of them). */
export function callParams(key: SigningKey, action: string, params: Record<string, string> = {}, o: SigningOptions = {}): Record<string, string> {
  return {
    Action: action,
    Version: API_VERSION,
    Format: "JSON",
    AccessKeyId: key.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: apiTimestamp(o.timestamp),
    ...params,
  };
}

/** The parameters of a call with its Signature, ready for handleOpenApi. */
export function signedParams(method: "GET" | "POST", key: SigningKey, action: string, params: Record<string, string> = {}, o: SigningOptions = {}): Record<string, string> {
  const p = callParams(key, action, params, o);
  p.Signature = sign(method, p, o.secret ?? key.accessKeySecret);
  return p;
}

/** A signed GET to `endpoint` (…/openapi): the canonical query, then the Signature. */
export function signedGetUrl(endpoint: string, key: SigningKey, action: string, params: Record<string, string> = {}): string {
  const p = callParams(key, action, params);
  return `${endpoint}?${canonicalQuery(p)}&Signature=${percentEncode(sign("GET", p, key.accessKeySecret))}`;
}
