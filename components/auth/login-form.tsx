"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { countdownText, signinErrorMessage, type SigninErrorCode } from "@/lib/auth/signin-messages";

type Problem = { code: SigninErrorCode | "Network"; username: string; until?: number };

/**
 * Posts to next-auth's credentials callback itself rather than through signIn() from next-auth/react:
 * that helper hides the response's status and headers, and a throttled attempt (429) must say, from
 * Retry-After, when to try again.
 */
async function postCredentials(username: string, password: string, callbackUrl: string): Promise<{ ok: true } | Problem> {
  const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl, json: "true" }),
    cache: "no-store",
  });
  if (res.status === 429) {
    const seconds = Number(res.headers.get("Retry-After"));
    return { code: "TooManyAttempts", username, until: Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000 };
  }
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, window.location.href).searchParams.get("error") : "Sign-in failed";
  if (res.ok && !error) return { ok: true };
  const known: SigninErrorCode[] = ["CredentialsSignin", "DemoPasswordRefused", "AccountDisabled", "TooManyAttempts"];
  return { code: known.includes(error as SigninErrorCode) ? (error as SigninErrorCode) : "CredentialsSignin", username };
}

/** Seconds left until `until`, ticking once a second (0 when passed or unset). */
function useSecondsLeft(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const secondsLeft = useSecondsLeft(problem?.until);
  const waiting = problem?.code === "TooManyAttempts" && secondsLeft > 0;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setProblem(null);
    let result: { ok: true } | Problem;
    try {
      result = await postCredentials(String(form.get("username") ?? "").trim(), String(form.get("password") ?? ""), callbackUrl);
    } catch {
      result = { code: "Network", username: "" };
    }
    if ("ok" in result) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    setProblem(result);
  }

  const message =
    problem &&
    (problem.code === "Network"
      ? "The console could not be reached. Check your connection and try again."
      : signinErrorMessage(problem.code, { username: problem.username, retryAfterSeconds: secondsLeft }));

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Username" htmlFor="username">
        <Input id="username" name="username" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {message && (
        <p role="alert" className={`rounded-md px-3 py-2 ${problem?.code === "TooManyAttempts" && !waiting ? "bg-slate-100 text-slate-700" : "bg-red-50 text-red-700"}`}>
          {message}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending || waiting}>
        {pending ? "Signing in…" : waiting ? `Try again in ${countdownText(secondsLeft)}` : "Sign in"}
      </Button>
    </form>
  );
}
