"use server";

import { revalidatePath } from "next/cache";
import { recordAuditEvent } from "@/lib/audit/record";
import { CAN, consoleActor, requireUser } from "@/lib/auth/session";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest-tokens/tokens";
import { createUser, UserInputError, ZCreateUserInput } from "@/lib/users/users";

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
    await createUser(parsed.data);
  } catch (e) {
    if (e instanceof UserInputError) return { ok: false, message: e.message, errors: { username: [e.message] } };
    console.error("[settings] createUser failed", e);
    return { ok: false, message: "The user could not be created. Try again." };
  }
  await recordAuditEvent({
    actor: await consoleActor(user),
    eventName: "CreateConsoleUser",
    requestParameters: { UserName: parsed.data.username, Role: parsed.data.role },
  });
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
