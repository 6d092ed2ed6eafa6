// Console sessions kept in the database (console_sessions). The session cookie (a next-auth JWT) only
// names a row; every request checks that row and its user, so what happens to a user takes effect at the
// user's next request: disabled or deleted, a new password, a new role. A session also ends after
// TRAILKEEPER_SESSION_IDLE_MINUTES without a request (default 30) and 12 hours after sign-in at most.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { isRole, type Role } from "./password";

export const SESSION_MAX_HOURS = 12;
const SESSION_MAX_MS = SESSION_MAX_HOURS * 3600 * 1000;
const DEFAULT_IDLE_MINUTES = 30;
/** lastSeenAt is written at most this often (or a quarter of the idle limit, when that is shorter). */
const TOUCH_EVERY_MS = 60_000;
/** Rows of sessions over this long ago are deleted by the worker's sign-in step. */
const KEEP_ENDED_MS = 7 * 24 * 3600 * 1000;

export const END_REASONS = ["signout", "idle", "expired", "disabled", "password", "deleted", "ended"] as const;
export type EndReason = (typeof END_REASONS)[number];

export function isEndReason(value: unknown): value is EndReason {
  return typeof value === "string" && (END_REASONS as readonly string[]).includes(value);
}

/**
 * TRAILKEEPER_SESSION_IDLE_MINUTES in milliseconds: a number of minutes above 0 and at most 720
 * (fractions allowed, e.g. 0.5); anything else is refused with a warning and the default used.
 */
export function sessionIdleMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRAILKEEPER_SESSION_IDLE_MINUTES?.trim();
  if (!raw) return DEFAULT_IDLE_MINUTES * 60_000;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > SESSION_MAX_HOURS * 60) {
    warnOnce(`TRAILKEEPER_SESSION_IDLE_MINUTES must be a number of minutes above 0 and at most ${SESSION_MAX_HOURS * 60}, not "${raw}"; using ${DEFAULT_IDLE_MINUTES}`);
    return DEFAULT_IDLE_MINUTES * 60_000;
  }
  return Math.round(minutes * 60_000);
}

let warned = false;
function warnOnce(message: string) {
  if (!warned) console.warn(`[sessions] ${message}`);
  warned = true;
}

/** "30 minutes", "1 minute", "6 seconds": a duration as the sign-in page states it. */
export function describeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 !== 0 || seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = seconds / 60;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Opens a session for a user who just signed in; returns its id (128 random bits). */
export async function createConsoleSession(input: { userId: number; ip: string | null; userAgent: string | null; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const id = randomBytes(16).toString("base64url");
  await prisma.consoleSession.create({
    data: { id, userId: input.userId, createdAt: now, lastSeenAt: now, ip: input.ip, userAgent: input.userAgent?.slice(0, 512) ?? null },
  });
  return id;
}

export interface LiveSession {
  ok: true;
  sessionId: string;
  user: { id: number; username: string; role: Role };
}
export type SessionCheck = LiveSession | { ok: false; reason: EndReason };

/** Ends one session if it is still open; true when this call ended it. */
export async function endConsoleSession(sessionId: string, reason: EndReason, now = new Date()): Promise<boolean> {
  const r = await prisma.consoleSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return r.count > 0;
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Ends every open session of a user (disabled, new password); returns how many were open. */
export async function endUserSessions(userId: number, reason: EndReason, now = new Date(), tx: Tx = prisma): Promise<number> {
  const r = await tx.consoleSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return r.count;
}

/**
 * Whether the session may make this request, checked against the database: the row exists and is open,
 * its user is enabled and has not changed password since the session began, it is not idle and not
 * older than 12 hours. A session found over a limit is ended here with its reason. The role returned is
 * the user's role now, not the one at sign-in.
 */
export async function checkConsoleSession(sessionId: string, now = new Date()): Promise<SessionCheck> {
  const row = await prisma.consoleSession.findUnique({
    where: { id: sessionId },
    select: {
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      endReason: true,
      user: { select: { id: true, username: true, role: true, disabled: true, passwordChangedAt: true } },
    },
  });
  // Rows go with their user (ON DELETE CASCADE); the worker prunes only rows whose cookie has expired.
  if (!row) return { ok: false, reason: "deleted" };
  if (row.endedAt) return { ok: false, reason: isEndReason(row.endReason) ? row.endReason : "ended" };
  const { user } = row;
  const idle = sessionIdleMs();
  let reason: EndReason | null = null;
  if (user.disabled) reason = "disabled";
  else if (user.passwordChangedAt && user.passwordChangedAt > row.createdAt) reason = "password";
  else if (now.getTime() - row.createdAt.getTime() >= SESSION_MAX_MS) reason = "expired";
  else if (now.getTime() - row.lastSeenAt.getTime() >= idle) reason = "idle";
  else if (!isRole(user.role)) reason = "ended";
  if (reason) {
    await endConsoleSession(sessionId, reason, now);
    return { ok: false, reason };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= Math.min(TOUCH_EVERY_MS, idle / 4)) {
    await prisma.consoleSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { ok: true, sessionId, user: { id: user.id, username: user.username, role: user.role as Role } };
}

/** Deletes rows of sessions that ended, or began, more than a week ago (their cookies expired long since). */
export async function pruneConsoleSessions(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEEP_ENDED_MS);
  const r = await prisma.consoleSession.deleteMany({ where: { OR: [{ endedAt: { lt: before } }, { createdAt: { lt: before } }] } });
  return r.count;
}

/** When and from where a session began (the account page shows it). */
export function findConsoleSession(sessionId: string) {
  return prisma.consoleSession.findUnique({ where: { id: sessionId }, select: { createdAt: true, ip: true, userAgent: true } });
}
