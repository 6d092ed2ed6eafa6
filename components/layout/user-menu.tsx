"use client";

import { KeyRound, LogOut, UserCog, UserRound } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session";

export function UserMenu({ user }: { user: SessionUser }) {
  const router = useRouter();
  // redirect: false: next-auth would otherwise send the browser to NEXTAUTH_URL's host, which may not be ours.
  async function signOutHere() {
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  }
  return (
    <div className="flex items-center gap-3">
      <span className="flex items-center gap-1.5 text-slate-700">
        <UserRound className="size-4" aria-hidden />
        <span className="font-medium">{user.username}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{user.role}</span>
      </span>
      <Link href="/account" className="flex items-center gap-1 rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100" title="Your password and session">
        <UserCog className="size-4" aria-hidden />
        Account
      </Link>
      <Link href="/account/access-keys" className="flex items-center gap-1 rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100">
        <KeyRound className="size-4" aria-hidden />
        AccessKeys
      </Link>
      <button
        type="button"
        onClick={signOutHere}
        className="flex items-center gap-1 rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100"
      >
        <LogOut className="size-4" aria-hidden />
        Sign out
      </button>
    </div>
  );
}
