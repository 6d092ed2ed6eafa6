import { randomBytes } from "node:crypto";
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

// A hash of a random secret at the same cost, made once per process: comparing against it costs what a
// real comparison costs, so an unknown username answers as slowly as a known one.
let dummyHash: Promise<string> | undefined;

/** The stand-in hash compared when a username does not exist (exported for the test that checks it is used). */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("base64url"));
  return dummyHash;
}

/**
 * Compares `password` with the user's hash, or with the stand-in hash when there is no such user, so both
 * cases take the same time. False for every password when `hash` is null.
 */
export async function verifyPasswordOrDummy(password: string, hash: string | null): Promise<boolean> {
  const ok = await verifyPassword(password, hash ?? (await dummyPasswordHash()));
  return ok && hash !== null;
}
