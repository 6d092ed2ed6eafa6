// Who may do what: the one table of role rights, used by pages, actions, route handlers and the API.
// Kept apart from session.ts so code outside a request (the compatible API's tests) can read it.
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
  /** AccessKey audit is security's (docs/actiontrail.md "Roles": security = auditor + insights, AccessKey audit, IP lists). */
  auditAccessKeys: ["admin", "security"],
} as const satisfies Record<string, readonly Role[]>;
