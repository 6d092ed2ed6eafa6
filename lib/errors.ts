// The one error hierarchy: what a caller asked for that cannot be done, with a message for them and the
// fields it concerns. Each entry point translates by `code` in one place: server actions
// (lib/actions/action-client.ts), the CLI (cli/report.ts) and the compatible API (lib/openapi/errors.ts
// asOpenApiError). Anything that is not an AppError is a bug or an outage: it is logged, and the caller
// sees a generic failure. Technical errors that never reach a user as such (JsonTokenError,
// BlockedAddressError, ConcurrentDeliveryError, LeaseLostError, OpenApiError as the API's wire error…) stay apart.
import type { z } from "zod";

/** Field name → what is wrong with it; "form" holds problems of the whole request. */
export type FieldErrors = Record<string, string[]>;

export type AppErrorCode = "invalid-input" | "not-found" | "conflict" | "forbidden" | "throttled";

/** Refusals the compatible API answers with a code of its own (lib/openapi/errors.ts REASON_CODES). */
export type AppErrorReason = "trail-exists" | "trail-quota" | "bucket-missing" | "job-running" | "trail-missing" | "job-missing";

export interface AppErrorOptions {
  fields?: FieldErrors;
  /**
   * The message only sums `fields` up on one line (for the CLI and the API); a form shows each field's
   * problem beside the field instead. False when the message is a sentence of its own.
   */
  summary?: boolean;
  reason?: AppErrorReason;
  /** Seconds before a throttled caller may try again. */
  retryAfter?: number;
}

export class AppError extends Error {
  readonly fields?: FieldErrors;
  readonly summary: boolean;
  readonly reason?: AppErrorReason;
  readonly retryAfter?: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.fields = options.fields;
    this.summary = options.summary ?? false;
    this.reason = options.reason;
    this.retryAfter = options.retryAfter;
  }

  /** The HTTP status of the code, for callers that answer over HTTP with no codes of their own. */
  get status(): number {
    return STATUS[this.code];
  }

  /** An error that is its field problems: the message sums them up with `describe`. */
  static ofFields<T extends AppError>(
    this: new (message: string, options?: AppErrorOptions) => T,
    fields: FieldErrors,
    options: Omit<AppErrorOptions, "fields" | "summary"> & { describe?: (fields: FieldErrors) => string } = {},
  ): T {
    const { describe = describeFieldErrors, ...rest } = options;
    return new this(describe(fields), { ...rest, fields, summary: true });
  }
}

const STATUS: Record<AppErrorCode, number> = {
  "invalid-input": 400,
  "not-found": 404,
  conflict: 409,
  forbidden: 403,
  throttled: 429,
};

/** The base of each subclass below: an AppError whose code is fixed by the class. */
function withCode(code: AppErrorCode) {
  return class extends AppError {
    constructor(message: string, options: AppErrorOptions = {}) {
      super(code, message, options);
    }
  };
}

/** Bad input: a field is missing or malformed, a value is out of range. */
export class InvalidInput extends withCode("invalid-input") {
  /** A failed zod `safeParse`: each issue under its field (pathless ones under "form"). */
  static ofZod(error: z.ZodError, describe?: (fields: FieldErrors) => string): InvalidInput {
    return InvalidInput.ofFields(toFieldErrors(error.issues), { describe });
  }
}

/** What the caller names does not exist. */
export class NotFound extends withCode("not-found") {}

/** It exists already, or the state forbids it now (a name taken, a job running, a quota reached, in use). */
export class Conflict extends withCode("conflict") {}

/** The caller may not do this. */
export class Forbidden extends withCode("forbidden") {}

/** Too many attempts: try again after `retryAfter` seconds. */
export class Throttled extends withCode("throttled") {}

/** zod issues as field errors; issues without a path go under "form". */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** "name: must start with a letter; destination: …" — one line for the CLI and logs. */
export function describeFieldErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .flatMap(([field, messages]) => messages.map((m) => (field === "form" ? m : `${field}: ${m}`)))
    .join("; ");
}

/** The messages alone, joined by `separator`: for schemas whose messages already name their field. */
export function joinFieldMessages(separator: string): (fields: FieldErrors) => string {
  return (fields) => Object.values(fields).flat().join(separator);
}

/**
 * A worker's lease on some work (lib/worker/leases.ts) passed to another worker before the work was
 * committed: the commit is abandoned, the new holder does the work. Technical, like ConcurrentDeliveryError:
 * it never reaches a user.
 */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeaseLostError";
  }
}
