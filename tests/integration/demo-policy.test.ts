// The demo policy at start (issue 9 "Demo users never open a real deployment"): a store started on a
// reachable HOST without TRAILKEEPER_DEMO=1 gets no demo users, token or events; demo users still on their
// published password are found (to be named in the start log), on every store.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { disconnectDb, prisma } from "@/lib/db";
import { DEMO_USERS, ensureDemoSetup, findUsersOnDemoPassword } from "@/lib/seed/seed-database";
import { createUser } from "@/lib/users/users";
import { STORES, useFreshDatabase } from "../helpers/db";

const ENV_KEYS = ["HOST", "TRAILKEEPER_DEMO", "TRAILKEEPER_SEED_EVENTS"] as const;

async function storeContents() {
  return {
    users: await prisma.user.count(),
    tokens: await prisma.ingestToken.count(),
    events: await prisma.event.count(),
    marker: (await prisma.setting.findUnique({ where: { key: "demoSetup" } }))?.value ?? null,
  };
}

describe.each(STORES)("the demo policy on %s", (store) => {
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};
  beforeEach(async () => {
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    process.env.TRAILKEEPER_SEED_EVENTS = "40";
    await useFreshDatabase(store);
  });
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  afterAll(async () => {
    await disconnectDb();
  });

  it("creates nothing on a new store when HOST is reachable and there is no opt-in", async () => {
    process.env.HOST = "0.0.0.0";
    delete process.env.TRAILKEEPER_DEMO;
    const result = await ensureDemoSetup();
    expect(result).toEqual({ createdUsers: [], seeded: 0, withheld: "new-store" });
    // No users, no token and not one fake audit event (nor the setup's own CreateConsoleUser events).
    expect(await storeContents()).toEqual({ users: 0, tokens: 0, events: 0, marker: null });
    expect(await findUsersOnDemoPassword()).toEqual([]);

    // Still a new store: the same store started on loopback gets the demo.
    process.env.HOST = "127.0.0.1";
    const later = await ensureDemoSetup();
    expect(later.createdUsers.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
    expect(later.seeded).toBe(40);
  });

  it("creates the demo on a reachable HOST with TRAILKEEPER_DEMO=1, and on the loopback default", async () => {
    process.env.HOST = "192.0.2.10";
    process.env.TRAILKEEPER_DEMO = "1";
    const result = await ensureDemoSetup();
    expect(result.createdUsers).toEqual(DEMO_USERS);
    expect(result.ingestToken).toMatch(/^tk_/);
    expect(result.seeded).toBe(40);
    expect(result.withheld).toBeUndefined();
    expect(await findUsersOnDemoPassword()).toEqual(DEMO_USERS);

    await useFreshDatabase(store);
    delete process.env.HOST;
    delete process.env.TRAILKEEPER_DEMO;
    expect((await ensureDemoSetup()).createdUsers).toEqual(DEMO_USERS);
  });

  it("leaves a store an operator set up alone, wherever it listens", async () => {
    await createUser({ username: "ops-admin", password: "a-real-password", role: "admin" });
    for (const allowed of [false, true]) {
      expect(await ensureDemoSetup({ allowed })).toEqual({ createdUsers: [], seeded: 0 });
    }
    expect(await storeContents()).toEqual({ users: 1, tokens: 0, events: 0, marker: null });
  });

  it("does not finish an interrupted demo seeding off loopback, and does on loopback", async () => {
    const first = await ensureDemoSetup({ allowed: true });
    const events = await prisma.event.count();
    await prisma.setting.update({ where: { key: "demoSetup" }, data: { value: `seeding:${first.seeded + 25}` } });
    expect(await ensureDemoSetup({ allowed: false })).toEqual({ createdUsers: [], seeded: 0, withheld: "seeding" });
    expect(await prisma.event.count()).toBe(events);
    expect(await ensureDemoSetup({ allowed: true })).toEqual({ createdUsers: [], seeded: 25 });
  });

  it("finds the demo users still on their published password, not those given another one or disabled", async () => {
    await ensureDemoSetup({ allowed: true });
    expect((await findUsersOnDemoPassword()).map((u) => u.username)).toEqual(["admin", "auditor", "security"]);

    await prisma.user.update({ where: { username: "auditor" }, data: { passwordHash: await hashPassword("not-the-demo-one") } });
    await prisma.user.update({ where: { username: "security" }, data: { disabled: true } });
    // A changed role is what the start log prints.
    await prisma.user.update({ where: { username: "admin" }, data: { role: "auditor" } });
    expect(await findUsersOnDemoPassword()).toEqual([{ username: "admin", password: "trailkeeper-admin", role: "auditor" }]);

    // Another user with a demo password but not a demo username is not a demo user.
    await createUser({ username: "guest", password: "trailkeeper-admin", role: "admin" });
    expect((await findUsersOnDemoPassword()).map((u) => u.username)).toEqual(["admin"]);
  });
});
