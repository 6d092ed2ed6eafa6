// What the start log says about demo users under each case of the demo policy (lib/seed/demo-notes.ts).
import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/lib/auth/demo";
import { demoStartNotes, type DemoNotesInput } from "@/lib/seed/demo-notes";

const base: DemoNotesInput = { host: "127.0.0.1", loopback: true, allowed: true, userCount: 3, onDemoPassword: [...DEMO_USERS] };
const text = (input: Partial<DemoNotesInput>) => demoStartNotes({ ...base, ...input }).join("\n");

describe("demoStartNotes", () => {
  it("prints the demo sign-ins on loopback, and only those still on their demo password", () => {
    expect(text({})).toContain("Demo sign-ins:\n  admin     / trailkeeper-admin      (admin)");
    const two = text({ onDemoPassword: DEMO_USERS.slice(1) });
    expect(two).not.toContain("trailkeeper-admin");
    expect(two).toContain("auditor   / trailkeeper-auditor");
    expect(text({ onDemoPassword: [] })).toBe("");
    expect(text({})).not.toMatch(/WARNING/);
  });

  it("on a reachable HOST without users says how to create the first admin, the password on standard input", () => {
    const t = text({ host: "0.0.0.0", loopback: false, allowed: false, userCount: 0, onDemoPassword: [], withheld: "new-store" });
    expect(t).toContain("No console users yet. As the console listens on 0.0.0.0 (HOST), which other machines can reach, no demo users,\ndemo ingest token or demo events were created");
    expect(t).toContain("password is read from standard input:\n  npm run cli -- user create --username NAME --role admin");
    expect(t).not.toContain("--password");
    expect(t).toContain("TRAILKEEPER_DEMO=1");
  });

  it("on a reachable HOST names the demo users that cannot sign in and how to set a password, without their passwords", () => {
    const t = text({ host: "10.0.0.5", loopback: false, allowed: false, onDemoPassword: DEMO_USERS.slice(0, 2) });
    expect(t).toContain("These demo users still have their published demo password and cannot sign in, because the console listens on 10.0.0.5 (HOST), which other machines can reach:\n  admin, auditor");
    expect(t).toContain("  npm run cli -- user set-password --username admin\n  npm run cli -- user set-password --username auditor");
    expect(t).not.toContain("security");
    expect(t).not.toContain("Demo sign-ins");
    for (const u of DEMO_USERS) expect(t).not.toContain(u.password);
  });

  it("with TRAILKEEPER_DEMO=1 on a reachable HOST warns before the sign-ins", () => {
    const lines = demoStartNotes({ ...base, host: "0.0.0.0", loopback: false, allowed: true });
    const warning = lines.findIndex((l) => l.includes("WARNING"));
    expect(warning).toBeGreaterThan(-1);
    expect(lines[warning]).toBe("!! WARNING: TRAILKEEPER_DEMO=1 and the console listens on 0.0.0.0 (HOST), which other machines can reach.");
    expect(lines[warning + 1]).toBe("!! Anyone who can reach it can sign in with the published demo passwords below, as an admin too.");
    expect(lines.indexOf("Demo sign-ins:")).toBeGreaterThan(warning);
    // Nothing open, nothing to warn about.
    expect(demoStartNotes({ ...base, host: "0.0.0.0", loopback: false, allowed: true, onDemoPassword: [] })).toEqual([]);
  });
});
