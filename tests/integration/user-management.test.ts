// The user services (lib/users/manage.ts) on every store: each change records its own event with the
// actor and never the password, ends sessions where it must, and keeps at least one enabled admin.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccessKey, getAccessKeyForSigning } from "@/lib/access-keys/access-keys";
import type { Actor } from "@/lib/audit/record";
import { checkConsoleSession, createConsoleSession } from "@/lib/auth/console-sessions";
import { verifyPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import {
  changeOwnPassword,
  createConsoleUser,
  deleteConsoleUser,
  setConsoleUserDisabled,
  setConsoleUserPassword,
  setConsoleUserRole,
} from "@/lib/users/manage";
import { Conflict, NotFound } from "@/lib/errors";
import { findUserByUsername } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";

const ACTOR: Actor = { username: "root-admin", kind: "console-user", ip: "198.51.100.9", userAgent: "Mozilla/5.0 (test)" };
const ctx = { actor: ACTOR };

async function lastEvent(eventName: string) {
  const row = await prisma.event.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });
  return { row, json: JSON.parse(row.raw) as Record<string, any> };
}

async function sessionOf(username: string) {
  const user = (await findUserByUsername(username))!;
  return createConsoleSession({ userId: user.id, ip: null, userAgent: null });
}

describe.each(STORES)("user management on %s", (store) => {
  onFreshStore(store);
  beforeAll(async () => {
    // AccessKey secrets are sealed with the server key.
    process.env.TRAILKEEPER_SERVER_KEY ??= randomBytes(32).toString("base64");
    await createConsoleUser(ctx, { username: "root-admin", password: "root-admin-password", role: "admin" });
  });

  it("records each change with the actor, its IP and user agent, and never a password", async () => {
    await createConsoleUser(ctx, { username: "dana", password: "dana-first-password", role: "auditor" });
    await setConsoleUserRole(ctx, { username: "dana", role: "security" });
    await setConsoleUserDisabled(ctx, { username: "dana", disabled: true });
    await setConsoleUserDisabled(ctx, { username: "dana", disabled: false });
    await setConsoleUserPassword(ctx, { username: "dana", password: "dana-second-password" });
    await deleteConsoleUser(ctx, { username: "dana" });

    const events = await prisma.event.findMany({ where: { serviceName: "Actiontrail", resourceName: "dana" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.eventName)).toEqual([
      "CreateConsoleUser",
      "UpdateConsoleUser",
      "UpdateConsoleUser",
      "UpdateConsoleUser",
      "ChangeConsoleUserPassword",
      "DeleteConsoleUser",
    ]);
    expect(events.map((e) => JSON.parse(e.raw).requestParameters)).toEqual([
      { UserName: "dana", Role: "auditor" },
      { UserName: "dana", Role: "security", PreviousRole: "auditor" },
      { UserName: "dana", Status: "Disabled" },
      { UserName: "dana", Status: "Enabled" },
      { UserName: "dana" },
      { UserName: "dana", Role: "security" },
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ userName: "root-admin", sourceIp: "198.51.100.9", eventType: "ConsoleOperation" });
      expect(JSON.parse(e.raw).userAgent).toBe("Mozilla/5.0 (test)");
      expect(e.raw).not.toMatch(/dana-(first|second)-password/);
    }
    expect(await findUserByUsername("dana")).toBeNull();
  });

  it("records nothing when nothing changes, and says what is wrong with bad input", async () => {
    await createConsoleUser(ctx, { username: "erin", password: "erin-password", role: "auditor" });
    const before = await prisma.event.count();
    expect((await setConsoleUserRole(ctx, { username: "erin", role: "auditor" })).changed).toBe(false);
    expect((await setConsoleUserDisabled(ctx, { username: "erin", disabled: false })).changed).toBe(false);
    expect(await prisma.event.count()).toBe(before);

    await expect(setConsoleUserRole(ctx, { username: "erin", role: "owner" })).rejects.toMatchObject({ code: "invalid-input", message: "role must be one of admin, auditor, security" });
    await expect(setConsoleUserDisabled(ctx, { username: "nobody", disabled: true })).rejects.toThrow(new NotFound("There is no console user nobody"));
    await expect(setConsoleUserPassword(ctx, { username: "erin", password: "short" })).rejects.toThrow(/at least 8 characters/);
    await expect(setConsoleUserPassword(ctx, { username: "erin", password: "x".repeat(73) })).rejects.toThrow(/at most 72 bytes/);
  });

  it("ends the user's sessions when disabled or given a new password, not when given a new role", async () => {
    await createConsoleUser(ctx, { username: "fay", password: "fay-password", role: "auditor" });
    let sid = await sessionOf("fay");
    await setConsoleUserRole(ctx, { username: "fay", role: "security" });
    const check = await checkConsoleSession(sid);
    expect(check.ok && check.user.role).toBe("security");

    const key = await createAccessKey({ username: "fay" });
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Active");
    await setConsoleUserDisabled(ctx, { username: "fay", disabled: true });
    expect(await prisma.consoleSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "disabled" });
    expect(await checkConsoleSession(sid)).toEqual({ ok: false, reason: "disabled" });
    // Their AccessKeys stop too: the compatible API refuses an inactive key.
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Inactive");
    await setConsoleUserDisabled(ctx, { username: "fay", disabled: false });
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Active");

    sid = await sessionOf("fay");
    await setConsoleUserPassword(ctx, { username: "fay", password: "fay-new-password" });
    expect(await checkConsoleSession(sid)).toEqual({ ok: false, reason: "password" });
    expect(await verifyPassword("fay-new-password", (await findUserByUsername("fay"))!.passwordHash)).toBe(true);
  });

  it("never leaves the console without an enabled admin", async () => {
    // root-admin is the only admin so far.
    await expect(setConsoleUserDisabled(ctx, { username: "root-admin", disabled: true })).rejects.toThrow(
      new Conflict("root-admin is the only enabled admin and cannot be disabled: make another user an admin first"),
    );
    await expect(setConsoleUserRole(ctx, { username: "root-admin", role: "auditor" })).rejects.toThrow(/only enabled admin and cannot be given another role/);
    await expect(deleteConsoleUser(ctx, { username: "root-admin" })).rejects.toThrow(/only enabled admin and cannot be deleted/);

    // A disabled admin does not count.
    await createConsoleUser(ctx, { username: "gus", password: "gus-password", role: "admin" });
    await setConsoleUserDisabled(ctx, { username: "gus", disabled: true });
    await expect(deleteConsoleUser(ctx, { username: "root-admin" })).rejects.toThrow(/only enabled admin/);
    await setConsoleUserDisabled(ctx, { username: "gus", disabled: false });

    // Two admins demoting each other at once: one of them stays admin.
    const results = await Promise.allSettled([
      setConsoleUserRole(ctx, { username: "gus", role: "auditor" }),
      setConsoleUserRole(ctx, { username: "root-admin", role: "auditor" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    expect(await prisma.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
    // Put things back for the next test.
    const demoted = (await prisma.user.findFirstOrThrow({ where: { username: { in: ["gus", "root-admin"] }, role: "auditor" } })).username;
    await setConsoleUserRole(ctx, { username: demoted, role: "admin" });
  });

  it("changes a user's own password only with the current one, and ends all of their sessions", async () => {
    await createConsoleUser(ctx, { username: "hal", password: "hal-password", role: "auditor" });
    const self = { actor: { ...ACTOR, username: "hal", ip: "198.51.100.33" } };
    const sid = await sessionOf("hal");
    await expect(changeOwnPassword(self, { currentPassword: "not-it-at-all", newPassword: "hal-new-password" })).rejects.toMatchObject({
      message: "The current password is incorrect.",
      fields: { currentPassword: ["The current password is incorrect."] },
    });
    await expect(changeOwnPassword(self, { currentPassword: "hal-password", newPassword: "short" })).rejects.toMatchObject({ fields: { newPassword: expect.any(Array) } });
    await expect(changeOwnPassword(self, { currentPassword: "hal-password", newPassword: "hal-password" })).rejects.toThrow(/must differ/);
    expect((await checkConsoleSession(sid)).ok).toBe(true);

    await changeOwnPassword(self, { currentPassword: "hal-password", newPassword: "hal-new-password" });
    expect(await checkConsoleSession(sid)).toEqual({ ok: false, reason: "password" });
    const { row } = await lastEvent("ChangeConsoleUserPassword");
    expect(row).toMatchObject({ userName: "hal", sourceIp: "198.51.100.33", resourceName: "hal" });
    expect(row.raw).not.toContain("hal-new-password");
  });

  it("throttles wrong current passwords like sign-ins", async () => {
    await createConsoleUser(ctx, { username: "ivy", password: "ivy-password", role: "auditor" });
    const self = { actor: { ...ACTOR, username: "ivy", ip: "198.51.100.34" } };
    for (let i = 0; i < 5; i++) await expect(changeOwnPassword(self, { currentPassword: `guess-${i}-xx`, newPassword: "ivy-new-password" })).rejects.toThrow(/incorrect/);
    await expect(changeOwnPassword(self, { currentPassword: "ivy-password", newPassword: "ivy-new-password" })).rejects.toThrow(/Too many wrong passwords. Try again in 1 minute/);
  });

  it("refuses a published demo password off loopback", async () => {
    await createConsoleUser(ctx, { username: "auditor", password: "auditor-real-password", role: "auditor" });
    process.env.HOST = "0.0.0.0";
    try {
      await expect(setConsoleUserPassword(ctx, { username: "auditor", password: "trailkeeper-auditor" })).rejects.toThrow(/published demo password/);
    } finally {
      delete process.env.HOST;
    }
    await setConsoleUserPassword(ctx, { username: "auditor", password: "trailkeeper-auditor" });
  });
});
