// Console sign-in on every store: the throttle kept in the database (per username and address, per
// address, doubling lockouts, parallel bursts), the dummy hash for unknown users, demo passwords off
// loopback, disabled users, and what a sign-in leaves behind (a session row, one event on success).
import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dummyPasswordHash, hashPassword } from "@/lib/auth/password";
import { signInWithPassword, type SigninAttempt } from "@/lib/auth/signin";
import { lockoutSeconds } from "@/lib/auth/signin-throttle";
import { prisma } from "@/lib/db";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";

let n = 0;
/** An address and a user of one test alone. */
async function fixture(role: "admin" | "auditor" = "auditor") {
  n += 1;
  const username = `signin-${n}-${Date.now().toString(36)}`;
  const password = `pw-${username}`;
  await createUser({ username, password, role });
  return { username, password, ip: `198.51.100.${n}` };
}

/** A result with every field optional, so assertions need no narrowing. */
type AnyResult = { ok: boolean; code?: string; retryAfterSeconds?: number; sessionId?: string };

function attempt(a: Partial<SigninAttempt> & { username: string; password: string }): Promise<AnyResult> {
  return signInWithPassword({ ip: "198.51.100.250", userAgent: "vitest", ...a });
}

/** Ends the current lockout of a key as if its time had passed (the rows are rate-limiter-flexible's). */
async function expireLockout(key: string) {
  await prisma.rateLimitPoints.updateMany({ where: { key }, data: { expire: BigInt(Date.now() - 1000) } });
}

describe.each(STORES)("sign-in on %s", (store) => {
  onFreshStore(store);
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.HOST;
    delete process.env.TRAILKEEPER_DEMO;
  });

  it("lockouts last 1, 2, 4, 8, then 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(lockoutSeconds)).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it("refuses a username from an address after 5 failures, the right password included, and doubles the lockout", async () => {
    const u = await fixture();
    for (let i = 0; i < 5; i++) expect(await attempt({ ...u, password: "wrong-password" })).toEqual({ ok: false, code: "CredentialsSignin" });
    const refused = await attempt(u);
    expect(refused).toMatchObject({ ok: false, code: "TooManyAttempts" });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Still refused while locked, with the time left of the same lockout.
    expect((await attempt(u)).retryAfterSeconds).toBeLessThanOrEqual(60);

    // The same user from another address, and another user from this address, are not affected.
    expect((await attempt({ ...u, ip: "198.51.100.200" })).ok).toBe(true);
    const other = await fixture();
    expect((await attempt({ ...other, ip: u.ip })).ok).toBe(true);

    // Once the lockout is over: five more tries, then twice as long.
    await expireLockout(`signin-pair:${u.ip}|${u.username}`);
    for (let i = 0; i < 5; i++) expect((await attempt({ ...u, password: "wrong-again" })).code).toBe("CredentialsSignin");
    const second = await attempt(u);
    expect(second.code).toBe("TooManyAttempts");
    expect(second.retryAfterSeconds).toBeGreaterThan(115);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it("forgets a pair's failures after a successful sign-in", async () => {
    const u = await fixture();
    for (let i = 0; i < 4; i++) await attempt({ ...u, password: "wrong-password" });
    expect((await attempt(u)).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect((await attempt({ ...u, password: "wrong-password" })).code).toBe("CredentialsSignin");
    expect((await attempt(u)).ok).toBe(true);
  });

  it("refuses an address after 50 failures across usernames, for every username", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i < 50; i++) {
      expect((await attempt({ username: `nobody-${i}`, password: "guess-123", ip })).code).toBe("CredentialsSignin");
    }
    const u = await fixture();
    const refused = await attempt({ ...u, ip });
    expect(refused.code).toBe("TooManyAttempts");
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    // Another address is not affected.
    expect((await attempt({ ...u, ip: "203.0.113.51" })).ok).toBe(true);
  });

  it("counts a parallel burst atomically: 5 passwords are checked, the rest refused", async () => {
    const u = await fixture();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt({ ...u, password: "wrong-password" })));
    expect(results.filter((r) => r.code === "CredentialsSignin")).toHaveLength(5);
    expect(results.filter((r) => r.code === "TooManyAttempts")).toHaveLength(15);
  });

  it("compares an unknown username against a dummy hash of the same cost, and answers the same", async () => {
    const u = await fixture();
    const compare = vi.spyOn(bcrypt, "compare");
    const unknown = await attempt({ username: "no-such-user-here", password: "whatever-1", ip: "198.51.100.240" });
    const wrong = await attempt({ ...u, password: "whatever-1", ip: "198.51.100.241" });
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({ ok: false, code: "CredentialsSignin" });
    expect(compare).toHaveBeenCalledTimes(2);
    const dummy = await dummyPasswordHash();
    expect(compare.mock.calls[0]).toEqual(["whatever-1", dummy]);
    // The same cost as real hashes: bcrypt's cost is the number after the version.
    expect(dummy.split("$")[2]).toBe((await hashPassword("x")).split("$")[2]);
  });

  it("refuses the published demo password off loopback, with its own code, and only when it is right", async () => {
    await createUser({ username: "admin", password: "trailkeeper-admin", role: "admin" });
    process.env.HOST = "0.0.0.0";
    expect(await attempt({ username: "admin", password: "trailkeeper-admin", ip: "198.51.100.230" })).toEqual({ ok: false, code: "DemoPasswordRefused" });
    expect(await attempt({ username: "admin", password: "not-the-demo-password", ip: "198.51.100.230" })).toEqual({ ok: false, code: "CredentialsSignin" });
    process.env.TRAILKEEPER_DEMO = "1";
    expect((await attempt({ username: "admin", password: "trailkeeper-admin", ip: "198.51.100.231" })).ok).toBe(true);
    delete process.env.TRAILKEEPER_DEMO;
    process.env.HOST = "127.0.0.1";
    expect((await attempt({ username: "admin", password: "trailkeeper-admin", ip: "198.51.100.232" })).ok).toBe(true);
  });

  it("refuses a disabled user even with the right password", async () => {
    const u = await fixture();
    await prisma.user.update({ where: { username: u.username }, data: { disabled: true } });
    expect(await attempt(u)).toEqual({ ok: false, code: "AccountDisabled" });
  });

  it("opens a session row and records one event on success; a failure is counted, not recorded at once", async () => {
    const u = await fixture();
    const before = await prisma.event.count({ where: { eventName: "ConsoleSignin" } });
    const failed = await attempt({ ...u, password: "wrong-password", ip: "198.51.100.220" });
    expect(failed.ok).toBe(false);
    expect(await prisma.event.count({ where: { eventName: "ConsoleSignin" } })).toBe(before);
    const row = await prisma.signinFailure.findFirstOrThrow({ where: { ip: "198.51.100.220" } });
    expect(row).toMatchObject({ count: 1, recordedAt: null });
    expect(JSON.parse(row.usernames)).toEqual([u.username]);

    const ok = await attempt({ ...u, ip: "198.51.100.220", userAgent: "Mozilla/5.0 test" });
    expect(ok.ok).toBe(true);
    const session = await prisma.consoleSession.findUniqueOrThrow({ where: { id: ok.sessionId! } });
    expect(session).toMatchObject({ ip: "198.51.100.220", userAgent: "Mozilla/5.0 test", endedAt: null });
    expect(ok.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const events = await prisma.event.findMany({ where: { eventName: "ConsoleSignin", userName: u.username } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].raw)).toMatchObject({ sourceIpAddress: "198.51.100.220", additionalEventData: { loginResult: "Success" } });
  });
});
