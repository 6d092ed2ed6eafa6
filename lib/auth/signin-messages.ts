// What the sign-in form says for each refusal. Shared by the server (which answers with the code) and the
// form (which shows the text), so the words live in one place. No server imports: the form bundles it.

export type SigninErrorCode = "CredentialsSignin" | "TooManyAttempts" | "DemoPasswordRefused" | "AccountDisabled";

/** "1 minute", "4 minutes": when to try again, in whole minutes rounded up (the form counts the seconds). */
export function retryAfterText(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/** "3:59": the countdown on the sign-in button. */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function signinErrorMessage(code: string | null | undefined, context: { username?: string; retryAfterSeconds?: number } = {}): string {
  switch (code) {
    case "CredentialsSignin":
      return "The username or password is incorrect.";
    case "TooManyAttempts":
      return context.retryAfterSeconds && context.retryAfterSeconds > 0
        ? `Too many failed sign-ins. Try again in ${retryAfterText(context.retryAfterSeconds)}.`
        : "Too many failed sign-ins. You can try again now.";
    case "DemoPasswordRefused": {
      const name = context.username || "admin";
      return (
        `${name} still has the published demo password, which does not sign in on a console other machines can reach. ` +
        `Set a password on the server first: npm run cli -- user set-password --username ${name}`
      );
    }
    case "AccountDisabled":
      return "This account is disabled. Ask an administrator to enable it.";
    default:
      return "Sign-in failed. Try again.";
  }
}
