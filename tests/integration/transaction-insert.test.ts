// tx.insert inside a transaction on both stores: SQLite runs it as one prepared single-row statement per
// spec (lib/db/sql.ts sqliteInsertSync), PostgreSQL as multi-row statements. Both must count and return
// exactly the rows a conflict did not skip, apply upserts, bind booleans and nulls, and refuse a row of
// the wrong width without storing any row of the transaction.
import { describe, expect, it } from "vitest";
import { db, num, sql, transaction, tx } from "@/lib/db/sql";
import { ingestEvents } from "@/lib/events/ingest";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const HOURS = ["query_region", "hour", "events", "reads", "writes", "failed", "sensitive"] as const;
const HOUR_UPSERT = "(query_region, hour) DO UPDATE SET events = event_rollup_hours.events + excluded.events";

describe.each(STORES)("tx.insert on %s", (store) => {
  onFreshStore(store);

  it("returns only the rows a conflict did not skip, the same on every call of the spec", async () => {
    const first = await transaction(function* () {
      return yield* tx.insert({ table: "event_facets", columns: ["kind", "value"], onConflict: "(kind, value) DO NOTHING", returning: ["kind", "value"] }, [
        ["service", "Ecs"],
        ["service", "Oss"],
        ["service", "Ecs"],
      ]);
    });
    expect(first.inserted).toBe(2);
    expect(first.returned.map((r) => r.value).sort()).toEqual(["Ecs", "Oss"]);
    const second = await transaction(function* () {
      return yield* tx.insert({ table: "event_facets", columns: ["kind", "value"], onConflict: "(kind, value) DO NOTHING", returning: ["kind", "value"] }, [
        ["service", "Oss"],
        ["service", "Ram"],
      ]);
    });
    expect(second).toEqual({ inserted: 1, returned: [{ kind: "service", value: "Ram" }] });
    const empty = await transaction(function* () {
      return yield* tx.insert({ table: "event_facets", columns: ["kind", "value"], returning: ["kind"] }, []);
    });
    expect(empty).toEqual({ inserted: 0, returned: [] });
  });

  it("returns the ids the rows were stored under (SQLite answers RETURNING from the rowid)", async () => {
    const events = [makeEvent(), makeEvent()];
    await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
    const pks = (await db.all<{ id: unknown }>(sql`SELECT id FROM events ORDER BY id`)).map((r) => num(r.id));
    const spec = { table: "event_resources", columns: ["event_pk", "resource_type", "resource_name", "query_region", "event_time"], returning: ["id", "resource_name"] };
    const got = await transaction(function* () {
      return yield* tx.insert(spec, pks.map((pk, i) => [pk, "ACS::ECS::Instance", `i-returning-${i}`, "cn-hangzhou", "2026-12-01T10:00:00.000Z"]));
    });
    const stored = await db.all<{ id: unknown; resource_name: string }>(
      sql`SELECT id, resource_name FROM event_resources WHERE resource_name LIKE 'i-returning-%' ORDER BY id`,
    );
    expect(stored).toHaveLength(2);
    expect(got.inserted).toBe(2);
    expect(got.returned.map((r) => [num(r.id), r.resource_name]).sort()).toEqual(stored.map((r) => [num(r.id), r.resource_name]).sort());
  });

  it("returns updated rows too when the conflict clause updates", async () => {
    const upsert = { table: "event_facets", columns: ["kind", "value"], onConflict: "(kind, value) DO UPDATE SET value = excluded.value", returning: ["value"] };
    await transaction(function* () {
      yield* tx.insert({ table: "event_facets", columns: ["kind", "value"] }, [["eventName", "Upserted"]]);
    });
    const got = await transaction(function* () {
      return yield* tx.insert(upsert, [["eventName", "Upserted"], ["eventName", "Fresh"]]);
    });
    expect(got.inserted).toBe(2);
    expect(got.returned.map((r) => r.value).sort()).toEqual(["Fresh", "Upserted"]);
  });

  it("applies upserts, to rows of this transaction and of earlier ones", async () => {
    // One key once per call: PostgreSQL refuses a multi-row upsert that updates a row twice.
    await transaction(function* () {
      yield* tx.insert({ table: "event_rollup_hours", columns: HOURS, onConflict: HOUR_UPSERT }, [["cn-hangzhou", "2001-01-01T10", 2, 1, 1, 0, 0]]);
      yield* tx.insert({ table: "event_rollup_hours", columns: HOURS, onConflict: HOUR_UPSERT }, [
        ["cn-hangzhou", "2001-01-01T10", 3, 3, 0, 0, 0],
        ["cn-beijing", "2001-01-01T10", 1, 0, 1, 1, 1],
      ]);
    });
    await transaction(function* () {
      yield* tx.insert({ table: "event_rollup_hours", columns: HOURS, onConflict: HOUR_UPSERT }, [["cn-beijing", "2001-01-01T10", 4, 4, 0, 0, 0]]);
    });
    const rows = await db.all<{ query_region: string; events: unknown }>(sql`SELECT query_region, events FROM event_rollup_hours WHERE hour = '2001-01-01T10' ORDER BY query_region`);
    expect(rows.map((r) => [r.query_region, num(r.events)])).toEqual([["cn-beijing", 5], ["cn-hangzhou", 5]]);
  });

  it("refuses a row of the wrong width, and the transaction stores none of its rows", async () => {
    await expect(
      transaction(function* () {
        yield* tx.insert({ table: "event_facets", columns: ["kind", "value"] }, [["service", "Vpc"]]);
        yield* tx.insert({ table: "event_facets", columns: ["kind", "value"] }, [["service", "Slb"], ["service"]]);
      }),
    ).rejects.toThrow();
    const left = await db.all<{ value: string }>(sql`SELECT value FROM event_facets WHERE value IN ('Vpc', 'Slb')`);
    expect(left).toEqual([]);
  });

  it("refuses a name that is not an identifier before running anything", async () => {
    const count = async () => num((await db.one<{ n: unknown }>(sql`SELECT count(*) AS n FROM events`))!.n);
    const before = await count();
    await expect(
      transaction(function* () {
        yield* tx.insert({ table: "event_facets; DROP TABLE events", columns: ["kind", "value"] }, [["a", "b"]]);
      }),
    ).rejects.toThrow(/not an identifier/);
    expect(await count()).toBe(before);
  });
});
