// The one backbone of the console's server actions (in the manner of dub's safe-action client and
// formbricks' action client): the role check, the form read into values, the service run with
// { user, actor }, domain refusals (AppError) turned into an ActionResult, anything else logged and shown
// as a generic failure, then revalidation and the redirect. The services validate their input and record
// their own audit event, so the console, the CLI and the API change and record things alike; an action
// file (lib/actions/<feature>.ts, "use server") only says which form fields go to which service.
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { Actor } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/password";
import { consoleActor, requireUser, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { refusal, type ActionResult } from "./action-result";

export interface ActionContext {
  user: SessionUser;
  actor: Actor;
}

interface Steps<V, R> {
  /** Names the action in the server log when it fails unexpectedly. */
  name: string;
  /** Who may: checked first; anyone else is redirected (requireUser). */
  roles: readonly Role[];
  /** The form's fields as the service's input. Reads only: the service checks them. */
  read: (form: FormData, user: SessionUser) => V;
  /** Calls the service, which validates, changes and records; a check of the form itself may throw an AppError here. */
  run: (values: V, ctx: ActionContext) => Promise<R>;
  /** The pages that show what changed. */
  revalidate?: string[] | ((values: V, result: R) => string[]);
  /** Where to go after the change, if anywhere. */
  redirect?: (values: V, result: R) => string | undefined;
}

export interface FormSteps<V, R, E, D> extends Steps<V, R> {
  /** The success message, with data for this answer (a secret shown once). Not needed when `redirect` always leaves. */
  done?: (result: R, values: V) => string | { message: string; data?: D };
  /** What the user reads when something unexpected failed, e.g. "The trail could not be created. Try again." */
  failure: string | ((values: V) => string);
  /** What of the values goes back to the browser to refill the form (never a password or a secret). */
  echo?: (values: V) => E;
  /** Whether the form shows field errors beside its fields (the default); see refusal(). */
  fieldsShown?: boolean;
}

function finish<V, R>(steps: Steps<V, R>, values: V, result: R): void {
  const paths = typeof steps.revalidate === "function" ? steps.revalidate(values, result) : (steps.revalidate ?? []);
  for (const path of paths) revalidatePath(path);
  // Outside any try: redirect() navigates by throwing.
  const to = steps.redirect?.(values, result);
  if (to) redirect(to);
}

/** An action for useActionState: (previous result, form) → ActionResult. */
export function formAction<V, R, E = never, D = never>(steps: FormSteps<V, R, E, D>) {
  // The previous answer is not read: every answer stands on its own.
  return async (_prev: unknown, form: FormData): Promise<ActionResult<E, D>> => {
    const user = await requireUser(steps.roles);
    const values = steps.read(form, user);
    const answer = { values: steps.echo?.(values), stamp: Date.now() };
    let result: R;
    try {
      result = await steps.run(values, { user, actor: await consoleActor(user) });
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof AppError) return { ...answer, ...refusal(e, { fieldsShown: steps.fieldsShown }) };
      console.error(`[actions] ${steps.name} failed`, e);
      return { ...answer, ok: false, message: typeof steps.failure === "function" ? steps.failure(values) : steps.failure };
    }
    finish(steps, values, result);
    const done = steps.done?.(result, values) ?? "";
    return { ...answer, ok: true, ...(typeof done === "string" ? { message: done } : done) };
  };
}

/**
 * An action for a plain <form action> with nothing to answer (remove, revoke, resolve). A failure is
 * not caught: the route's error boundary shows it.
 */
export function submitAction<V, R>(steps: Steps<V, R>) {
  return async (form: FormData): Promise<void> => {
    const user = await requireUser(steps.roles);
    const values = steps.read(form, user);
    const result = await steps.run(values, { user, actor: await consoleActor(user) });
    finish(steps, values, result);
  };
}

/** A form field as text ("" when absent). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
