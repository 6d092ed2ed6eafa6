"use server";
// Console users from Settings (admins) and one's own password (everyone). lib/users/manage.ts checks
// each change and records it, as it does for the CLI.
import { CAN } from "@/lib/auth/roles";
import { InvalidInput } from "@/lib/errors";
import { changeOwnPassword, createConsoleUser, deleteConsoleUser, setConsoleUserDisabled, setConsoleUserPassword, setConsoleUserRole } from "@/lib/users/manage";
import { formAction, text } from "./action-client";

export const createUserAction = formAction({
  name: "createUser",
  roles: CAN.manageUsers,
  read: (form) => ({ username: text(form, "username").trim(), password: text(form, "password"), role: text(form, "role") }),
  run: (input, ctx) => createConsoleUser(ctx, input),
  done: (user) => `Created user ${user.username} (${user.role}).`,
  failure: "The user could not be created. Try again.",
  revalidate: ["/settings"],
});

const INTENTS = ["role", "password", "disable", "enable", "delete"] as const;
export type ManageIntent = (typeof INTENTS)[number];

function readManageForm(form: FormData) {
  return {
    intent: text(form, "intent") as ManageIntent,
    username: text(form, "username"),
    role: text(form, "role"),
    password: text(form, "password"),
    confirm: text(form, "confirm"),
  };
}

/** One user's row actions in Settings: role, password, disable/enable, delete (confirmed in the form). */
export const manageUserAction = formAction({
  name: "manageUser",
  roles: CAN.manageUsers,
  read: readManageForm,
  run: async ({ intent, username, role, password, confirm }, ctx): Promise<string> => {
    if (!INTENTS.includes(intent) || !username) throw new InvalidInput("Unknown action.");
    if (intent === "role") {
      const r = await setConsoleUserRole(ctx, { username, role });
      return r.changed ? `${username} is now ${r.user.role} (was ${r.previousRole}).` : `${username} already is ${r.user.role}.`;
    }
    if (intent === "password") {
      await setConsoleUserPassword(ctx, { username, password });
      return `Set a new password for ${username}; their sessions have ended.`;
    }
    if (intent === "disable" || intent === "enable") {
      const r = await setConsoleUserDisabled(ctx, { username, disabled: intent === "disable" });
      if (intent === "disable") return r.changed ? `Disabled ${username}; their sessions have ended.` : `${username} was already disabled.`;
      return r.changed ? `Enabled ${username}.` : `${username} was already enabled.`;
    }
    if (confirm !== username) throw new InvalidInput(`Type ${username} to confirm the deletion.`);
    await deleteConsoleUser(ctx, { username });
    return `Deleted ${username}.`;
  },
  // Which user and which of the panel's forms the message is about.
  echo: ({ username, intent }) => ({ username, intent }),
  done: (message) => message,
  failure: "The change could not be made. Try again.",
  fieldsShown: false,
  revalidate: ["/settings"],
});

/**
 * Your own new password, given the current one. The service ends every session of yours, this one
 * included, so the next page is the sign-in page.
 */
export const changeOwnPasswordAction = formAction({
  name: "changeOwnPassword",
  roles: CAN.readEvents,
  read: (form) => ({ currentPassword: text(form, "currentPassword"), newPassword: text(form, "newPassword"), repeatPassword: text(form, "repeatPassword") }),
  run: ({ currentPassword, newPassword, repeatPassword }, ctx) => {
    // Typing the new password twice is the form's own check.
    if (newPassword !== repeatPassword) throw InvalidInput.ofFields({ repeatPassword: ["The two new passwords differ."] });
    return changeOwnPassword(ctx, { currentPassword, newPassword });
  },
  failure: "The password could not be changed. Try again.",
  redirect: () => "/login?ended=password",
});
