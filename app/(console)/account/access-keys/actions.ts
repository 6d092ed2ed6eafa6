"use server";
// AccessKey changes from the console. Each action checks the session itself; lib/access-keys/manage.ts
// decides whether this user may touch that key (admins: any; others: their own) and audits the change.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ACCESS_KEY_STATUSES } from "@/lib/access-keys/access-keys";
import { createKeyForUser, deleteKey, updateKeyStatus } from "@/lib/access-keys/manage";
import { CAN, consoleActor, requireUser, type SessionUser } from "@/lib/auth/session";
import { UserInputError } from "@/lib/users/users";

export interface KeyActionState {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<"username" | "accessKeyId" | "status", string[]>>;
  /** A new pair: the only time its secret leaves the server. */
  created?: { username: string; accessKeyId: string; accessKeySecret: string };
}

const PAGE = "/account/access-keys";

const ZAccessKeyId = z
  .string({ error: "Name the AccessKey ID." })
  .regex(/^[A-Za-z0-9]{8,64}$/, "An AccessKey ID is 8 to 64 letters and digits.");
const ZCreateKeyForm = z.object({
  username: z.string().trim().min(1, "Choose a user.").max(64, "A username is at most 64 characters."),
});
const ZStatusForm = z.object({
  accessKeyId: ZAccessKeyId,
  status: z.enum(ACCESS_KEY_STATUSES, { error: "The status is Active or Inactive." }),
});
const ZDeleteForm = z.object({ accessKeyId: ZAccessKeyId });

async function context(user: SessionUser) {
  return { actor: await consoleActor(user), requester: user };
}

function failure(e: unknown, what: string): KeyActionState {
  if (e instanceof UserInputError) return { ok: false, message: e.message };
  console.error(`[access-keys] ${what} failed`, e);
  return { ok: false, message: `The AccessKey could not be ${what}. Try again.` };
}

function invalid(error: z.ZodError): KeyActionState {
  const errors = z.flattenError(error).fieldErrors as KeyActionState["errors"];
  return { ok: false, message: Object.values(errors ?? {}).flat()[0] ?? "Check the form.", errors };
}

export async function createKeyAction(_prev: KeyActionState, form: FormData): Promise<KeyActionState> {
  const user = await requireUser(CAN.manageOwnAccessKeys);
  // Without a user field the key is the requester's own; the library refuses someone else's for non-admins.
  const parsed = ZCreateKeyForm.safeParse({ username: form.get("username") ?? user.username });
  if (!parsed.success) return invalid(parsed.error);
  const { username } = parsed.data;
  try {
    const key = await createKeyForUser(username, await context(user));
    revalidatePath(PAGE);
    return { ok: true, message: `Created AccessKey ${key.accessKeyId} for ${username}.`, created: { username, ...key } };
  } catch (e) {
    return failure(e, "created");
  }
}

export async function setKeyStatusAction(_prev: KeyActionState, form: FormData): Promise<KeyActionState> {
  const user = await requireUser(CAN.manageOwnAccessKeys);
  const parsed = ZStatusForm.safeParse({ accessKeyId: form.get("accessKeyId"), status: form.get("status") });
  if (!parsed.success) return invalid(parsed.error);
  const { accessKeyId, status } = parsed.data;
  try {
    await updateKeyStatus(accessKeyId, status, await context(user));
  } catch (e) {
    return failure(e, "updated");
  }
  revalidatePath(PAGE);
  return { ok: true, message: `AccessKey ${accessKeyId} is ${status === "Active" ? "enabled" : "disabled"}.` };
}

export async function deleteKeyAction(_prev: KeyActionState, form: FormData): Promise<KeyActionState> {
  const user = await requireUser(CAN.manageOwnAccessKeys);
  const parsed = ZDeleteForm.safeParse({ accessKeyId: form.get("accessKeyId") });
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteKey(parsed.data.accessKeyId, await context(user));
  } catch (e) {
    return failure(e, "deleted");
  }
  revalidatePath(PAGE);
  return { ok: true, message: `Deleted AccessKey ${parsed.data.accessKeyId}.` };
}
