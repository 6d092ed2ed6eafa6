import { BlockedAddressError } from "@/lib/net/outbound";

const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/** Exponential back-off after the n-th consecutive failure: 1 s, 2 s, 4 s … at most 60 s. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, failures - 1));
}

/** A non-2xx answer, as recorded. */
export function httpStatusText(status: number): string {
  return `HTTP ${status}`;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ECONNABORTED: "connection reset",
  ETIMEDOUT: "timed out",
  ESOCKETTIMEDOUT: "timed out",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed",
  EAI_FAIL: "DNS lookup failed",
  EAI_NODATA: "DNS lookup failed",
  EAI_NONAME: "DNS lookup failed",
  EHOSTUNREACH: "host unreachable",
  EHOSTDOWN: "host unreachable",
  ENETUNREACH: "network unreachable",
  EADDRNOTAVAIL: "network unreachable",
};
/** Local bucket directories: the code says what is wrong, without the server's paths. */
const FILE_CODES = new Set(["ENOENT", "ENOTDIR", "EEXIST", "EISDIR", "EACCES", "EPERM", "ENOSPC", "EROFS", "EMFILE", "ENFILE", "EDQUOT", "EIO"]);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|EPROTO$|HOSTNAME_MISMATCH$)/;
/** What an S3 error code looks like (NoSuchBucket, AccessDenied, SlowDown …); anything else is not shown. */
const S3_CODE = /^[A-Z][A-Za-z0-9.]{1,63}$/;

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; $metadata?: { httpStatusCode?: unknown } };

function codeOf(e: ErrorLike | undefined, depth = 0): string | undefined {
  if (!e || typeof e !== "object" || depth > 3) return undefined;
  return typeof e.code === "string" ? e.code : codeOf(e.cause as ErrorLike, depth + 1);
}

/**
 * The reason a delivery or an alert attempt failed, as it is stored and shown in the console (a trail's
 * latest error, a history job's error, a webhook attempt): a short generic phrase, never the remote
 * server's answer or raw library text, so the console cannot be used to probe what answers where. The
 * full text goes to the worker log (errorDetail).
 */
export function errorText(e: unknown): string {
  if (e instanceof BlockedAddressError) return e.message;
  const err = (e && typeof e === "object" ? e : {}) as ErrorLike;
  const code = codeOf(err);
  if (err.name === "TimeoutError" || err.name === "AbortError" || code === "ABORT_ERR") return "timed out";
  if (code && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  if (code && TLS_CODE.test(code)) return "TLS error";
  if (code?.startsWith("HPE_")) return "invalid HTTP answer";
  if (code && FILE_CODES.has(code)) return `file system error (${code})`;
  // An answer from an S3 endpoint: its status and, when it looks like one, S3's error code.
  const status = err.$metadata?.httpStatusCode;
  if (typeof status === "number") {
    const name = typeof err.name === "string" ? err.name : "";
    return S3_CODE.test(name) && !["Error", "UnknownError", "TypeError", "SyntaxError"].includes(name) ? `${name} (HTTP ${status})` : httpStatusText(status);
  }
  // Our own refusals ("Bucket x does not exist") are plain Errors without a code: they are safe to show.
  if (e instanceof Error && e.constructor === Error && code === undefined && !err.$metadata) return e.message.split("\n")[0].slice(0, 300) || "unexpected error";
  return "unexpected error (details in the worker log)";
}

/** The full text of an error for the worker's log (bounded; no stack). */
export function errorDetail(e: unknown): string {
  const text = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  return text.slice(0, 1_000) || "Unknown error";
}
