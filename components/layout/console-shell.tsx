import Link from "next/link";
import { Suspense } from "react";
import { Logo } from "@/components/ui/logo";
import type { SessionUser } from "@/lib/auth/session";
import { NavLinks } from "./nav-links";
import { RegionSelector } from "./region-selector";
import { UserMenu } from "./user-menu";
import { ViewerRoleProvider } from "./viewer";

export function ConsoleShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      {/* The dark column runs the page's full height; the navigation inside it stays in view. */}
      <div className="hidden w-56 shrink-0 border-r border-slate-800 bg-slate-900 md:block">
        <aside className="sticky top-0 flex h-screen flex-col text-slate-300">
          <Link href="/dashboard" className="flex h-14 items-center px-4 text-white">
            <Logo />
          </Link>
          <NavLinks role={user.role} />
        </aside>
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4">
          <Link href="/dashboard" className="md:hidden">
            <Logo />
          </Link>
          <Suspense fallback={<div className="h-8 w-56" />}>
            <RegionSelector />
          </Suspense>
          <div className="ml-auto">
            <UserMenu user={user} />
          </div>
        </header>
        <main className="min-w-0 flex-1 p-4 md:p-6">
          <ViewerRoleProvider role={user.role}>{children}</ViewerRoleProvider>
        </main>
      </div>
    </div>
  );
}
