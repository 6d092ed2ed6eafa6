// A problem with what the caller asked for, tied to fields; extends UserInputError so that every entry
// point (console, CLI, API) that already reports UserInputError messages reports these too.
import { UserInputError } from "@/lib/users/users";
import { describeFieldErrors, type FieldErrors } from "./rules";

export class TrailInputError extends UserInputError {
  readonly fieldErrors: FieldErrors;
  constructor(fieldErrors: FieldErrors) {
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
