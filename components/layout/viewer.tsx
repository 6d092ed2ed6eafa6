"use client";

import { createContext, useContext } from "react";
import type { Role } from "@/lib/auth/password";
import { roleCan } from "@/lib/auth/roles";

// The signed-in user's role, for client components that offer links only some roles may follow (the
// pages and actions behind them check the role again themselves).
const ViewerRole = createContext<Role | null>(null);

export function ViewerRoleProvider({ role, children }: { role: Role; children: React.ReactNode }) {
  return <ViewerRole.Provider value={role}>{children}</ViewerRole.Provider>;
}

/** Whether the viewer's role is among `roles` (false outside the console shell). */
export function useViewerCan(roles: readonly Role[]): boolean {
  const role = useContext(ViewerRole);
  return role !== null && roleCan(role, roles);
}
