import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAuditEvent } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { getAuthSecret } from "./secret";
import { isRole, verifyPassword, type Role } from "./password";
import { clientIp } from "./request-info";

const SESSION_HOURS = 12;

async function authorize(credentials: Record<string, string> | undefined, headers: Record<string, unknown>) {
  const username = String(credentials?.username ?? "").trim().slice(0, 128);
  const password = String(credentials?.password ?? "");
  const ip = clientIp((name) => headers[name] as string | undefined);
  const userAgent = (headers["user-agent"] as string | undefined) ?? null;
  if (!username || !password) return null;
  const user = await prisma.user.findUnique({ where: { username }, select: { id: true, username: true, role: true, passwordHash: true } });
  const ok = !!user && (await verifyPassword(password, user.passwordHash));
  await recordAuditEvent({
    actor: { username, kind: "console-user", ip, userAgent },
    eventName: "ConsoleSignin",
    eventType: "ConsoleSignin",
    serviceName: "AasSub",
    isGlobal: true,
    requestParameters: {},
    additionalEventData: { loginAccount: username, MFAUsed: "false", loginResult: ok ? "Success" : "Failure" },
    ...(ok ? {} : { errorCode: user ? "InvalidPassword" : "UserNotFound", errorMessage: "The username or password is incorrect." }),
  });
  if (!ok || !isRole(user.role)) return null;
  return { id: String(user.id), name: user.username, role: user.role };
}

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Trailkeeper",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authorize(credentials, (req?.headers ?? {}) as Record<string, unknown>),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.role = (user as unknown as { role: Role }).role;
        token.name = user.name;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.name = token.name as string;
        (session.user as { role?: Role }).role = token.role as Role;
      }
      return session;
    },
  },
};
