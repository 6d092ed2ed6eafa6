// A flood of failed sign-ins is recorded as one ConsoleSignin event per address and UTC minute, with its
// count, once the minute is over (explicit `now` throughout), never twice, by the worker's own loop too.
import { beforeAll, describe, expect, it } from "vitest";
import { flushSigninFailures, failureEventId, MAX_USERNAMES, recordSigninFailure, utcMinute } from "@/lib/auth/signin-failures";
import { prisma } from "@/lib/db";
import { runWorker } from "@/lib/delivery/worker";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";

const MINUTE = new Date("2026-11-30T08:15:00.000Z");
const at = (seconds: number) => new Date(MINUTE.getTime() + seconds * 1000);

async function eventsFrom(ip: string) {
  const rows = await prisma.event.findMany({ where: { eventName: "ConsoleSignin", sourceIp: ip } });
  return rows.map((r) => ({ row: r, json: JSON.parse(r.raw) as Record<string, any> }));
}

describe.each(STORES)("failed sign-ins per address and minute on %s", (store) => {
  onFreshStore(store);
  beforeAll(async () => {
    await createUser({ username: "real-user", password: "a-long-password", role: "auditor" });
  });

  it("records 30 failures of one minute as one event with the count, once the minute is closed", async () => {
    const ip = "198.51.100.10";
    for (let i = 0; i < 30; i++) {
      await recordSigninFailure({ ip, username: ["real-user", "ghost-a", "ghost-b"][i % 3], reason: i % 3 ? "UserNotFound" : "InvalidPassword", now: at(i) });
    }
    // While the minute is open (and for the grace after it), nothing is recorded.
    expect((await flushSigninFailures({ now: at(45) })).recorded).toBe(0);
    expect((await flushSigninFailures({ now: at(60.5) })).recorded).toBe(0);
    expect(await eventsFrom(ip)).toHaveLength(0);

    expect((await flushSigninFailures({ now: at(63) })).recorded).toBe(1);
    const events = await eventsFrom(ip);
    expect(events).toHaveLength(1);
    const { row, json } = events[0];
    expect(row.eventId).toBe(failureEventId(ip, MINUTE.toISOString()));
    expect(row.errorCode).toBe("InvalidPassword");
    expect(row.sensitive).toBe(true);
    expect(json.eventTime).toBe(at(29).toISOString());
    expect(json).toMatchObject({
      eventType: "ConsoleSignin",
      isGlobal: true,
      sourceIpAddress: ip,
      userIdentity: { userName: "real-user" },
      additionalEventData: { loginResult: "Failure", failedAttempts: 30, loginAccounts: ["real-user", "ghost-a", "ghost-b"] },
    });
    expect(json.additionalEventData.throttledAttempts).toBeUndefined();

    // Recorded once: a second flush finds nothing, and a crash before the row was marked records no copy.
    expect((await flushSigninFailures({ now: at(70) })).recorded).toBe(0);
    await prisma.signinFailure.updateMany({ where: { ip }, data: { recordedAt: null } });
    expect((await flushSigninFailures({ now: at(75) })).recorded).toBe(1);
    expect(await eventsFrom(ip)).toHaveLength(1);
  });

  it("keeps two minutes apart, says UserNotFound when no real user was tried, and counts refusals", async () => {
    const ip = "198.51.100.11";
    await recordSigninFailure({ ip, username: "ghost", reason: "UserNotFound", now: at(10) });
    await recordSigninFailure({ ip, username: "ghost", reason: "Throttled", now: at(20) });
    await recordSigninFailure({ ip, username: "real-user", reason: "Throttled", now: at(70) });
    expect((await flushSigninFailures({ now: at(125) })).recorded).toBe(2);
    const byMinute = new Map((await eventsFrom(ip)).map((e) => [e.json.additionalEventData.minute, e]));
    const first = byMinute.get(utcMinute(at(0)))!;
    expect(first.row.errorCode).toBe("UserNotFound");
    expect(first.json.additionalEventData).toMatchObject({ failedAttempts: 2, throttledAttempts: 1 });
    const second = byMinute.get(utcMinute(at(60)))!;
    // Only refusals in that minute: no password was checked.
    expect(second.row.errorCode).toBe("Throttled");
    expect(second.json.additionalEventData).toMatchObject({ failedAttempts: 1, throttledAttempts: 1, loginAccounts: ["real-user"] });
  });

  it("counts every parallel failure and keeps at most 20 usernames", async () => {
    const ip = "198.51.100.12";
    await Promise.all(Array.from({ length: 30 }, (_, i) => recordSigninFailure({ ip, username: `user-${i}`, reason: "UserNotFound", now: at(5) })));
    const row = await prisma.signinFailure.findUniqueOrThrow({ where: { ip_minute: { ip, minute: MINUTE.toISOString() } } });
    expect(row.count).toBe(30);
    expect(JSON.parse(row.usernames)).toHaveLength(MAX_USERNAMES);
  });

  it("is recorded by the worker's sign-in loop", async () => {
    const ip = "198.51.100.13";
    const minuteAgo = new Date(Date.now() - 120_000);
    await recordSigninFailure({ ip, username: "ghost", reason: "UserNotFound", now: minuteAgo });
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, loops: ["signin"], signinIntervalMs: 50, log: () => {} });
    try {
      await expect.poll(async () => (await eventsFrom(ip)).length, { timeout: 20_000 }).toBe(1);
    } finally {
      controller.abort();
      await worker;
    }
  });
});
