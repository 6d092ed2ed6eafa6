// Changes to AccessKey pairs from the console and the CLI: who may touch which key, and the RAM event
// (global, serviceName Ram, as in ActionTrail) that records each change. Both front ends call these.
import { z } from "zod";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/password";
import { CAN, roleCan } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { Forbidden, InvalidInput, joinFieldMessages, NotFound } from "@/lib/errors";
import { ACCESS_KEY_STATUSES, createAccessKey, deleteAccessKey, listAccessKeys, setAccessKeyStatus, type AccessKeySummary } from "./access-keys";

/** The console user asking. The CLI passes none: the operator may manage every key. */
export interface KeyRequester {
  username: string;
  role: Role;
}

export interface KeyChangeContext {
  actor: Actor;
  requester?: KeyRequester;
}

// What the console's forms and the CLI may ask for, checked here so both refuse alike.
const ZAccessKeyId = z
  .string({ error: "Name the AccessKey ID." })
  .regex(/^[A-Za-z0-9]{8,64}$/, "An AccessKey ID is 8 to 64 letters and digits.");
const ZCreateKey = z.object({
  username: z.string({ error: "Choose a user." }).trim().min(1, "Choose a user.").max(64, "A username is at most 64 characters."),
});
const ZKeyStatus = z.object({
  accessKeyId: ZAccessKeyId,
  status: z.enum(ACCESS_KEY_STATUSES, { error: "The status is Active or Inactive." }),
});
const ZKey = z.object({ accessKeyId: ZAccessKeyId });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error, joinFieldMessages(" "));
  return parsed.data;
}

const KEY_RESOURCE = "ACS::RAM::AccessKey";
const USER_RESOURCE = "ACS::RAM::User";
/** RAM's error code for a call the caller is not allowed to make. */
const NO_PERMISSION = "NoPermission";

/** Administrators (and the operator) manage every key; everyone else only their own. */
export function mayManageKeysOf(requester: KeyRequester | undefined, owner: string): boolean {
  return !requester || roleCan(requester.role, CAN.manageAnyAccessKey) || requester.username === owner;
}

function audit(ctx: KeyChangeContext, eventName: string, params: Record<string, unknown>, refused?: string) {
  const keyId = (params.AccessKeyId ?? params.UserAccessKeyId) as string | undefined;
  return recordAuditEvent({
    actor: ctx.actor,
    eventName,
    serviceName: "Ram",
    isGlobal: true,
    requestParameters: params,
    resources: keyId ? { [KEY_RESOURCE]: [keyId] } : { [USER_RESOURCE]: [String(params.UserName)] },
    ...(refused ? { errorCode: NO_PERMISSION, errorMessage: refused } : {}),
  });
}

/** A refused attempt is recorded too (with errorCode NoPermission): forged requests are worth a look. */
async function refuse(ctx: KeyChangeContext, eventName: string, params: Record<string, unknown>, message: string): Promise<never> {
  await audit(ctx, eventName, params, message);
  throw new Forbidden(message);
}

function notYours(accessKeyId: string): string {
  return `AccessKey ${accessKeyId} is not yours: only an administrator can manage other users' AccessKeys.`;
}

/** The owner of a key, or NotFound when there is no such key. */
async function ownerOf(accessKeyId: string): Promise<string> {
  const row = await prisma.accessKey.findUnique({ where: { id: accessKeyId }, select: { user: { select: { username: true } } } });
  if (!row) throw new NotFound(`There is no AccessKey ${accessKeyId}.`);
  return row.user.username;
}

/** Creates a pair for `username`; the secret in the result is the only copy in clear. */
export async function createKeyForUser(owner: string, ctx: KeyChangeContext): Promise<{ accessKeyId: string; accessKeySecret: string }> {
  const { username } = parse(ZCreateKey, { username: owner });
  if (!mayManageKeysOf(ctx.requester, username)) {
    await refuse(ctx, "CreateAccessKey", { UserName: username }, "Only an administrator can create AccessKeys for other users.");
  }
  const key = await createAccessKey({ username });
  await audit(ctx, "CreateAccessKey", { UserName: username, AccessKeyId: key.accessKeyId });
  return key;
}

/** Enables or disables a key (UpdateAccessKey); a disabled key is refused by the API until enabled. */
export async function updateKeyStatus(id: string, wanted: string, ctx: KeyChangeContext): Promise<AccessKeySummary> {
  const { accessKeyId, status } = parse(ZKeyStatus, { accessKeyId: id, status: wanted });
  const owner = await ownerOf(accessKeyId);
  const params = { UserName: owner, UserAccessKeyId: accessKeyId, Status: status };
  if (!mayManageKeysOf(ctx.requester, owner)) await refuse(ctx, "UpdateAccessKey", params, notYours(accessKeyId));
  const key = await setAccessKeyStatus(accessKeyId, status);
  await audit(ctx, "UpdateAccessKey", params);
  return key;
}

export async function deleteKey(id: string, ctx: KeyChangeContext): Promise<void> {
  const { accessKeyId } = parse(ZKey, { accessKeyId: id });
  const owner = await ownerOf(accessKeyId);
  const params = { UserName: owner, UserAccessKeyId: accessKeyId };
  if (!mayManageKeysOf(ctx.requester, owner)) await refuse(ctx, "DeleteAccessKey", params, notYours(accessKeyId));
  await deleteAccessKey(accessKeyId);
  await audit(ctx, "DeleteAccessKey", params);
}

/** The keys a console user may see: their own, or (administrators) everyone's, optionally one user's. */
export function listKeysFor(requester: KeyRequester, options: { username?: string } = {}): Promise<AccessKeySummary[]> {
  if (!roleCan(requester.role, CAN.manageAnyAccessKey)) return listAccessKeys({ username: requester.username });
  return listAccessKeys({ username: options.username });
}
