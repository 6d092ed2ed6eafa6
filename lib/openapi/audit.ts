// Self-audit of API calls, bounded: what a caller sends can make its audit event only so large. Each
// parameter value is kept up to MAX_PARAM_CHARS characters and marked where it was cut, at most MAX_PARAMS
// parameters and MAX_PARAMS_JSON characters of them are kept, and the event says which were cut and how
// many were left out. The bounds keep every audit event well under ingestion's 512 KB limit (JSON
// escaping can make a character six), so a hostile call can neither bloat the store nor go unrecorded.
import { queueAuditEvent } from "@/lib/audit/queue";
import { recordAuditEvent, type Actor, type AuditEventInput } from "@/lib/audit/record";
import type { OpenApiError } from "./errors";

export const MAX_PARAM_CHARS = 4_096;
export const MAX_PARAMS = 64;
/** Names longer than this are not ActionTrail parameters; such a parameter is left out (and counted). */
export const MAX_PARAM_NAME_CHARS = 128;
const MAX_PARAMS_JSON = 128 * 1024;
/** The event name (the Action as sent) and the error message are cut the same way. */
const MAX_NAME_CHARS = 128;

/** Signature material is not worth keeping. */
const SKIP = new Set(["Signature", "SignatureNonce", "SignatureMethod", "SignatureVersion", "Timestamp", "AccessKeyId", "Format"]);

/** `text` cut to `max` characters (never inside a surrogate pair), with a note of how much was cut. */
export function cut(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: `${text.slice(0, end)}…[cut: ${text.length - end} characters]`, cut: true };
}

export interface AuditedParams {
  requestParameters: Record<string, string>;
  /** Present only when something was cut or left out. */
  additionalEventData?: { cutParameters?: string[]; omittedParameters?: number };
}

/** The request parameters as the audit event keeps them. */
export function auditParams(params: Record<string, string>): AuditedParams {
  const kept: Record<string, string> = {};
  const cutNames: string[] = [];
  let omitted = 0;
  let count = 0;
  let size = 0;
  for (const [name, value] of Object.entries(params)) {
    if (SKIP.has(name)) continue;
    const v = cut(value, MAX_PARAM_CHARS);
    const entrySize = JSON.stringify(name).length + JSON.stringify(v.text).length + 2;
    if (name.length > MAX_PARAM_NAME_CHARS || count >= MAX_PARAMS || size + entrySize > MAX_PARAMS_JSON) {
      omitted++;
      continue;
    }
    kept[name] = v.text;
    count++;
    size += entrySize;
    if (v.cut) cutNames.push(name);
  }
  const extra: NonNullable<AuditedParams["additionalEventData"]> = {};
  if (cutNames.length) extra.cutParameters = cutNames;
  if (omitted) extra.omittedParameters = omitted;
  return { requestParameters: kept, ...(cutNames.length || omitted ? { additionalEventData: extra } : {}) };
}

/** The audit event of a call, bounded as this file says. */
function callEvent(actor: Actor, action: string, params: Record<string, string>, rw: "Read" | "Write", error?: OpenApiError): AuditEventInput {
  return {
    actor,
    // The Action as sent becomes an indexed column: no control characters (PostgreSQL refuses NUL).
    eventName: cut(action.replace(/[\u0000-\u001f\u007f]/g, "\uFFFD"), MAX_NAME_CHARS).text,
    eventRW: rw,
    eventType: "ApiCall",
    ...auditParams(params),
    ...(error ? { errorCode: error.code, errorMessage: cut(error.message, MAX_PARAM_CHARS).text } : {}),
  };
}

/**
 * Records a read or a refused call (with its error code) through the audit queue (lib/audit/queue.ts):
 * written within its flush interval, off the request path; never fails the call.
 */
export function auditCall(actor: Actor, action: string, params: Record<string, string>, rw: "Read" | "Write", error?: OpenApiError): void {
  try {
    queueAuditEvent(callEvent(actor, action, params, rw, error));
  } catch (e) {
    console.error(`[openapi] audit failed: ${(e as Error).message}`);
  }
}

/** Records a change made by an action with no service of its own, before the call is answered. */
export async function recordCall(actor: Actor, action: string, params: Record<string, string>): Promise<void> {
  await recordAuditEvent(callEvent(actor, action, params, "Write"));
}
