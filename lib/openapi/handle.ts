// The ActionTrail-compatible API: parse → authenticate (key, timestamp, signature, nonce, rate) → dispatch.
import { getAccessKeyForSigning, recordAccessKeyUse } from "@/lib/access-keys/access-keys";
import { recordAuditEvent } from "@/lib/audit/record";
import { describeRegions } from "./actions/describe-regions";
import { lookupEvents } from "./actions/lookup-events";
import {
  OpenApiError,
  accessKeyInactive,
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
import { useNonce } from "./nonces";
import { checkTimestamp, stringToSign, verifySignature, type TSignatureMethod } from "./signature";
import { takeToken } from "./throttle";

export const API_VERSION = "2020-07-06";

interface Caller {
  accessKeyId: string;
  username: string;
  role: string;
}

interface ActionDef {
  roles: readonly string[];
  run: (params: Record<string, string>, now: Date) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const ALL_ROLES = ["admin", "auditor", "security"] as const;
const ACTIONS: Record<string, ActionDef> = {
  LookupEvents: { roles: ALL_ROLES, run: lookupEvents },
  DescribeRegions: { roles: ALL_ROLES, run: () => describeRegions() },
};

export interface OpenApiRequest {
  method: TSignatureMethod;
  params: Record<string, string>;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}

export interface OpenApiResponse {
  status: number;
  body: Record<string, unknown>;
}

const REQUIRED = ["AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action", "Version"] as const;

async function authenticate(req: OpenApiRequest, now: Date): Promise<Caller> {
  const p = req.params;
  for (const name of REQUIRED) if (!p[name]) throw missingParameter(name);
  if (p.SignatureMethod && p.SignatureMethod !== "HMAC-SHA1") throw invalidParameter("SignatureMethod", "Only HMAC-SHA1 is supported.");
  if (p.SignatureVersion && p.SignatureVersion !== "1.0") throw invalidParameter("SignatureVersion", "Only 1.0 is supported.");
  if (p.Format && !["JSON", "XML"].includes(p.Format.toUpperCase())) throw invalidParameter("Format", "Format is JSON.");
  const ts = checkTimestamp(p.Timestamp, now);
  if (!ts.ok) throw new OpenApiError(ts.code, ts.message, 400);
  const key = await getAccessKeyForSigning(p.AccessKeyId);
  if (!key) throw accessKeyNotFound();
  if (key.status !== "Active") throw accessKeyInactive();
  if (!verifySignature(req.method, p, key.secret)) {
    let sts = "";
    try {
      sts = stringToSign(req.method, p);
    } catch {
      sts = "(a parameter is not valid UTF-16)";
    }
    throw signatureDoesNotMatch(sts);
  }
  if (!useNonce(key.accessKeyId, p.SignatureNonce, now.getTime())) throw nonceUsed();
  await recordAccessKeyUse(key, now);
  if (!takeToken(key.accessKeyId, now.getTime())) throw throttled();
  return { accessKeyId: key.accessKeyId, username: key.username, role: key.role };
}

export async function handleOpenApi(req: OpenApiRequest): Promise<OpenApiResponse> {
  const requestId = newRequestId();
  const now = req.now ?? new Date();
  try {
    const caller = await authenticate(req, now);
    if (req.params.Version !== API_VERSION) throw invalidVersion(req.params.Version);
    const action = Object.hasOwn(ACTIONS, req.params.Action) ? ACTIONS[req.params.Action] : undefined;
    if (!action) throw actionNotFound(req.params.Action);
    if (!action.roles.includes(caller.role)) throw forbiddenRam(req.params.Action);
    const result = await action.run(req.params, now);
    const body = { RequestId: requestId, ...result };
    // Self-audit: never fails the call (recordAuditEvent logs and swallows its own errors).
    try {
      await recordAuditEvent({
        actor: { username: caller.username, kind: "access-key", accessKeyId: caller.accessKeyId, ip: req.ip, userAgent: req.userAgent },
        eventName: req.params.Action,
        eventRW: "Read",
        eventType: "ApiCall",
        requestParameters: auditParams(req.params),
      });
    } catch (e) {
      console.error(`[openapi] audit failed: ${(e as Error).message}`);
    }
    return { status: 200, body };
  } catch (e) {
    if (e instanceof OpenApiError) return { status: e.status, body: errorBody(requestId, e) };
    console.error(`[openapi] ${requestId}: ${(e as Error).stack ?? e}`);
    return {
      status: 500,
      body: errorBody(requestId, new OpenApiError("InternalError", "The request processing has failed due to some unknown error.", 500)),
    };
  }
}

/** The request parameters worth keeping in the audit event: not the signature material. */
function auditParams(p: Record<string, string>): Record<string, string> {
  const skip = new Set(["Signature", "SignatureNonce", "SignatureMethod", "SignatureVersion", "Timestamp", "AccessKeyId", "Format"]);
  return Object.fromEntries(Object.entries(p).filter(([k]) => !skip.has(k)));
}
