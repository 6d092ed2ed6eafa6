"use server";

import { revalidatePath } from "next/cache";
import { recordAuditEvent } from "@/lib/audit/record";
import { CAN, consoleActor, requireUser } from "@/lib/auth/session";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest-tokens/tokens";
import { createConsoleUser, deleteConsoleUser, setConsoleUserDisabled, setConsoleUserPassword, setConsoleUserRole } from "@/lib/users/manage";
import { UserInputError, ZCreateUserInput } from "@/lib/users/users";

export interface ActionState {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<"username" | "password" | "role" | "label", string[]>>;
  /** A secret shown once (a new ingest token). */
  secret?: string;
}

export async function createUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser(CAN.manageUsers);
  const input = { username: String(form.get("username") ?? "").trim(), password: String(form.get("password") ?? ""), role: String(form.get("role") ?? "") };
  const parsed = ZCreateUserInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", errors: parsed.error.flatten().fieldErrors as ActionState["errors"] };
  }
  try {
    await createConsoleUser({ actor: await consoleActor(user) }, parsed.data);
  } catch (e) {
    if (e instanceof UserInputError) {
      const field = e.field === "password" ? "password" : "username";
      return { ok: false, message: e.message, errors: { [field]: [e.message] } };
    }
    console.error("[settings] createUser failed", e);
    return { ok: false, message: "The user could not be created. Try again." };
  }
  revalidatePath("/settings");
  return { ok: true, message: `Created user ${parsed.data.username} (${parsed.data.role}).` };
}

export async function createIngestTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser(CAN.manageTokens);
  const label = String(form.get("label") ?? "").trim();
  if (label.length > 64) return { ok: false, message: "The label is too long.", errors: { label: ["At most 64 characters."] } };
  const token = await createIngestToken({ label });
  await recordAuditEvent({ actor: await consoleActor(user), eventName: "CreateIngestToken", requestParameters: { TokenId: token.id, Label: label } });
  revalidatePath("/settings");
  return { ok: true, message: `Created ingest token ${token.id}. Copy it now: it is not shown again.`, secret: token.token };
}

export async function revokeIngestTokenAction(form: FormData): Promise<void> {
  const user = await requireUser(CAN.manageTokens);
  const id = String(form.get("id") ?? "");
  const result = await revokeIngestToken(id);
  if (result && !result.alreadyRevoked) {
    await recordAuditEvent({ actor: await consoleActor(user), eventName: "RevokeIngestToken", requestParameters: { TokenId: id } });
  }
  revalidatePath("/settings");
}

export interface ManageUserState {
  ok?: boolean;
  message?: string;
  /** Which user and which of the panel's forms the message is about. */
  username?: string;
  intent?: ManageIntent;
}

const INTENTS = ["role", "password", "disable", "enable", "delete"] as const;
type ManageIntent = (typeof INTENTS)[number];

/** One user's row actions in Settings: role, password, disable/enable, delete (confirmed in the form). */
export async function manageUserAction(_prev: ManageUserState, form: FormData): Promise<ManageUserState> {
  const admin = await requireUser(CAN.manageUsers);
  const intent = String(form.get("intent") ?? "") as ManageIntent;
  const username = String(form.get("username") ?? "");
  if (!INTENTS.includes(intent) || !username) return { ok: false, message: "Unknown action." };
  const ctx = { actor: await consoleActor(admin) };
  let message: string;
  try {
    if (intent === "role") {
      const r = await setConsoleUserRole(ctx, { username, role: String(form.get("role") ?? "") });
      message = r.changed ? `${username} is now ${r.user.role} (was ${r.previousRole}).` : `${username} already is ${r.user.role}.`;
    } else if (intent === "password") {
      await setConsoleUserPassword(ctx, { username, password: String(form.get("password") ?? "") });
      message = `Set a new password for ${username}; their sessions have ended.`;
    } else if (intent === "disable" || intent === "enable") {
      const r = await setConsoleUserDisabled(ctx, { username, disabled: intent === "disable" });
      message = intent === "disable" ? (r.changed ? `Disabled ${username}; their sessions have ended.` : `${username} was already disabled.`) : r.changed ? `Enabled ${username}.` : `${username} was already enabled.`;
    } else {
      if (String(form.get("confirm") ?? "") !== username) return { ok: false, username, intent, message: `Type ${username} to confirm the deletion.` };
      await deleteConsoleUser(ctx, { username });
      message = `Deleted ${username}.`;
    }
  } catch (e) {
    if (e instanceof UserInputError) return { ok: false, username, intent, message: e.message };
    console.error(`[settings] ${intent} of user failed`, e);
    return { ok: false, username, intent, message: "The change could not be made. Try again." };
  }
  revalidatePath("/settings");
  return { ok: true, username, intent, message };
}
