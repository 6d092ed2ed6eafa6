// What every console form action answers (the state of the form's useActionState) and how a domain
// refusal reads in it. Kept apart from action-client.ts, which is server-only, so that client
// components can import the type.
import type { AppError, FieldErrors } from "@/lib/errors";

export interface ActionResult<V = never, D = never> {
  ok?: boolean;
  message?: string;
  /** Field name → its problems, shown beside the field. */
  errors?: FieldErrors;
  /** What was submitted, so a refused form shows it again (React resets a form after its action). */
  values?: V;
  /** What the change gave back for this answer only: a secret shown once, a new id. */
  data?: D;
  /** Changes on every answer: a form keyed by it remounts with `values` as its defaults. */
  stamp?: number;
}

/** The banner of a refused form whose fields show their own problems. */
export const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * A domain refusal as a form's answer: the action client's one translation of AppErrors. Where the
 * form shows field errors beside its fields, a refusal that only sums its fields up reads CHECK_FIELDS;
 * where it does not, the first field problem is the message. A refusal with a sentence of its own
 * ("User x already exists") keeps it.
 */
export function refusal(e: AppError, options: { fieldsShown?: boolean } = {}): Pick<ActionResult, "ok" | "message" | "errors"> {
  return { ok: false, message: refusalMessage(e, options.fieldsShown ?? true), errors: e.fields };
}

function refusalMessage(e: AppError, fieldsShown: boolean): string {
  if (!e.summary || !e.fields) return e.message;
  return e.fields.form?.[0] ?? (fieldsShown ? CHECK_FIELDS : (Object.values(e.fields).flat()[0] ?? e.message));
}
