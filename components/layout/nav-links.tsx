"use client";

import { Bell, BookOpen, Boxes, FileSearch, KeyRound, LayoutDashboard, Lightbulb, Route, Settings, ShieldAlert, ShieldCheck, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/auth/password";
import { CAN, roleCan } from "@/lib/auth/roles";
import { SECTIONS } from "./console-sections";

interface NavLink {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Who sees the link: the right its page checks (lib/auth/roles.ts). */
  roles: readonly Role[];
}

const GROUPS: { title: string; links: NavLink[] }[] = [
  {
    title: "Overview",
    links: [{ ...SECTIONS.dashboard, icon: LayoutDashboard, roles: CAN.readEvents }],
  },
  {
    title: "Events",
    links: [
      { ...SECTIONS.events, icon: FileSearch, roles: CAN.readEvents },
      { ...SECTIONS.insights, icon: Lightbulb, roles: CAN.readInsights },
    ],
  },
  {
    title: "Investigate",
    links: [
      { ...SECTIONS.accessKeys, icon: KeyRound, roles: CAN.auditAccessKeys },
      { ...SECTIONS.resources, icon: Boxes, roles: CAN.readActivity },
    ],
  },
  {
    title: "Configure",
    links: [
      { ...SECTIONS.trails, icon: Route, roles: CAN.readTrails },
      { ...SECTIONS.alerts, icon: Bell, roles: CAN.readAlerts },
      { ...SECTIONS.integrity, icon: ShieldCheck, roles: CAN.integrity },
      { ...SECTIONS.sensitiveActions, icon: ShieldAlert, roles: CAN.readSensitiveCatalog },
      { ...SECTIONS.settings, icon: Settings, roles: CAN.manageUsers },
    ],
  },
  {
    title: "Help",
    links: [{ ...SECTIONS.apiDocs, icon: BookOpen, roles: CAN.readEvents }],
  },
];

function matches(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ role }: { role: Role }) {
  const pathname = usePathname();
  const visible = GROUPS.map((g) => ({ ...g, links: g.links.filter((l) => roleCan(role, l.roles)) })).filter((g) => g.links.length);
  // The most specific link wins: /settings/sensitive-actions is not also "Settings".
  const active = visible
    .flatMap((g) => g.links)
    .filter((l) => matches(pathname, l.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="flex flex-col gap-3 px-2 py-3">
      {visible.map((g) => (
        <div key={g.title} className="flex flex-col gap-0.5">
          <p className="px-2 pb-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{g.title}</p>
          {g.links.map(({ href, label, icon: Icon }) => (
            <Link
              key={href}
              href={href}
              aria-current={href === active ? "page" : undefined}
              className={`flex items-center gap-2 rounded-md px-2 py-1.5 ${href === active ? "bg-slate-800 text-white" : "hover:bg-slate-800/60 hover:text-white"}`}
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </Link>
          ))}
        </div>
      ))}
    </nav>
  );
}
