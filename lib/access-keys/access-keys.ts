// AccessKey pairs of console users, for the ActionTrail-compatible API. The id looks like Alibaba's
// (LTAI + 20 characters); the secret (30 characters) is returned once and stored sealed.
import { randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { bool, dateOf, db, sql } from "@/lib/db/sql";
import { NotFound } from "@/lib/errors";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const ACCESS_KEY_STATUSES = ["Active", "Inactive"] as const;
export type AccessKeyStatus = (typeof ACCESS_KEY_STATUSES)[number];

export interface AccessKeySummary {
  accessKeyId: string;
  username: string;
  role: string;
  status: AccessKeyStatus;
  createdAt: Date;
  lastUsedAt: Date | null;
}

function randomString(length: number): string {
  // 248 = 4 × 62: rejecting larger bytes keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) if (b < 248 && out.length < length) out += ALPHANUMERIC[b % 62];
  }
  return out;
}

function summary(row: { id: string; status: string; createdAt: Date; lastUsedAt: Date | null; user: { username: string; role: string } }): AccessKeySummary {
  return { accessKeyId: row.id, username: row.user.username, role: row.user.role, status: row.status as AccessKeyStatus, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
}

const SELECT = { id: true, status: true, createdAt: true, lastUsedAt: true, user: { select: { username: true, role: true } } } as const;

/** Creates a pair for a console user; the returned secret is the only copy in clear. */
export async function createAccessKey(input: { username: string }): Promise<{ accessKeyId: string; accessKeySecret: string }> {
  const user = await prisma.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (!user) throw new NotFound(`There is no console user ${input.username}`);
  const accessKeyId = `LTAI${randomString(20)}`;
  const accessKeySecret = randomString(30);
  await prisma.accessKey.create({ data: { id: accessKeyId, userId: user.id, secretEncrypted: sealSecret(accessKeySecret) } });
  return { accessKeyId, accessKeySecret };
}

/** What the signature check needs: the owner, the status and the secret in clear. Null for an unknown id. */
/**
 * The key a signed call names, with its secret opened, or null. On every API call, so one indexed read in
 * raw SQL (on SQLite a cached statement on the direct connection) instead of the ORM's query.
 */
export async function getAccessKeyForSigning(accessKeyId: string): Promise<(AccessKeySummary & { secret: string }) | null> {
  const row = await db.one<{ id: string; status: string; created_at: unknown; last_used_at: unknown; secret_encrypted: string; username: string; role: string; disabled: unknown }>(sql`
    SELECT k.id, k.status, k.created_at, k.last_used_at, k.secret_encrypted, u.username, u.role, u.disabled
    FROM access_keys k JOIN users u ON u.id = k.user_id
    WHERE k.id = ${accessKeyId}`);
  if (!row) return null;
  // A disabled user's keys stop with their sessions (lib/users/manage.ts): the API treats them as inactive.
  return {
    accessKeyId: row.id,
    username: row.username,
    role: row.role,
    status: bool(row.disabled) ? "Inactive" : (row.status as AccessKeyStatus),
    createdAt: dateOf(row.created_at)!,
    lastUsedAt: dateOf(row.last_used_at),
    secret: openSecret(row.secret_encrypted),
  };
}

/** lastUsedAt is refreshed at most this often, so a busy key does not write a row per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Notes a correctly signed call with the key (shown as "last used" in the console). */
export async function recordAccessKeyUse(key: Pick<AccessKeySummary, "accessKeyId" | "lastUsedAt">, now = new Date()): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await prisma.accessKey.updateMany({ where: { id: key.accessKeyId }, data: { lastUsedAt: now } });
}

export async function listAccessKeys(options: { username?: string } = {}): Promise<AccessKeySummary[]> {
  const rows = await prisma.accessKey.findMany({
    where: options.username ? { user: { username: options.username } } : {},
    select: SELECT,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(summary);
}

/** Enables or disables a key; a disabled key is refused by the API until it is enabled again. */
export async function setAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus): Promise<AccessKeySummary> {
  const row = await prisma.accessKey.findUnique({ where: { id: accessKeyId }, select: { id: true } });
  if (!row) throw new NotFound(`There is no AccessKey ${accessKeyId}`);
  return summary(await prisma.accessKey.update({ where: { id: accessKeyId }, data: { status }, select: SELECT }));
}

export async function deleteAccessKey(accessKeyId: string): Promise<void> {
  const { count } = await prisma.accessKey.deleteMany({ where: { id: accessKeyId } });
  if (count === 0) throw new NotFound(`There is no AccessKey ${accessKeyId}`);
}
