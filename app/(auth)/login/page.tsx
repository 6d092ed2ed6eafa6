import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/logo";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: a callbackUrl is attacker-controllable.
  const target = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/dashboard";
  if (await getSessionUser()) redirect(target);
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-b from-slate-100 to-slate-200 px-4">
      <div className="w-full max-w-sm">
        <Logo className="mb-6 justify-center text-lg" />
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">Sign in to the console</h1>
          <p className="mb-5 text-slate-500">Audit events, trails and AccessKey activity.</p>
          <LoginForm callbackUrl={target} />
        </div>
      </div>
    </main>
  );
}
