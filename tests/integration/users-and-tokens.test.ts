// Console users, ingest tokens, the seed and the first-start demo setup, on every store.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import { createIngestToken, hashIngestToken, listIngestTokens, revokeIngestToken, verifyIngestToken } from "@/lib/ingest-tokens/tokens";
import { DEMO_USERS, ensureDemoSetup, seedEvents } from "@/lib/seed/seed-database";
import type { Actor } from "@/lib/audit/record";
import { Conflict, InvalidInput } from "@/lib/errors";
import { countUsers, createUser, findUserByUsername, listUsers } from "@/lib/users/users";
import { STORES, useFreshDatabase, onFreshStore } from "../helpers/db";

const OPERATOR: Actor = { username: "token-test-operator", kind: "cli" };

describe.each(STORES)("users, ingest tokens and seeding on %s", (store) => {
  onFreshStore(store);

  it("creates users with hashed passwords and rejects bad or duplicate input", async () => {
    const user = await createUser({ username: "carol@example.com", password: "correct-horse", role: "security" });
    expect(user).toMatchObject({ username: "carol@example.com", role: "security" });
    const found = await findUserByUsername("carol@example.com");
    expect(found?.passwordHash).not.toContain("correct-horse");
    expect(await verifyPassword("correct-horse", found!.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong-horse", found!.passwordHash)).toBe(false);
    expect(await findUserByUsername("nobody")).toBeNull();

    await expect(createUser({ username: "carol@example.com", password: "other-password", role: "admin" })).rejects.toThrow(
      new Conflict("User carol@example.com already exists", { fields: { username: ["User carol@example.com already exists"] } }),
    );
    await expect(createUser({ username: "ab", password: "long-enough", role: "admin" })).rejects.toThrow(/username must be 3 to 64 characters/);
    await expect(createUser({ username: "bad name", password: "long-enough", role: "admin" })).rejects.toThrow(/letters, digits and \. _ - @/);
    await expect(createUser({ username: "dave", password: "short", role: "admin" })).rejects.toThrow(/password must be at least 8 characters/);
    await expect(createUser({ username: "dave", password: "long-enough", role: "owner" })).rejects.toBeInstanceOf(InvalidInput);

    expect(await countUsers()).toBe(1);
    const list = await listUsers();
    expect(list).toEqual([{ id: user.id, username: "carol@example.com", role: "security", disabled: false, createdAt: expect.any(Date) }]);
  });

  it("creates, verifies and revokes ingest tokens, storing only their hash", async () => {
    const { id, token } = await createIngestToken({ label: "edge" }, { actor: OPERATOR });
    expect(id).toMatch(/^itk_[a-z0-9]{12}$/);
    expect(token).toMatch(/^tk_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.ingestToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashIngestToken(token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.lastUsedAt).toBeNull();

    const verified = await verifyIngestToken(token);
    expect(verified).toMatchObject({ id, label: "edge", revokedAt: null });
    const firstUse = (await prisma.ingestToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(firstUse).toBeInstanceOf(Date);
    // Within a minute of the last use, verifying does not write again.
    await verifyIngestToken(token);
    expect((await prisma.ingestToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(firstUse);

    expect(await verifyIngestToken(`${token}x`)).toBeNull();
    expect(await verifyIngestToken("")).toBeNull();
    expect((await listIngestTokens()).map((t) => t.id)).toContain(id);

    const revoked = await revokeIngestToken(id, { actor: OPERATOR });
    expect(revoked?.alreadyRevoked).toBe(false);
    expect(revoked?.token.revokedAt).toBeInstanceOf(Date);
    expect(await verifyIngestToken(token)).toBeNull();
    expect((await revokeIngestToken(id, { actor: OPERATOR }))?.alreadyRevoked).toBe(true);
    expect(await revokeIngestToken("itk_unknown", { actor: OPERATOR })).toBeNull();
  });

  it("seeds generated events through ingestion, in batches of 1,000", async () => {
    const before = await prisma.event.count();
    const progress: [number, number][] = [];
    const result = await seedEvents({ count: 2000, onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toMatchObject({ inserted: 2000, duplicates: 0, failed: 0 });
    expect(result.seconds).toBeGreaterThan(0);
    expect(progress).toEqual([[1000, 2000], [2000, 2000]]);
    expect(await prisma.event.count()).toBe(before + 2000);
    expect(await prisma.eventResource.count()).toBeGreaterThan(0);
    expect(await prisma.eventFacet.count()).toBeGreaterThan(0);
  });

  it("sets up the demo once on an empty database, and finishes an interrupted setup", async () => {
    await useFreshDatabase(store);
    const previous = process.env.TRAILKEEPER_SEED_EVENTS;
    process.env.TRAILKEEPER_SEED_EVENTS = "300";
    try {
      const first = await ensureDemoSetup();
      expect(first.createdUsers).toEqual(DEMO_USERS);
      expect(first.seeded).toBe(300);
      expect(await verifyIngestToken(first.ingestToken!)).not.toBeNull();
      for (const u of DEMO_USERS) {
        const row = await findUserByUsername(u.username);
        expect(row?.role).toBe(u.role);
        expect(await verifyPassword(u.password, row!.passwordHash)).toBe(true);
      }
      const setupAudit = await prisma.event.count({ where: { serviceName: "Actiontrail", userName: "trailkeeper-setup" } });
      expect(setupAudit).toBe(DEMO_USERS.length + 1);
      const events = await prisma.event.count();
      expect(events).toBe(300 + setupAudit);

      const second = await ensureDemoSetup();
      expect(second).toEqual({ createdUsers: [], seeded: 0 });
      expect(await countUsers()).toBe(DEMO_USERS.length);
      expect(await prisma.ingestToken.count()).toBe(1);
      expect(await prisma.event.count()).toBe(events);

      // A first start stopped while seeding leaves the marker behind; the next start seeds the rest.
      await prisma.setting.update({ where: { key: "demoSetup" }, data: { value: "seeding:350" } });
      expect(await ensureDemoSetup()).toEqual({ createdUsers: [], seeded: 50 });
      expect(await ensureDemoSetup()).toEqual({ createdUsers: [], seeded: 0 });
    } finally {
      if (previous === undefined) delete process.env.TRAILKEEPER_SEED_EVENTS;
      else process.env.TRAILKEEPER_SEED_EVENTS = previous;
    }
  });
});
