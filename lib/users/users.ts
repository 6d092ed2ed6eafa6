// Console users (people who sign in), as opposed to the RAM users that appear inside events.
// Shared by the CLI, the start script's demo setup and the console.
import { z } from "zod";
import { prisma } from "@/lib/db";
import { unlessTaken } from "@/lib/db/unique";
import { hashPassword, ROLES, type Role } from "@/lib/auth/password";
import { Conflict, InvalidInput, joinFieldMessages } from "@/lib/errors";

export const ZUsername = z
  .string({ error: "username is required" })
  .min(3, "username must be 3 to 64 characters")
  .max(64, "username must be 3 to 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "username may contain only letters, digits and . _ - @");

/** bcrypt reads the first 72 bytes of a password and ignores the rest: refused rather than silently cut. */
export const ZPassword = z
  .string({ error: "password is required" })
  .min(8, "password must be at least 8 characters")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "password must be at most 72 bytes");

export const ZRole = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });

export const ZCreateUserInput = z.object({ username: ZUsername, password: ZPassword, role: ZRole });
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export interface UserSummary {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

export const USER_SUMMARY = { id: true, username: true, role: true, disabled: true, createdAt: true } as const;
const SUMMARY = USER_SUMMARY;

/** The user messages name their field ("username must be …"): joined as they are. */
export const describeUserFields = joinFieldMessages("; ");

/**
 * Creates a console user; throws InvalidInput for invalid input, Conflict for a username already taken.
 * Records nothing: console and CLI call createConsoleUser (lib/users/manage.ts), which records the change.
 */
export async function createUser(input: { username: string; password: string; role: string }): Promise<UserSummary> {
  const parsed = ZCreateUserInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error, describeUserFields);
  const { username, password, role } = parsed.data;
  const taken = new Conflict(`User ${username} already exists`, { fields: { username: [`User ${username} already exists`] } });
  if (await findUserByUsername(username)) throw taken;
  const passwordHash = await hashPassword(password);
  const user = await unlessTaken(prisma.user.create({ data: { username, passwordHash, role }, select: SUMMARY }), taken);
  return user as UserSummary;
}

/** The full row (with passwordHash, for sign-in), or null. */
export function findUserByUsername(username: string) {
  return prisma.user.findUnique({ where: { username } });
}

export function countUsers(): Promise<number> {
  return prisma.user.count();
}

export async function listUsers(): Promise<UserSummary[]> {
  const users = await prisma.user.findMany({ select: SUMMARY, orderBy: { id: "asc" } });
  return users as UserSummary[];
}
