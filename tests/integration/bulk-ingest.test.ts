// Ingestion's bulk writes on both stores: PostgreSQL runs storeEvents on a plain pg connection with one
// unnest INSERT per table (lib/db/pg-bulk.ts), SQLite its cached single-row statements. Both must store
// the same rows: text byte for byte whatever it holds (quotes, backslashes, braces and commas that an
// array literal must escape, the word NULL, non-ASCII), nulls and booleans as given, duplicates inside a
// batch and across batches stored once, concurrent batches in one valid chain, and a failing batch rolled
// back whole without poisoning the pool.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { db, num, sql, transaction, tx } from "@/lib/db/sql";
import { ingestEvents } from "@/lib/events/ingest";
import { signStoreCheckpoint } from "@/lib/integrity/store-checkpoints";
import { verifyStore } from "@/lib/integrity/verify-store";
import { makeEvent } from "../helpers/events";
import { onFreshStore, STORES } from "../helpers/db";

const HOSTILE = ['He said "hi"', "back\\slash \\\" and \\\\", "{a,b}", "NULL", "null", "", "日本語 ✓ 😀", "a\nb\tc", "'single'"];

function input(e: Record<string, unknown>, raw = JSON.stringify(e)) {
  return { value: e, raw };
}

describe.each(STORES)("bulk ingestion on %s", (store) => {
  onFreshStore(store);

  it("stores hostile text byte for byte, nulls as null and booleans as given", async () => {
    const events = HOSTILE.map((s, i) =>
      makeEvent({
        eventName: `Op${i}`,
        userAgent: s,
        requestParameters: { Value: s },
        // Half without an identity's optional fields: those columns are null.
        userIdentity: i % 2 ? { type: "ram-user", userName: `u${s}`, principalId: "1", accountId: "1016954307248737" } : { type: "root-account", accountId: "1016954307248737" },
        isGlobal: i === 0,
        errorCode: i === 1 ? s || "E" : undefined,
      }),
    );
    // Raw text as a client may send it: spacing that JSON.stringify would not produce.
    const inputs = events.map((e, i) => input(e, i === 2 ? JSON.stringify(e, null, 2) : JSON.stringify(e)));
    const r = await ingestEvents(inputs);
    expect(r.failed).toEqual([]);
    expect(r.accepted).toBe(events.length);
    expect(r.duplicates).toBe(0);
    for (const [i, e] of events.entries()) {
      const row = await prisma.event.findUnique({ where: { eventId: String(e.eventId) } });
      expect(row, `event ${i}`).not.toBeNull();
      expect(row!.raw).toBe(inputs[i].raw);
      expect(row!.isGlobal).toBe(i === 0);
      expect(row!.userName).toBe(i % 2 ? `u${HOSTILE[i]}` : null);
      expect(row!.accessKeyId).toBeNull();
      expect(row!.errorCode).toBe(i === 1 ? HOSTILE[1] : null);
      expect(row!.origin).toBe("unknown");
    }
    const resources = await prisma.eventResource.count({ where: { event: { eventId: { in: events.map((e) => String(e.eventId)) } } } });
    expect(resources).toBe(events.length);
  });

  it("stores an eventId once, inside a batch and across batches", async () => {
    const a = makeEvent();
    const b = makeEvent();
    const first = await ingestEvents([input(a), input(b), input({ ...a, eventName: "Other" })]);
    expect(first).toMatchObject({ accepted: 3, duplicates: 1, failed: [] });
    const again = await ingestEvents([input(b), input(makeEvent())]);
    expect(again).toMatchObject({ accepted: 2, duplicates: 1, failed: [] });
    expect(await prisma.event.count({ where: { eventId: { in: [String(a.eventId), String(b.eventId)] } } })).toBe(2);
    // The first one wins, as it would across calls.
    expect((await prisma.event.findUnique({ where: { eventId: String(a.eventId) } }))!.eventName).toBe("DeleteInstance");
  });

  it("keeps one valid chain, rollups and facets when batches arrive at once", async () => {
    const before = num((await db.one<{ n: unknown }>(sql`SELECT COALESCE(SUM(events), 0) AS n FROM event_rollup_hours`))?.n);
    const batches = Array.from({ length: 6 }, (_, k) => Array.from({ length: 150 }, () => input(makeEvent({ serviceName: `Svc${k}` }))));
    const results = await Promise.all(batches.map((b) => ingestEvents(b)));
    for (const r of results) expect(r).toMatchObject({ accepted: 150, duplicates: 0, failed: [] });
    const after = num((await db.one<{ n: unknown }>(sql`SELECT COALESCE(SUM(events), 0) AS n FROM event_rollup_hours`))?.n);
    expect(after - before).toBe(900);
    const facets = await db.all<{ value: string }>(sql`SELECT value FROM event_facets WHERE kind = 'service' AND value LIKE 'Svc%' ORDER BY value`);
    expect(facets.map((f) => f.value)).toEqual(["Svc0", "Svc1", "Svc2", "Svc3", "Svc4", "Svc5"]);
    // Each batch is one block; blocks cover increasing, disjoint id ranges.
    const blocks = await db.all<{ first: unknown; last: unknown; n: unknown }>(sql`SELECT first_pk AS first, last_pk AS last, leaf_count AS n FROM store_blocks ORDER BY number`);
    for (let i = 1; i < blocks.length; i++) expect(num(blocks[i].first)).toBeGreaterThan(num(blocks[i - 1].last));
    expect(blocks.slice(-6).map((b) => num(b.n))).toEqual([150, 150, 150, 150, 150, 150]);
    expect(await signStoreCheckpoint()).toBe(true);
    const report = await verifyStore();
    expect(report.problems).toEqual([]);
    expect(report.summary.events).toBe(await prisma.event.count());
  });

  it("rolls a failing bulk transaction back whole, and the next one runs", async () => {
    const e = makeEvent();
    const bad = transaction(function* () {
      yield* tx.insert({ table: "event_facets", columns: ["kind", "value"], onConflict: "(kind, value) DO NOTHING" }, [["service", `Rolled-${e.eventId}`]]);
      // A NOT NULL column left null: the statement fails after the first insert ran.
      yield* tx.insert({ table: "event_facets", columns: ["kind", "value"] }, [["service", null]]);
    }, { bulk: true });
    await expect(bad).rejects.toThrow();
    expect(await db.all(sql`SELECT 1 FROM event_facets WHERE value = ${`Rolled-${e.eventId}`}`)).toEqual([]);
    expect(await ingestEvents([input(e)])).toMatchObject({ accepted: 1, duplicates: 0 });
  });
});
