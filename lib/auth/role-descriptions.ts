// What each role may do, in the console's words (Settings, the account page). Its own module, free of
// server code, because client components show it.
import type { Role } from "./password";

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "everything",
  auditor: "read and export events, read trails",
  security: "auditor + insights, AccessKey audit, IP lists",
};
