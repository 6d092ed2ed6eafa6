// Sessions checked against the database on every request (explicit `now`): a disabled or deleted user, a
// new password, idleness and the 12-hour limit end them; a new role is read at once.
import { afterEach, describe, expect, it } from "vitest";
import { checkConsoleSession, createConsoleSession, describeDuration, pruneConsoleSessions, sessionIdleMs } from "@/lib/auth/console-sessions";
import { prisma } from "@/lib/db";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";

const T0 = new Date("2026-11-30T09:00:00.000Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let n = 0;
async function signedIn() {
  n += 1;
  const user = await createUser({ username: `session-user-${n}`, password: "a-long-password", role: "auditor" });
  const sessionId = await createConsoleSession({ userId: user.id, ip: "198.51.100.7", userAgent: "vitest", now: T0 });
  return { user, sessionId };
}

describe("session settings", () => {
  afterEach(() => {
    delete process.env.TRAILKEEPER_SESSION_IDLE_MINUTES;
  });
  it("reads TRAILKEEPER_SESSION_IDLE_MINUTES, refusing nonsense", () => {
    const idle = (value?: string) => sessionIdleMs({ ...process.env, TRAILKEEPER_SESSION_IDLE_MINUTES: value });
    expect(idle(undefined)).toBe(30 * 60_000);
    expect(idle("5")).toBe(5 * 60_000);
    expect(idle("0.1")).toBe(6_000);
    for (const bad of ["0", "-3", "abc", "721"]) expect(idle(bad)).toBe(30 * 60_000);
  });
  it("states durations as the sign-in page does", () => {
    expect([30 * 60_000, 60_000, 6_000, 3600_000, 90 * 60_000].map(describeDuration)).toEqual(["30 minutes", "1 minute", "6 seconds", "1 hour", "90 minutes"]);
  });
});

describe.each(STORES)("console sessions on %s", (store) => {
  onFreshStore(store);
  afterEach(() => {
    delete process.env.TRAILKEEPER_SESSION_IDLE_MINUTES;
  });

  it("is live while used, reads the role from the database, and writes lastSeenAt at most once a minute", async () => {
    const { user, sessionId } = await signedIn();
    expect(await checkConsoleSession(sessionId, later(0.5))).toEqual({ ok: true, sessionId, user: { id: user.id, username: user.username, role: "auditor" } });
    // Within the minute: no write.
    expect((await prisma.consoleSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(T0);
    await checkConsoleSession(sessionId, later(1.5));
    expect((await prisma.consoleSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(later(1.5));

    await prisma.user.update({ where: { id: user.id }, data: { role: "security" } });
    const check = await checkConsoleSession(sessionId, later(2));
    expect(check.ok && check.user.role).toBe("security");
  });

  it("ends after 30 idle minutes, or TRAILKEEPER_SESSION_IDLE_MINUTES", async () => {
    const a = await signedIn();
    expect((await checkConsoleSession(a.sessionId, later(29))).ok).toBe(true);
    // Used at minute 29: idle counts from there.
    expect((await checkConsoleSession(a.sessionId, later(58))).ok).toBe(true);
    expect(await checkConsoleSession(a.sessionId, later(88.5))).toEqual({ ok: false, reason: "idle" });
    // Ended for good: a later request does not revive it.
    expect(await checkConsoleSession(a.sessionId, later(88.6))).toEqual({ ok: false, reason: "idle" });
    expect(await prisma.consoleSession.findUniqueOrThrow({ where: { id: a.sessionId } })).toMatchObject({ endReason: "idle", endedAt: later(88.5) });

    process.env.TRAILKEEPER_SESSION_IDLE_MINUTES = "5";
    const b = await signedIn();
    expect((await checkConsoleSession(b.sessionId, later(4))).ok).toBe(true);
    expect(await checkConsoleSession(b.sessionId, later(9.5))).toEqual({ ok: false, reason: "idle" });
  });

  it("ends 12 hours after sign-in however busy it is", async () => {
    const { sessionId } = await signedIn();
    for (let m = 20; m < 12 * 60; m += 20) expect((await checkConsoleSession(sessionId, later(m))).ok).toBe(true);
    expect(await checkConsoleSession(sessionId, later(12 * 60))).toEqual({ ok: false, reason: "expired" });
  });

  it("ends when the user is disabled or changes password, and is gone with a deleted user", async () => {
    const a = await signedIn();
    await prisma.user.update({ where: { id: a.user.id }, data: { disabled: true } });
    expect(await checkConsoleSession(a.sessionId, later(1))).toEqual({ ok: false, reason: "disabled" });
    await prisma.user.update({ where: { id: a.user.id }, data: { disabled: false } });
    expect(await checkConsoleSession(a.sessionId, later(2))).toEqual({ ok: false, reason: "disabled" });

    const b = await signedIn();
    await prisma.user.update({ where: { id: b.user.id }, data: { passwordChangedAt: later(1) } });
    expect(await checkConsoleSession(b.sessionId, later(2))).toEqual({ ok: false, reason: "password" });
    // A session opened after the change is fine.
    const fresh = await createConsoleSession({ userId: b.user.id, ip: null, userAgent: null, now: later(3) });
    expect((await checkConsoleSession(fresh, later(4))).ok).toBe(true);

    const c = await signedIn();
    await prisma.user.delete({ where: { id: c.user.id } });
    expect(await checkConsoleSession(c.sessionId, later(1))).toEqual({ ok: false, reason: "deleted" });
  });

  it("prunes rows a week after they ended or began", async () => {
    const { sessionId } = await signedIn();
    expect(await pruneConsoleSessions(later(6 * 24 * 60))).toBe(0);
    expect(await prisma.consoleSession.count({ where: { id: sessionId } })).toBe(1);
    await pruneConsoleSessions(later(8 * 24 * 60));
    expect(await prisma.consoleSession.count({ where: { id: sessionId } })).toBe(0);
  });
});
