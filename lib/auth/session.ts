import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import type { Actor } from "@/lib/audit/record";
import { authOptions } from "./options";
import { isRole, type Role } from "./password";
import { clientIp } from "./request-info";

export interface SessionUser {
  username: string;
  role: Role;
}

/** Which roles may do what (DESIGN.md "console user"). */
export const CAN = {
  readEvents: ["admin", "auditor", "security"],
  exportEvents: ["admin", "auditor", "security"],
  manageUsers: ["admin"],
  manageTokens: ["admin"],
  /** Every console user manages their own AccessKeys; only admins manage other users' keys. */
  manageOwnAccessKeys: ["admin", "auditor", "security"],
  manageAnyAccessKey: ["admin"],
  readSensitiveCatalog: ["admin", "auditor", "security"],
  editSensitiveCatalog: ["admin"],
  readTrails: ["admin", "auditor", "security"],
  manageTrails: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { name?: string; role?: unknown } | undefined;
  if (!user?.name || !isRole(user.role)) return null;
  return { username: user.name, role: user.role };
}

/** For pages and server actions: the signed-in user with one of `roles`, else a redirect. */
export async function requireUser(roles: readonly Role[] = CAN.readEvents): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!roles.includes(user.role)) redirect(`/forbidden?need=${roles.join(",")}`);
  return user;
}

/** For route handlers: the user, or a 401/403 JSON response to return as is. */
export async function authorizeRequest(
  roles: readonly Role[],
): Promise<{ user: SessionUser; response?: undefined } | { user?: undefined; response: NextResponse }> {
  const user = await getSessionUser();
  if (!user) return { response: NextResponse.json({ error: "Unauthorized", message: "Sign in first." }, { status: 401 }) };
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
