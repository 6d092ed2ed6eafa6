import bcrypt from "bcryptjs";

/** bcrypt cost: about 60 ms a hash here, slow enough for stored passwords, quick enough for sign-in. */
const COST = 10;

export const ROLES = ["admin", "auditor", "security"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
