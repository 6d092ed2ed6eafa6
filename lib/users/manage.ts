// Changes to console users, shared by the CLI and the console. Each takes the actor and records its own
// self-audit event (CreateConsoleUser, UpdateConsoleUser, DeleteConsoleUser, ChangeConsoleUserPassword),
// so a change reads the same whoever made it and wherever; a password is never part of an event.
// A change that affects a user's sessions takes effect at that user's next request (lib/auth/console-sessions.ts):
// disabling, deleting and a new password end them; a new role is read on every request.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { endUserSessions } from "@/lib/auth/console-sessions";
import { demoAllowed, isDemoCredential } from "@/lib/auth/demo";
import { hashPassword, verifyPassword, type Role } from "@/lib/auth/password";
import { consumeSigninAttempt, forgetSigninFailures } from "@/lib/auth/signin-throttle";
import { retryAfterText } from "@/lib/auth/signin-messages";
import { prisma } from "@/lib/db";
import { Conflict, InvalidInput, NotFound, Throttled } from "@/lib/errors";
import { createUser, describeUserFields, USER_SUMMARY, ZPassword, ZRole, type UserSummary } from "./users";

export interface ServiceContext {
  actor: Actor;
}

const USER_RESOURCE = "ACS::Actiontrail::ConsoleUser";

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** One field's problem, as a sentence of its own. */
function fieldProblem(field: string, message: string): InvalidInput {
  return new InvalidInput(message, { fields: { [field]: [message] } });
}

function record(ctx: ServiceContext, eventName: string, requestParameters: Record<string, unknown>, username: string) {
  return recordAuditEvent({ actor: ctx.actor, eventName, requestParameters, resources: { [USER_RESOURCE]: [username] } });
}

/**
 * Runs `fn` in a serializable transaction, retried when the store reports a conflict: two admins demoting
 * each other at the same moment must not both pass the last-admin check (PostgreSQL aborts one; SQLite
 * serialises writers anyway).
 */
async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(fn, { isolationLevel: "Serializable" });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const conflict = code === "P2034" || /could not serialize|deadlock|SQLITE_BUSY|database is locked/i.test(String((e as Error).message));
      if (!conflict || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

async function findOrFail(tx: Tx, username: string) {
  const user = await tx.user.findUnique({ where: { username }, select: { ...USER_SUMMARY, passwordHash: true } });
  if (!user) throw new NotFound(`There is no console user ${username}`);
  return user;
}

/** The last enabled admin cannot be disabled, demoted or deleted: the console would have nobody to run it. */
async function keepAnAdmin(tx: Tx, user: { id: number; username: string; role: string; disabled: boolean }, change: string) {
  if (user.role !== "admin" || user.disabled) return;
  const others = await tx.user.count({ where: { role: "admin", disabled: false, NOT: { id: user.id } } });
  if (others === 0) throw new Conflict(`${user.username} is the only enabled admin and cannot be ${change}: make another user an admin first`);
}

function summary(u: UserSummary): UserSummary {
  return { id: u.id, username: u.username, role: u.role as Role, disabled: u.disabled, createdAt: u.createdAt };
}

export async function createConsoleUser(ctx: ServiceContext, input: { username: string; password: string; role: string }): Promise<UserSummary> {
  refuseDemoPassword(input.username, input.password);
  const user = await createUser(input);
  await record(ctx, "CreateConsoleUser", { UserName: user.username, Role: user.role }, user.username);
  return user;
}

export interface ChangeResult {
  user: UserSummary;
  /** False when the user already was as asked (nothing changed, nothing recorded). */
  changed: boolean;
}

/** Disables (its sessions end; it cannot sign in) or enables a user. */
export async function setConsoleUserDisabled(ctx: ServiceContext, input: { username: string; disabled: boolean }): Promise<ChangeResult> {
  const result = await inTransaction(async (tx) => {
    const user = await findOrFail(tx, input.username);
    if (user.disabled === input.disabled) return { user: summary(user as UserSummary), changed: false };
    if (input.disabled) await keepAnAdmin(tx, user, "disabled");
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabled: input.disabled }, select: USER_SUMMARY });
    if (input.disabled) await endUserSessions(user.id, "disabled", new Date(), tx);
    return { user: summary(updated as UserSummary), changed: true };
  });
  if (result.changed) await record(ctx, "UpdateConsoleUser", { UserName: result.user.username, Status: input.disabled ? "Disabled" : "Enabled" }, result.user.username);
  return result;
}

/** A new role, in force from the user's next request. */
export async function setConsoleUserRole(ctx: ServiceContext, input: { username: string; role: string }): Promise<ChangeResult & { previousRole: Role }> {
  const role = ZRole.safeParse(input.role);
  if (!role.success) throw InvalidInput.ofZod(role.error, describeUserFields);
  const result = await inTransaction(async (tx) => {
    const user = await findOrFail(tx, input.username);
    const previousRole = user.role as Role;
    if (user.role === role.data) return { user: summary(user as UserSummary), changed: false, previousRole };
    if (role.data !== "admin") await keepAnAdmin(tx, user, "given another role");
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: role.data }, select: USER_SUMMARY });
    return { user: summary(updated as UserSummary), changed: true, previousRole };
  });
  if (result.changed) await record(ctx, "UpdateConsoleUser", { UserName: result.user.username, Role: result.user.role, PreviousRole: result.previousRole }, result.user.username);
  return result;
}

/** Deletes a user with its sessions and AccessKeys; its events stay. */
export async function deleteConsoleUser(ctx: ServiceContext, input: { username: string }): Promise<UserSummary> {
  const user = await inTransaction(async (tx) => {
    const user = await findOrFail(tx, input.username);
    await keepAnAdmin(tx, user, "deleted");
    await tx.user.delete({ where: { id: user.id } });
    return summary(user as UserSummary);
  });
  await record(ctx, "DeleteConsoleUser", { UserName: user.username, Role: user.role }, user.username);
  return user;
}

/** The published demo passwords never become a password again where demo sign-ins are refused. */
function refuseDemoPassword(username: string, password: string, field = "password") {
  if (isDemoCredential(username, password) && !demoAllowed()) {
    throw fieldProblem(field, "password is the published demo password of this user; choose another");
  }
}

async function storePassword(ctx: ServiceContext, user: { id: number; username: string }, password: string, now: Date) {
  const passwordHash = await hashPassword(password);
  await inTransaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    await endUserSessions(user.id, "password", now, tx);
  });
  await recordAuditEvent({ actor: ctx.actor, eventName: "ChangeConsoleUserPassword", requestParameters: { UserName: user.username }, resources: { [USER_RESOURCE]: [user.username] } });
}

/** An administrator's (or the operator's) new password for a user; the user's sessions end. */
export async function setConsoleUserPassword(ctx: ServiceContext, input: { username: string; password: string }): Promise<UserSummary> {
  const password = ZPassword.safeParse(input.password);
  if (!password.success) throw InvalidInput.ofZod(password.error, describeUserFields);
  refuseDemoPassword(input.username, password.data);
  const user = await findOrFail(prisma, input.username);
  await storePassword(ctx, user, password.data, new Date());
  return summary(user as UserSummary);
}

/**
 * A user's own new password, given the current one. Wrong current passwords count against the sign-in
 * throttle of that user and address, so the form cannot be used to guess passwords either. Every session
 * of the user ends, this one included: the next page asks to sign in with the new password.
 */
export async function changeOwnPassword(ctx: ServiceContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const username = ctx.actor.username;
  const password = ZPassword.safeParse(input.newPassword);
  if (!password.success) throw fieldProblem("newPassword", `New ${password.error.issues[0].message}`);
  if (!input.currentPassword) throw fieldProblem("currentPassword", "Enter your current password.");
  const decision = await consumeSigninAttempt(ctx.actor.ip ?? null, username);
  if (!decision.allowed) {
    const message = `Too many wrong passwords. Try again in ${retryAfterText(decision.retryAfterSeconds)}.`;
    throw new Throttled(message, { fields: { currentPassword: [message] }, retryAfter: decision.retryAfterSeconds });
  }
  const user = await findOrFail(prisma, username);
  if (!(await verifyPassword(input.currentPassword.slice(0, 1024), user.passwordHash))) {
    throw fieldProblem("currentPassword", "The current password is incorrect.");
  }
  await forgetSigninFailures(ctx.actor.ip ?? null, username);
  if (input.currentPassword === password.data) throw fieldProblem("newPassword", "The new password must differ from the current one.");
  refuseDemoPassword(username, password.data, "newPassword");
  await storePassword(ctx, user, password.data, new Date());
}
