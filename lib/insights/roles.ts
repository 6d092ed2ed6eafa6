// Who may do what with insights, IP lists and alerts (docs/actiontrail.md "Roles": security = auditor + insights and
// IP lists; tracking alert rules are defined by administrators).
import type { Role } from "@/lib/auth/password";

export const INSIGHT_CAN = {
  readInsights: ["admin", "security"],
  manageIpLists: ["admin", "security"],
  readAlerts: ["admin", "security"],
  manageAlerts: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export function roleCan(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role);
}
