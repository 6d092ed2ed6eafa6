import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/logo";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { isHttpsRequest } from "@/lib/auth/request-info";
import { getSessionUser } from "@/lib/auth/session";
import { sessionEndedNotice } from "@/lib/auth/session-messages";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; ended?: string | string[] }> }) {
  const params = await searchParams;
  const h = await headers();
  // The console's own origin as this request reached it; a callbackUrl must stay on it.
  const origin = `${isHttpsRequest((n) => h.get(n)) ? "https" : "http"}://${h.get("host") ?? "localhost"}`;
  const target = safeCallbackPath([params.callbackUrl].flat()[0], origin);
  if (await getSessionUser()) redirect(target);
  const notice = sessionEndedNotice([params.ended].flat()[0]);
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-b from-slate-100 to-slate-200 px-4">
      <div className="w-full max-w-sm">
        <Logo className="mb-6 justify-center text-lg" />
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">Sign in to the console</h1>
          <p className="mb-5 text-slate-500">Audit events, trails and AccessKey activity.</p>
          {notice && (
            <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
              {notice}
            </p>
          )}
          <LoginForm callbackUrl={target} />
        </div>
      </div>
    </main>
  );
}
