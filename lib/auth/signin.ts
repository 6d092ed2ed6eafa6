// One console sign-in attempt, from the throttle to the session: what the Credentials provider's
// authorize() runs (lib/auth/options.ts). Kept free of next-auth so the integration tests call it as is.
import { recordAuditEvent } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { createConsoleSession } from "./console-sessions";
import { demoAllowed, isDemoCredential } from "./demo";
import { isRole, verifyPasswordOrDummy, type Role } from "./password";
import { recordSigninFailure, type SigninFailureReason } from "./signin-failures";
import { consumeSigninAttempt, forgetSigninFailures } from "./signin-throttle";
import type { SigninErrorCode } from "./signin-messages";

export type SigninResult =
  | { ok: true; user: { id: number; username: string; role: Role }; sessionId: string }
  | { ok: false; code: Exclude<SigninErrorCode, "TooManyAttempts">; retryAfterSeconds?: undefined }
  | { ok: false; code: "TooManyAttempts"; retryAfterSeconds: number };

export interface SigninAttempt {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}

/** Usernames are at most 64 characters (lib/users/users.ts); longer input cannot name a user. */
const MAX_USERNAME = 128;
const MAX_PASSWORD = 1024;

export async function signInWithPassword(attempt: SigninAttempt): Promise<SigninResult> {
  const username = attempt.username.trim().slice(0, MAX_USERNAME);
  // bcrypt reads 72 bytes at most; the cap only keeps absurd bodies from being hashed.
  const password = attempt.password.slice(0, MAX_PASSWORD);
  const { ip, userAgent } = attempt;
  if (!username || !password) return { ok: false, code: "CredentialsSignin" };

  const decision = await consumeSigninAttempt(ip, username);
  if (!decision.allowed) {
    await recordSigninFailure({ ip, username, reason: "Throttled", now: attempt.now });
    return { ok: false, code: "TooManyAttempts", retryAfterSeconds: decision.retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({ where: { username }, select: { id: true, username: true, role: true, passwordHash: true, disabled: true } });
  // The same bcrypt work whether or not the user exists, and the same answer.
  const passwordOk = await verifyPasswordOrDummy(password, user?.passwordHash ?? null);
  const failure: SigninFailureReason | null = !user
    ? "UserNotFound"
    : !passwordOk
      ? "InvalidPassword"
      : // Told apart only once the password is right: nobody learns more without it.
        isDemoCredential(username, password) && !demoAllowed()
        ? "DemoPasswordRefused"
        : user.disabled || !isRole(user.role)
          ? "AccountDisabled"
          : null;
  if (failure || !user) {
    await recordSigninFailure({ ip, username, reason: failure ?? "UserNotFound", now: attempt.now });
    return { ok: false, code: failure === "DemoPasswordRefused" || failure === "AccountDisabled" ? failure : "CredentialsSignin" };
  }
  const role = user.role as Role;

  await forgetSigninFailures(ip, username);
  const sessionId = await createConsoleSession({ userId: user.id, ip, userAgent, now: attempt.now });
  // A success is recorded at once, one event each (failures are counted per minute: signin-failures.ts).
  await recordAuditEvent({
    actor: { username: user.username, kind: "console-user", ip, userAgent },
    eventName: "ConsoleSignin",
    eventType: "ConsoleSignin",
    serviceName: "AasSub",
    isGlobal: true,
    requestParameters: {},
    additionalEventData: { loginAccount: user.username, MFAUsed: "false", loginResult: "Success" },
  });
  return { ok: true, user: { id: user.id, username: user.username, role }, sessionId };
}
