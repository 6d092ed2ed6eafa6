// A problem with what the caller asked for, tied to fields; extends UserInputError so that every entry
// point (console, CLI, API) that already reports UserInputError messages reports these too.
import { UserInputError } from "@/lib/users/users";
import { describeFieldErrors, type FieldErrors } from "./rules";

/** Why a request was refused, where the API has a code of its own for it (the rest are field errors). */
export type TrailRefusal = "trail-exists" | "trail-quota" | "bucket-missing" | "job-running";

export class TrailInputError extends UserInputError {
  readonly fieldErrors: FieldErrors;
  constructor(
    fieldErrors: FieldErrors,
    readonly refusal?: TrailRefusal,
  ) {
    super(describeFieldErrors(fieldErrors));
    this.name = "TrailInputError";
    this.fieldErrors = fieldErrors;
  }
}

/** Not found: the trail, bucket or job named does not exist. */
export class NotFoundError extends UserInputError {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
