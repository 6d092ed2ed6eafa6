// next-auth's configuration, built per request by the route (app/api/auth/[...nextauth]/route.ts): the
// cookies are Secure when the request came over HTTPS through a trusted proxy, and the Credentials
// provider reports a throttle refusal back to the route, which answers it with 429 and Retry-After.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAuditEvent } from "@/lib/audit/record";
import { safeCallbackPath } from "./callback-url";
import { endConsoleSession, SESSION_MAX_HOURS } from "./console-sessions";
import { getAuthSecret } from "./secret";
import { signInWithPassword } from "./signin";

/** The request the options are built for (read by the route from the headers). */
export interface AuthRequest {
  ip: string | null;
  userAgent: string | null;
  /** The client used HTTPS (lib/auth/request-info.ts isHttpsRequest). */
  https: boolean;
}

/** Filled in while next-auth handles the request, for the route to read afterwards. */
export interface AuthOutcome {
  retryAfterSeconds?: number;
}

/**
 * next-auth decides the cookie names once, from NEXTAUTH_URL (https: "__Secure-" names), and the proxy's
 * withAuth (proxy.ts) looks for the same names; only the Secure attribute is decided per request.
 */
function secureByDefault(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return `${secureByDefault() ? "__Secure-" : ""}next-auth.session-token`;
}

function cookie(name: string, secure: boolean) {
  return { name, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

export function authOptionsFor(request: AuthRequest, outcome: AuthOutcome = {}): NextAuthOptions {
  const byDefault = secureByDefault();
  const secure = byDefault || request.https;
  const prefix = byDefault ? "__Secure-" : "";
  return {
    secret: getAuthSecret(),
    // A little past the session row's own 12 hours, so the row's check ends it first and the sign-in
    // page can say why (an expired cookie is simply absent to the proxy and the pages).
    session: { strategy: "jwt", maxAge: SESSION_MAX_HOURS * 3600 + 600 },
    pages: { signIn: "/login" },
    cookies: {
      sessionToken: cookie(sessionCookieName(), secure),
      callbackUrl: cookie(`${prefix}next-auth.callback-url`, secure),
      csrfToken: cookie(`${byDefault ? "__Host-" : ""}next-auth.csrf-token`, secure),
    },
    providers: [
      CredentialsProvider({
        name: "Trailkeeper",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const result = await signInWithPassword({
            username: String(credentials?.username ?? ""),
            password: String(credentials?.password ?? ""),
            ip: request.ip,
            userAgent: request.userAgent,
          });
          if (result.ok) return { id: String(result.user.id), name: result.user.username, sid: result.sessionId };
          if (result.code === "TooManyAttempts") outcome.retryAfterSeconds = result.retryAfterSeconds;
          // next-auth answers 401 with ?error=<message>; the form turns the code into words.
          if (result.code === "CredentialsSignin") return null;
          throw new Error(result.code);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // The cookie carries the session's id only; the role and everything else come from the database.
        if (user) {
          token.sid = (user as unknown as { sid: string }).sid;
          token.name = user.name;
        }
        return token;
      },
      redirect({ url, baseUrl }) {
        // The form navigates itself; whatever next-auth redirects to follows the same rule.
        return safeCallbackPath(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (!sid || !(await endConsoleSession(sid, "signout"))) return;
        await recordAuditEvent({
          actor: { username: String(token.name ?? "unknown"), kind: "console-user", ip: request.ip, userAgent: request.userAgent },
          eventName: "ConsoleSignout",
          eventType: "ConsoleSignin",
          serviceName: "AasSub",
          isGlobal: true,
          requestParameters: {},
          additionalEventData: { loginAccount: String(token.name ?? "") },
        });
      },
    },
  };
}
