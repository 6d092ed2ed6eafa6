"use server";
// The account page's one change: your own password, given the current one (lib/users/manage.ts records
// it and ends every session of yours, this one included, so the next page is the sign-in page).
import { redirect } from "next/navigation";
import { CAN, consoleActor, requireUser } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/users/manage";
import { UserInputError } from "@/lib/users/users";

export interface PasswordFormState {
  message?: string;
  errors?: Partial<Record<"currentPassword" | "newPassword" | "repeatPassword", string>>;
}

export async function changeOwnPasswordAction(_prev: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const user = await requireUser(CAN.readEvents);
  const currentPassword = String(form.get("currentPassword") ?? "");
  const newPassword = String(form.get("newPassword") ?? "");
  if (newPassword !== String(form.get("repeatPassword") ?? "")) {
    return { message: "Check the highlighted fields.", errors: { repeatPassword: "The two new passwords differ." } };
  }
  try {
    await changeOwnPassword({ actor: await consoleActor(user) }, { currentPassword, newPassword });
  } catch (e) {
    if (e instanceof UserInputError) {
      const field = e.field === "currentPassword" || e.field === "newPassword" ? e.field : undefined;
      return { message: e.message, errors: field ? { [field]: e.message } : undefined };
    }
    console.error("[account] password change failed", e);
    return { message: "The password could not be changed. Try again." };
  }
  redirect("/login?ended=password");
}
