// The demo set-up and when it is allowed. The demo users' passwords are published in the README, so they
// may only open a console that nobody else can reach: one listening on a loopback address, unless the
// operator opts in to a public demo with TRAILKEEPER_DEMO=1 (docs/deployment.md).
import { isIP } from "node:net";
import type { Role } from "./password";

type Env = Record<string, string | undefined>;

export const DEMO_USERS: readonly { username: string; password: string; role: Role }[] = [
  { username: "admin", password: "trailkeeper-admin", role: "admin" },
  { username: "auditor", password: "trailkeeper-auditor", role: "auditor" },
  { username: "security", password: "trailkeeper-security", role: "security" },
];

/** The address the console listens on: HOST, else 127.0.0.1 (only this machine can reach it). */
export function listenHost(env: Env = process.env): string {
  return env.HOST?.trim() || "127.0.0.1";
}

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || /^::ffff:127\./.test(h) || h === "0:0:0:0:0:0:0:1";
  return false;
}

/** TRAILKEEPER_DEMO=1: the operator's explicit opt-in to demo users and data on a reachable address. */
export function demoOptIn(env: Env = process.env): boolean {
  return env.TRAILKEEPER_DEMO === "1" || env.TRAILKEEPER_DEMO === "true";
}

/**
 * Demo users may be created and sign in with their published passwords: on a loopback address, unless
 * trusted proxies are configured (then a proxy on this machine makes the console reachable), or with the
 * explicit opt-in.
 */
export function demoAllowed(env: Env = process.env): boolean {
  if (demoOptIn(env)) return true;
  return isLoopbackHost(listenHost(env)) && !(env.TRAILKEEPER_TRUSTED_PROXIES ?? "").trim();
}

/** The demo user whose published password this is, if it is one (the sign-in check refuses it off loopback). */
export function isDemoCredential(username: string, password: string): boolean {
  return DEMO_USERS.some((u) => u.username === username && u.password === password);
}
