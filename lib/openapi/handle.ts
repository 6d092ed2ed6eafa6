// The ActionTrail-compatible API: parse → authenticate (parameters, address, key, signature, rate, nonce)
// → dispatch → audit.
import { getAccessKeyForSigning, recordAccessKeyUse } from "@/lib/access-keys/access-keys";
import type { Actor } from "@/lib/audit/record";
import { ACTIONS } from "./actions";
import { MAX_PARAM_NAME_CHARS, auditCall, cut } from "./audit";
import {
  OpenApiError,
  asOpenApiError,
  accessKeyInactive,
  addressThrottled,
  accessKeyNotFound,
  actionNotFound,
  errorBody,
  forbiddenRam,
  invalidParameter,
  invalidVersion,
  missingParameter,
  newRequestId,
  nonceUsed,
  signatureDoesNotMatch,
  throttled,
} from "./errors";
import { MAX_NONCE_CHARS, claimNonce } from "./nonces";
import { checkTimestamp, stringToSign, verifySignature, type TSignatureMethod } from "./signature";
import {
  ACS3_REQUIRED_SIGNED_HEADERS,
  acs3CanonicalRequest,
  acs3StringToSign,
  parseAcs3Authorization,
  verifyAcs3,
  type Acs3Request,
} from "./signature-v3";
import { addressBlockedFor, recordAuthFailure, takeKeyCall } from "./throttle";

export const API_VERSION = "2020-07-06";

interface Caller {
  accessKeyId: string;
  username: string;
  role: string;
}

export { ACTIONS };

export interface OpenApiRequest {
  method: TSignatureMethod;
  /** The query's and the form body's parameters; for a V3 call, Action and Version from its headers. */
  params: Record<string, string>;
  ip: string | null;
  userAgent: string | null;
  /** A call signed with ACS3-HMAC-SHA256 (the Authorization header): what its signature covers. */
  acs3?: Acs3Call;
  /** The Accept header: `application/xml` or `text/xml` asks for XML as Format=XML does. */
  accept?: string | null;
  now?: Date;
}

export interface Acs3Call extends Acs3Request {
  authorization: string;
  /** Hex SHA-256 of the body as received. */
  bodySha256: string;
}

export interface OpenApiResponse {
  status: number;
  /** Stored events in it are RawJson: write it with lib/openapi/response.ts, never JSON.stringify. */
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Format=XML was asked for (and the request got far enough to say so). */
  xml: boolean;
  /** The XML root: `<Action>Response`, or `Error`. */
  root: string;
}

const REQUIRED = ["AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action", "Version"] as const;
const MAX_ACCESS_KEY_ID_CHARS = 128;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What a signature says about its call, whichever scheme made it (v1 parameters or the V3 header). */
interface SignedCall {
  accessKeyId: string;
  nonce: string;
  signedAt: Date;
  verify: (secret: string) => boolean;
  /** What the server signed, for SignatureDoesNotMatch (the client compares it with its own). */
  serverStringToSign: () => string;
}

function checkNonceAndKeyId(nonce: string, nonceName: string, accessKeyId: string): void {
  if (nonce.length > MAX_NONCE_CHARS || CONTROL.test(nonce)) {
    throw invalidParameter(nonceName, `At most ${MAX_NONCE_CHARS} characters, none of them control characters.`);
  }
  // Not a key we could have issued: no lookup (PostgreSQL would also refuse a NUL in it).
  if (accessKeyId.length > MAX_ACCESS_KEY_ID_CHARS || CONTROL.test(accessKeyId)) throw accessKeyNotFound();
}

function checkFormat(p: Record<string, string>): void {
  if (p.Format && !["JSON", "XML"].includes(p.Format.toUpperCase())) throw invalidParameter("Format", "Format is JSON or XML.");
}

/** Signature v1: everything is in the parameters. Checked without reading or writing anything. */
function v1Call(method: TSignatureMethod, p: Record<string, string>, now: Date): SignedCall {
  for (const name of REQUIRED) if (!p[name]) throw missingParameter(name);
  checkNonceAndKeyId(p.SignatureNonce, "SignatureNonce", p.AccessKeyId);
  if (p.SignatureMethod && p.SignatureMethod !== "HMAC-SHA1") throw invalidParameter("SignatureMethod", "Only HMAC-SHA1 is supported.");
  if (p.SignatureVersion && p.SignatureVersion !== "1.0") throw invalidParameter("SignatureVersion", "Only 1.0 is supported.");
  checkFormat(p);
  const ts = checkTimestamp(p.Timestamp, now);
  if (!ts.ok) throw new OpenApiError(ts.code, ts.message, 400);
  return {
    accessKeyId: p.AccessKeyId,
    nonce: p.SignatureNonce,
    signedAt: ts.at,
    verify: (secret) => verifySignature(method, p, secret),
    serverStringToSign: () => {
      try {
        return stringToSign(method, p);
      } catch {
        return "(a parameter is not valid UTF-16)";
      }
    },
  };
}

/** ACS3-HMAC-SHA256: the Authorization header, the x-acs-* headers and the body's hash. */
function acs3Call(c: Acs3Call, p: Record<string, string>, now: Date): SignedCall {
  const parsed = parseAcs3Authorization(c.authorization);
  if (!parsed.ok) throw invalidParameter("Authorization", parsed.message);
  for (const name of ACS3_REQUIRED_SIGNED_HEADERS) if (!c.header(name)) throw missingParameter(name);
  const nonce = c.header("x-acs-signature-nonce")!;
  checkNonceAndKeyId(nonce, "x-acs-signature-nonce", parsed.auth.accessKeyId);
  checkFormat(p);
  const ts = checkTimestamp(c.header("x-acs-date")!, now);
  if (!ts.ok) throw new OpenApiError(ts.code, `x-acs-date: ${ts.message}`, 400);
  const claimed = c.header("x-acs-content-sha256")!.trim().toLowerCase();
  if (claimed !== c.bodySha256) {
    throw new OpenApiError("SignatureDoesNotMatch", `x-acs-content-sha256 (${cut(claimed, 80).text}) is not the SHA-256 of the request body (${c.bodySha256}).`, 400);
  }
  return {
    accessKeyId: parsed.auth.accessKeyId,
    nonce,
    signedAt: ts.at,
    verify: (secret) => verifyAcs3(c, parsed.auth, c.bodySha256, secret),
    serverStringToSign: () => {
      try {
        // The canonical request too: a client compares it line by line with its own (it holds no secret).
        const canonical = acs3CanonicalRequest(c, parsed.auth.signedHeaders, c.bodySha256);
        return `${acs3StringToSign(canonical)} server canonical request is:${canonical}`;
      } catch {
        return "(a parameter is not valid UTF-16)";
      }
    },
  };
}

/**
 * Who is calling. Order matters: nothing is read or written before the request is well formed;
 * the per-key rate is counted only for a correct signature (anyone may know an AccessKeyId, so a forged
 * call must not use up its owner's rate), and before the nonce or the key's last use is written.
 * Every failure but a throttle is counted against the source address (handleOpenApi).
 */
async function authenticate(req: OpenApiRequest, now: Date): Promise<Caller> {
  let call: SignedCall;
  try {
    call = req.acs3 ? acs3Call(req.acs3, req.params, now) : v1Call(req.method, req.params, now);
  } catch (e) {
    // A blocked address hears nothing more, and costs one read, whatever it sends.
    const blocked = await addressBlockedFor(req.ip, now);
    throw blocked === null ? e : addressThrottled(blocked);
  }
  // Both reads at once; a blocked address is refused before anything is said about the key.
  const [blocked, key] = await Promise.all([addressBlockedFor(req.ip, now), getAccessKeyForSigning(call.accessKeyId)]);
  if (blocked !== null) throw addressThrottled(blocked);
  if (!key) throw accessKeyNotFound();
  if (key.status !== "Active") throw accessKeyInactive();
  if (!call.verify(key.secret)) throw signatureDoesNotMatch(call.serverStringToSign());
  const wait = await takeKeyCall(key.accessKeyId);
  if (wait !== null) throw throttled(wait);
  if (!(await claimNonce(key.accessKeyId, call.nonce, call.signedAt, now))) throw nonceUsed();
  await recordAccessKeyUse(key, now);
  return { accessKeyId: key.accessKeyId, username: key.username, role: key.role };
}

/** No parameter may hold U+0000: PostgreSQL refuses it in any text, and no ActionTrail value has one. */
function refuseNul(params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    if (name.includes("\u0000") || String(value ?? "").includes("\u0000")) {
      throw invalidParameter(cut(name.replaceAll("\u0000", "\uFFFD"), MAX_PARAM_NAME_CHARS).text, "It holds a NUL character.");
    }
  }
}

/** Format=XML, or (when no Format is given) an Accept header that names XML before JSON. */
function wantsXml(req: OpenApiRequest): boolean {
  const format = (req.params.Format ?? "").toUpperCase();
  if (format) return format === "XML";
  const accept = (req.accept ?? "").toLowerCase();
  return /\b(application|text)\/xml\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

/** authenticate()'s refusals that are failed authentications: all but its two throttles. */
function isAuthFailure(e: unknown): boolean {
  return e instanceof OpenApiError && e.code !== "Throttling" && e.code !== "Throttling.User";
}

export async function handleOpenApi(req: OpenApiRequest): Promise<OpenApiResponse> {
  const requestId = newRequestId();
  const now = req.now ?? new Date();
  const xml = wantsXml(req);
  const action = typeof req.params.Action === "string" ? req.params.Action : "";
  let actor: Actor | undefined;
  try {
    let caller: Caller;
    try {
      caller = await authenticate(req, now);
    } catch (e) {
      if (isAuthFailure(e)) await recordAuthFailure(req.ip);
      throw e;
    }
    actor = { username: caller.username, kind: "access-key", accessKeyId: caller.accessKeyId, ip: req.ip, userAgent: req.userAgent };
    if (req.params.Version !== API_VERSION) throw invalidVersion(req.params.Version);
    refuseNul(req.params);
    const def = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!def) throw actionNotFound(action);
    if (!def.roles.includes(caller.role)) throw forbiddenRam(action);
    let result: Record<string, unknown>;
    try {
      result = await def.run(req.params, { actor, now });
    } catch (e) {
      throw asOpenApiError(e);
    }
    if (def.rw === "Read") auditCall(actor, action, req.params, "Read");
    return { status: 200, body: { RequestId: requestId, ...result }, xml, root: `${action}Response` };
  } catch (e) {
    const err = e instanceof OpenApiError ? e : undefined;
    if (!err) console.error(`[openapi] ${requestId}: ${(e as Error).stack ?? e}`);
    const failure = err ?? new OpenApiError("InternalError", "The request processing has failed due to some unknown error.", 500);
    // A refused call by a known key is recorded too, with its error code (an unknown key or a bad
    // signature has no trustworthy caller to record).
    if (actor) auditCall(actor, action || "(none)", req.params, ACTIONS[action]?.rw === "Write" ? "Write" : "Read", failure);
    return {
      status: failure.status,
      body: errorBody(requestId, failure),
      xml,
      root: "Error",
      ...(failure.retryAfterSeconds ? { headers: { "Retry-After": String(failure.retryAfterSeconds) } } : {}),
    };
  }
}
