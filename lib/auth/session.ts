import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import type { Actor } from "@/lib/audit/record";
import { checkConsoleSession, type EndReason } from "./console-sessions";
import { sessionCookieName } from "./options";
import type { Role } from "./password";
import { CAN, roleCan } from "./roles";
import { clientIp } from "./request-info";
import { getAuthSecret } from "./secret";
import { sessionEndedMessage } from "./session-messages";

export interface SessionUser {
  username: string;
  role: Role;
}

/** Which roles may do what (docs/actiontrail.md "Roles"). */
export { CAN, roleCan };

/** The signed-in user; or why there is none: no session cookie at all, or the reason its session ended. */
export type SessionState = { user: SessionUser; sessionId: string } | { user: null; ended: EndReason | null };

/** The session cookie's value: one cookie, or next-auth's chunks (name.0, name.1, …) for a large token. */
async function sessionCookie(): Promise<string | undefined> {
  const jar = await cookies();
  const name = sessionCookieName();
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

/**
 * The session of this request, checked against the database on every call (lib/auth/console-sessions.ts):
 * signing out, a disabled or deleted user, a new password, idleness and the 12-hour limit end it, and
 * the role is the user's role now. Cached per request: the layout, the page and its parts ask once.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const value = await sessionCookie();
  if (!value) return { user: null, ended: null };
  let token: Awaited<ReturnType<typeof decode>>;
  try {
    token = await decode({ token: value, secret: getAuthSecret() });
  } catch {
    // Expired, or signed with another secret: a cookie that names no session.
    return { user: null, ended: "expired" };
  }
  // A cookie from before sessions were kept in the database names none: sign in again.
  if (!token || typeof token.sid !== "string") return { user: null, ended: "ended" };
  const check = await checkConsoleSession(token.sid);
  if (!check.ok) return { user: null, ended: check.reason };
  return { user: { username: check.user.username, role: check.user.role }, sessionId: check.sessionId };
});

export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSessionState()).user;
}

/** For pages and server actions: the signed-in user with one of `roles`, else a redirect. */
export async function requireUser(roles: readonly Role[] = CAN.readEvents): Promise<SessionUser> {
  const state = await getSessionState();
  if (!state.user) redirect(state.ended ? `/login?ended=${state.ended}` : "/login");
  if (!roles.includes(state.user.role)) redirect(`/forbidden?need=${roles.join(",")}`);
  return state.user;
}

/** For route handlers: the user, or a 401/403 JSON response to return as is. */
export async function authorizeRequest(
  roles: readonly Role[],
): Promise<{ user: SessionUser; response?: undefined } | { user?: undefined; response: NextResponse }> {
  const state = await getSessionState();
  if (!state.user) {
    const message = state.ended ? `${sessionEndedMessage(state.ended)} Sign in again.` : "Sign in first.";
    return { response: NextResponse.json({ error: "Unauthorized", message }, { status: 401 }) };
  }
  const user = state.user;
  if (!roles.includes(user.role)) {
    return { response: NextResponse.json({ error: "Forbidden", message: `This needs the role ${roles.join(" or ")}; you are ${user.role}.` }, { status: 403 }) };
  }
  return { user };
}

/** The actor of a console change, for the self-audit record. */
export async function consoleActor(user: SessionUser): Promise<Actor> {
  const h = await headers();
  return { username: user.username, kind: "console-user", ip: clientIp((n) => h.get(n)), userAgent: h.get("user-agent") };
}
