// SQLite's writer lock, waited for off the event loop (whenUnlocked in lib/db/index.ts): a write on the
// direct connection while a Prisma interactive transaction of the same process holds the lock finishes
// once that transaction commits (it used to block the thread for the whole busy timeout and then fail),
// and a wait for another connection's writer leaves timers and other requests running.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { prisma, whenUnlocked } from "@/lib/db";
import { sqliteFilePath } from "@/lib/db/database-url";
import { db, num, sql, transaction, tx } from "@/lib/db/sql";
import { claimNonce } from "@/lib/openapi/nonces";
import { dbLimiter } from "@/lib/rate-limit/store";
import { onFreshStore } from "../helpers/db";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SQLite lock waits", () => {
  const url = onFreshStore("sqlite");

  it("a nonce, a rate limit and a transaction written during a Prisma write transaction of this process wait for its commit", async () => {
    const limiter = dbLimiter({ keyPrefix: "lock-wait", points: 10, duration: 60 });
    const started = Date.now();
    let during: Promise<unknown[]> | undefined;
    await prisma.$transaction(async (ptx) => {
      // The interactive transaction takes the writer lock, then yields to the event loop.
      await ptx.apiNonce.create({ data: { accessKeyId: "LTAIlockwait", nonce: "held", expiresAt: new Date(Date.now() + 60_000) } });
      during = Promise.all([
        claimNonce("LTAIlockwait", "during", new Date()),
        limiter.consume("someone"),
        transaction(function* () {
          return yield* tx.run(sql`INSERT INTO event_facets (kind, value) VALUES ('eventName', 'LockWait')`);
        }),
      ]);
      // Still running after the writes were started: they did not take the thread.
      await sleep(300);
    });
    const [claimed, consumed, inserted] = await during!;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(claimed).toBe(true);
    expect((consumed as { consumedPoints: number }).consumedPoints).toBe(1);
    expect(inserted).toBe(1);
    const nonces = await db.all<{ nonce: string }>(sql`SELECT nonce FROM api_nonces WHERE access_key_id = 'LTAIlockwait' ORDER BY nonce`);
    expect(nonces.map((n) => n.nonce)).toEqual(["during", "held"]);
  });

  it("while another connection holds the lock, timers keep running and the write lands after its commit", async () => {
    const other = new Database(sqliteFilePath(url()));
    try {
      other.exec("BEGIN IMMEDIATE");
      other.prepare("INSERT INTO event_facets (kind, value) VALUES ('eventName', 'Other')").run();
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      const write = db.run(sql`INSERT INTO event_facets (kind, value) VALUES ('eventName', 'Waited')`);
      await sleep(400);
      clearInterval(timer);
      // The thread was free: a blocking wait would have let no timer fire.
      expect(ticks).toBeGreaterThanOrEqual(5);
      other.exec("COMMIT");
      expect(await write).toBe(1);
      const n = await db.one<{ n: unknown }>(sql`SELECT count(*) AS n FROM event_facets WHERE value IN ('Other', 'Waited')`);
      expect(num(n!.n)).toBe(2);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
  });

  it("gives up with SQLITE_BUSY when the lock is not released in time", async () => {
    const other = new Database(sqliteFilePath(url()));
    try {
      other.exec("BEGIN IMMEDIATE");
      // Any error but a busy lock is thrown at once.
      await expect(whenUnlocked(() => { throw Object.assign(new Error("no such table: x"), { code: "SQLITE_ERROR" }); })).rejects.toThrow("no such table");
      const started = Date.now();
      await expect(db.run(sql`INSERT INTO event_facets (kind, value) VALUES ('eventName', 'Never')`)).rejects.toMatchObject({ code: "SQLITE_BUSY" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  }, 20_000);
});
