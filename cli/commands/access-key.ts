// access-key create|list|enable|disable|delete: AccessKey pairs of console users for the compatible API.
// The operator may manage every key; lib/access-keys/manage.ts records each change as a RAM event.
import { listAccessKeys } from "@/lib/access-keys/access-keys";
import { createKeyForUser, deleteKey, updateKeyStatus } from "@/lib/access-keys/manage";
import { cliActor, formatDate, parseCommandArgs, printList, requireOption, UsageError } from "./common";

export async function accessKeyCreate(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { user: { type: "string" }, json: { type: "boolean" } });
  const username = requireOption(values.user, "user");
  const key = await createKeyForUser(username, { actor: cliActor() });
  if (values.json) console.log(JSON.stringify(key));
  else {
    console.log(`Created AccessKey ${key.accessKeyId} for ${username}.`);
    console.log(`AccessKeySecret (shown once): ${key.accessKeySecret}`);
  }
  return 0;
}

export async function accessKeyList(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { user: { type: "string" } });
  printList(await listAccessKeys({ username: values.user }), "No AccessKeys.", {
    "ACCESS KEY ID": (k) => k.accessKeyId,
    USER: (k) => k.username,
    ROLE: (k) => k.role,
    STATUS: (k) => k.status,
    CREATED: (k) => formatDate(k.createdAt),
    "LAST USED": (k) => formatDate(k.lastUsedAt),
  });
  return 0;
}

function keyId(args: string[]): string {
  const { positionals } = parseCommandArgs(args, {}, 1);
  if (!positionals[0]) throw new UsageError("Name the AccessKey ID");
  return positionals[0];
}

export async function accessKeyEnable(args: string[]): Promise<number> {
  const id = keyId(args);
  await updateKeyStatus(id, "Active", { actor: cliActor() });
  console.log(`AccessKey ${id} is Active.`);
  return 0;
}

export async function accessKeyDisable(args: string[]): Promise<number> {
  const id = keyId(args);
  await updateKeyStatus(id, "Inactive", { actor: cliActor() });
  console.log(`AccessKey ${id} is Inactive.`);
  return 0;
}

export async function accessKeyDelete(args: string[]): Promise<number> {
  const id = keyId(args);
  await deleteKey(id, { actor: cliActor() });
  console.log(`Deleted AccessKey ${id}.`);
  return 0;
}
