// Who may do what: the one table of role rights, used by pages, actions, route handlers, the API and the
// navigation (docs/actiontrail.md "Roles": security = auditor + insights, AccessKey audit, IP lists;
// tracking alert rules are defined by administrators). No server imports: client components read it too.
import type { Role } from "./password";

export const CAN = {
  readEvents: ["admin", "auditor", "security"],
  exportEvents: ["admin", "auditor", "security"],
  manageUsers: ["admin"],
  manageTokens: ["admin"],
  /** Every console user manages their own AccessKeys; only admins manage other users' keys. */
  manageOwnAccessKeys: ["admin", "auditor", "security"],
  manageAnyAccessKey: ["admin"],
  readSensitiveCatalog: ["admin", "auditor", "security"],
  editSensitiveCatalog: ["admin"],
  readTrails: ["admin", "auditor", "security"],
  manageTrails: ["admin"],
  /** What a RAM user did, and a resource's lifecycle: readers of events. */
  readActivity: ["admin", "auditor", "security"],
  auditAccessKeys: ["admin", "security"],
  readInsights: ["admin", "security"],
  manageIpLists: ["admin", "security"],
  readAlerts: ["admin", "security"],
  /** The Integrity page: digests, verifications and "Verify now", the public keys' download. */
  integrity: ["admin", "security"],
  manageAlerts: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

/** Whether `role` has the right `roles` (one of the CAN entries). */
export function roleCan(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role);
}
