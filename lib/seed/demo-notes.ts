// What the start log says about the demo users, from the demo policy (lib/auth/demo.ts) and the store's
// state. A pure function of its input, so each case is tested without starting a server.
import type { DemoUser } from "./seed-database";

export interface DemoNotesInput {
  host: string;
  loopback: boolean;
  /** demoAllowed(): the demo passwords may sign in here. */
  allowed: boolean;
  /** Console users in the store, after the demo setup ran. */
  userCount: number;
  /** Demo users (not disabled) whose password is still the published one. */
  onDemoPassword: DemoUser[];
  /** What the demo setup did not do because the policy forbids it here. */
  withheld?: "new-store" | "seeding";
}

const CLI = "npm run cli --";

/** The start log's lines about the demo users and, on a store without users, the first admin. */
export function demoStartNotes(input: DemoNotesInput): string[] {
  const { host, loopback, allowed, userCount, onDemoPassword, withheld } = input;
  const reachable = `the console listens on ${host} (HOST), which other machines can reach`;
  const lines: string[] = [];

  if (userCount === 0) {
    lines.push(
      `No console users yet. As ${reachable}, no demo users,`,
      "demo ingest token or demo events were created (docs/deployment.md). Create the first admin; the",
      "password is read from standard input:",
      `  ${CLI} user create --username NAME --role admin`,
      "For a public demo with the published demo passwords instead, start with TRAILKEEPER_DEMO=1.",
    );
    return lines;
  }
  if (withheld === "seeding") {
    lines.push(`The demo events were not all created yet; the rest follow at a start on 127.0.0.1 or with TRAILKEEPER_DEMO=1.`);
  }
  if (onDemoPassword.length === 0) return lines;

  if (!allowed) {
    lines.push(
      `These demo users still have their published demo password and cannot sign in, because ${reachable}:`,
      `  ${onDemoPassword.map((u) => u.username).join(", ")}`,
      "Give each a password of its own (read from standard input), or start with TRAILKEEPER_DEMO=1 for a",
      "public demo:",
      ...onDemoPassword.map((u) => `  ${CLI} user set-password --username ${u.username}`),
    );
    return lines;
  }
  if (!loopback) {
    const bar = "!".repeat(100);
    lines.push(
      bar,
      `!! WARNING: TRAILKEEPER_DEMO=1 and ${reachable}.`,
      `!! Anyone who can reach it can sign in with the published demo passwords below${onDemoPassword.some((u) => u.role === "admin") ? ", as an admin too" : ""}.`,
      "!! Use this only for a public demo that holds nothing real.",
      bar,
    );
  }
  lines.push("Demo sign-ins:", ...onDemoPassword.map((u) => `  ${u.username.padEnd(9)} / ${u.password.padEnd(22)} (${u.role})`));
  return lines;
}
