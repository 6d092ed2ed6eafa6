// access-key create|list|enable|disable|delete: AccessKey pairs of console users for the compatible API.
import { recordAuditEvent } from "@/lib/audit/record";
import { createAccessKey, deleteAccessKey, listAccessKeys, setAccessKeyStatus } from "@/lib/access-keys/access-keys";
import { cliActor, formatDate, formatTable, parseCommandArgs, requireOption, UsageError } from "./common";

/** AccessKey changes are RAM events in ActionTrail: global, serviceName Ram. */
function audit(eventName: string, requestParameters: Record<string, unknown>) {
  return recordAuditEvent({ actor: cliActor(), eventName, serviceName: "Ram", isGlobal: true, requestParameters });
}

export async function accessKeyCreate(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { user: { type: "string" }, json: { type: "boolean" } });
  const username = requireOption(values.user, "user");
  const key = await createAccessKey({ username });
  await audit("CreateAccessKey", { UserName: username, AccessKeyId: key.accessKeyId });
  if (values.json) console.log(JSON.stringify(key));
  else {
    console.log(`Created AccessKey ${key.accessKeyId} for ${username}.`);
    console.log(`AccessKeySecret (shown once): ${key.accessKeySecret}`);
  }
  return 0;
}

export async function accessKeyList(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { user: { type: "string" } });
  const keys = await listAccessKeys({ username: values.user });
  if (keys.length === 0) console.log("No AccessKeys.");
  else console.log(formatTable(["ACCESS KEY ID", "USER", "ROLE", "STATUS", "CREATED", "LAST USED"], keys.map((k) => [k.accessKeyId, k.username, k.role, k.status, formatDate(k.createdAt), formatDate(k.lastUsedAt)])));
  return 0;
}

function keyId(args: string[]): string {
  const { positionals } = parseCommandArgs(args, {}, 1);
  if (!positionals[0]) throw new UsageError("Name the AccessKey ID");
  return positionals[0];
}

export async function accessKeyEnable(args: string[]): Promise<number> {
  const id = keyId(args);
  await setAccessKeyStatus(id, "Active");
  await audit("UpdateAccessKey", { UserAccessKeyId: id, Status: "Active" });
  console.log(`AccessKey ${id} is Active.`);
  return 0;
}

export async function accessKeyDisable(args: string[]): Promise<number> {
  const id = keyId(args);
  await setAccessKeyStatus(id, "Inactive");
  await audit("UpdateAccessKey", { UserAccessKeyId: id, Status: "Inactive" });
  console.log(`AccessKey ${id} is Inactive.`);
  return 0;
}

export async function accessKeyDelete(args: string[]): Promise<number> {
  const id = keyId(args);
  await deleteAccessKey(id);
  await audit("DeleteAccessKey", { UserAccessKeyId: id });
  console.log(`Deleted AccessKey ${id}.`);
  return 0;
}
