// Errors of the ActionTrail-compatible API, with Alibaba Cloud's codes and HTTP statuses, and the API's
// one translation of the domain's AppErrors into them (asOpenApiError).
import { randomUUID } from "node:crypto";
import { AppError, type AppErrorReason, type FieldErrors } from "@/lib/errors";

export const HOST_ID = "trailkeeper";

export class OpenApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Sent as Retry-After (Alibaba sends none; clients that know the header can use it). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "OpenApiError";
  }
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export const missingParameter = (name: string) =>
  new OpenApiError("MissingParameter", `The input parameter ${name} that is mandatory for processing this request is not supplied.`, 400);

export const invalidParameter = (name: string, detail?: string) =>
  new OpenApiError("InvalidParameter", `The specified parameter ${name} is not valid.${detail ? ` ${detail}` : ""}`, 400);

export const accessKeyNotFound = () => new OpenApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
export const accessKeyInactive = () => new OpenApiError("InvalidAccessKeyId.Inactive", "Specified access key is disabled.", 400);
export const signatureDoesNotMatch = (stringToSign: string) =>
  new OpenApiError(
    "SignatureDoesNotMatch",
    `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    400,
  );
export const nonceUsed = () => new OpenApiError("SignatureNonceUsed", "Specified signature nonce was used already.", 400);
export const invalidVersion = (v: string) =>
  new OpenApiError("InvalidVersion", `Specified parameter Version "${v}" is not valid; use 2020-07-06.`, 400);
export const actionNotFound = (a: string) =>
  new OpenApiError("InvalidAction.NotFound", `Specified api "${a}" is not found, please check your url and method.`, 404);
// Alibaba answers its throttling codes with HTTP 400 (its common error codes), and the SDKs expect that.
export const throttled = (retryAfterSeconds: number) =>
  new OpenApiError("Throttling.User", "Request was denied due to user flow control.", 400, retryAfterSeconds);
export const addressThrottled = (retryAfterSeconds: number) =>
  new OpenApiError(
    "Throttling",
    `Request was denied due to request throttling: too many calls from your address failed authentication. Retry after ${retryAfterSeconds} seconds.`,
    400,
    retryAfterSeconds,
  );
export const forbiddenRam = (a: string) =>
  new OpenApiError("Forbidden.RAM", `User not authorized to operate on the specified resource, or this API (${a}) doesn't support RAM.`, 403);

export function errorBody(requestId: string, e: OpenApiError): Record<string, unknown> {
  return { RequestId: requestId, HostId: HOST_ID, Code: e.code, Message: e.message };
}

export const trailNotFound = (name: string) => new OpenApiError("TrailNotFoundException", `The trail ${name} does not exist.`, 404);
/** No documented code exists for it; named in ActionTrail's pattern (docs/access-key-last-used.md "Errors"). */
export const accessKeyLastUsedNotFound = (accessKey: string, days: number) =>
  new OpenApiError("AccessKeyNotFoundException", `The AccessKey ${accessKey} has no last-used record: it was not used in the last ${days} days.`, 404);
export const historyJobNotFound = (id: string) =>
  new OpenApiError("DeliveryHistoryJobNotFoundException", `The delivery history job ${id} does not exist.`, 404);

/** Refusals with an ActionTrail code of their own (docs/actiontrail.md); the rest map by AppError code. */
const REASON_CODES: Record<AppErrorReason, string> = {
  "trail-exists": "TrailExistedException",
  "trail-quota": "InsufficientTrailQuotaException",
  "bucket-missing": "OssBucketNotExistException",
  "job-running": "DeliveryHistoryJobRunningException",
  "trail-missing": "TrailNotFoundException",
  "job-missing": "DeliveryHistoryJobNotFoundException",
};

/** Field names of lib/trails as the API's parameter names. */
const PARAM_NAMES: Record<string, string> = {
  name: "Name",
  homeRegion: "RegionId",
  eventRW: "EventRW",
  trailRegion: "TrailRegion",
  ossBucketName: "OssBucketName",
  ossKeyPrefix: "OssKeyPrefix",
  destination: "OssBucketName/SlsProjectArn",
};

function paramName(field: string): string {
  return PARAM_NAMES[field] ?? field;
}

/** "Name must start with a letter; …": the field errors in the API's parameter names. */
function describeParams(fields: FieldErrors): string {
  return Object.entries(fields)
    .flatMap(([field, messages]) => messages.map((m) => (field === "form" ? m : `${paramName(field)} ${m}`)))
    .join("; ");
}

/** A domain refusal as the API answers it; anything that is not an AppError is returned as it is. */
export function asOpenApiError(e: unknown): unknown {
  if (!(e instanceof AppError)) return e;
  const detail = e.fields ? describeParams(e.fields) : e.message;
  if (e.reason) return new OpenApiError(REASON_CODES[e.reason], `${detail}.`, e.code === "not-found" ? 404 : 400);
  switch (e.code) {
    case "forbidden":
      return new OpenApiError("Forbidden.RAM", e.message, 403);
    case "throttled":
      return new OpenApiError("Throttling", e.message, 400, e.retryAfter);
    default:
      // Bad input, a conflict or a missing object without a code of its own: the parameter it concerns.
      if (!e.fields) return new OpenApiError("InvalidParameter", e.message, 400);
      return new OpenApiError("InvalidParameter", `The specified parameter ${paramName(Object.keys(e.fields)[0])} is not valid: ${detail}.`, 400);
  }
}
