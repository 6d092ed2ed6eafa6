"use server";
// AccessKey changes from the console. lib/access-keys/manage.ts checks them, decides whether this user
// may touch that key (admins: any; others: their own) and records each change, refusals included.
import { CAN } from "@/lib/auth/roles";
import { createKeyForUser, deleteKey, updateKeyStatus } from "@/lib/access-keys/manage";
import { formAction, type ActionContext, text } from "./action-client";

const PAGE = "/account/access-keys";

function context({ user, actor }: ActionContext) {
  return { actor, requester: user };
}

const steps = {
  roles: CAN.manageOwnAccessKeys,
  // Each form is one button in a row or beside a select: its message says what is wrong.
  fieldsShown: false,
  revalidate: [PAGE],
};

export const createKeyAction = formAction({
  ...steps,
  name: "createAccessKey",
  // Without a user field the key is the requester's own; the service refuses someone else's for non-admins.
  read: (form, user) => ({ username: form.has("username") ? text(form, "username").trim() : user.username }),
  run: ({ username }, ctx) => createKeyForUser(username, context(ctx)),
  done: (key, { username }) => ({ message: `Created AccessKey ${key.accessKeyId} for ${username}.`, data: { username, ...key } }),
  failure: "The AccessKey could not be created. Try again.",
});

export const setKeyStatusAction = formAction({
  ...steps,
  name: "setAccessKeyStatus",
  read: (form) => ({ accessKeyId: text(form, "accessKeyId"), status: text(form, "status") }),
  run: ({ accessKeyId, status }, ctx) => updateKeyStatus(accessKeyId, status, context(ctx)),
  done: (key) => `AccessKey ${key.accessKeyId} is ${key.status === "Active" ? "enabled" : "disabled"}.`,
  failure: "The AccessKey could not be updated. Try again.",
});

export const deleteKeyAction = formAction({
  ...steps,
  name: "deleteAccessKey",
  read: (form) => ({ accessKeyId: text(form, "accessKeyId") }),
  run: ({ accessKeyId }, ctx) => deleteKey(accessKeyId, context(ctx)),
  done: (_, { accessKeyId }) => `Deleted AccessKey ${accessKeyId}.`,
  failure: "The AccessKey could not be deleted. Try again.",
});
