"use server";
// Edits to the sensitive-operation catalogue (admins only; the role is checked here, not only by the page).
import { revalidatePath } from "next/cache";
import { CAN, consoleActor, requireUser } from "@/lib/auth/session";
import { addSensitiveAction, removeSensitiveAction, updateSensitiveActionReason, ZEventName, ZSensitiveActionInput } from "@/lib/events/sensitive-actions";
import { UserInputError } from "@/lib/users/users";

export interface CatalogActionState {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<"eventName" | "reason", string[]>>;
  /** Bumped on every success so the client can reset its form. */
  at?: number;
}

const PAGE = "/settings/sensitive-actions";

function failure(e: unknown, what: string): CatalogActionState {
  if (e instanceof UserInputError) return { ok: false, message: e.message };
  console.error(`[sensitive-actions] ${what} failed`, e);
  return { ok: false, message: `The catalogue could not be ${what}. Try again.` };
}

function plural(n: number): string {
  return n === 1 ? "1 stored event" : `${n.toLocaleString("en-US")} stored events`;
}

function readForm(form: FormData) {
  return ZSensitiveActionInput.safeParse({ eventName: form.get("eventName") ?? "", reason: form.get("reason") ?? "" });
}

export async function addSensitiveActionAction(_prev: CatalogActionState, form: FormData): Promise<CatalogActionState> {
  const user = await requireUser(CAN.editSensitiveCatalog);
  const parsed = readForm(form);
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", errors: parsed.error.flatten().fieldErrors };
  try {
    const { reflagged } = await addSensitiveAction(parsed.data, { actor: await consoleActor(user) });
    revalidatePath(PAGE);
    return { ok: true, message: `Added ${parsed.data.eventName}: ${plural(reflagged)} now marked sensitive.`, at: Date.now() };
  } catch (e) {
    return { ...failure(e, "changed"), errors: e instanceof UserInputError ? { eventName: [e.message] } : undefined };
  }
}

export async function updateSensitiveActionAction(_prev: CatalogActionState, form: FormData): Promise<CatalogActionState> {
  const user = await requireUser(CAN.editSensitiveCatalog);
  const parsed = readForm(form);
  if (!parsed.success) return { ok: false, message: Object.values(parsed.error.flatten().fieldErrors).flat()[0] ?? "Check the reason." };
  try {
    await updateSensitiveActionReason(parsed.data, { actor: await consoleActor(user) });
  } catch (e) {
    return failure(e, "changed");
  }
  revalidatePath(PAGE);
  return { ok: true, message: `Saved the reason for ${parsed.data.eventName}.`, at: Date.now() };
}

export async function removeSensitiveActionAction(_prev: CatalogActionState, form: FormData): Promise<CatalogActionState> {
  const user = await requireUser(CAN.editSensitiveCatalog);
  const parsed = ZEventName.safeParse(form.get("eventName") ?? "");
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  try {
    const { reflagged } = await removeSensitiveAction(parsed.data, { actor: await consoleActor(user) });
    revalidatePath(PAGE);
    return { ok: true, message: `Removed ${parsed.data}: ${plural(reflagged)} no longer marked sensitive.`, at: Date.now() };
  } catch (e) {
    return failure(e, "changed");
  }
}
