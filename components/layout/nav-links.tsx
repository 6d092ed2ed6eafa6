"use client";

import { FileSearch, Route, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/auth/password";

const LINKS = [
  { href: "/events", label: "Event Detail Query", icon: FileSearch, roles: ["admin", "auditor", "security"] },
  { href: "/trails", label: "Trails", icon: Route, roles: ["admin", "auditor", "security"] },
  { href: "/settings", label: "Settings", icon: Settings, roles: ["admin"] },
] as const;

export function NavLinks({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2 py-3">
      <p className="px-2 pb-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">Events</p>
      {LINKS.filter((l) => (l.roles as readonly string[]).includes(role)).map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md px-2 py-1.5 ${active ? "bg-slate-800 text-white" : "hover:bg-slate-800/60 hover:text-white"}`}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
