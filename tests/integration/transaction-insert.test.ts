// tx.insert inside a transaction on both stores: SQLite runs it as one prepared single-row statement per
// spec (lib/db/sql.ts sqliteInsertSync), PostgreSQL as multi-row statements. Both must count and return
// exactly the rows a conflict did not skip, apply upserts, bind booleans and nulls, and refuse a row of
// the wrong width without storing any row of the transaction.
import { describe, expect, it } from "vitest";
import { db, num, sql, transaction, tx } from "@/lib/db/sql";
import { STORES, onFreshStore } from "../helpers/db";

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

  it("applies upserts, to rows of this transaction and of earlier ones", async () => {
    // One key once per call: PostgreSQL refuses a multi-row upsert that updates a row twice.
    await transaction(function* () {
      yield* tx.insert({ table: "event_rollup_hours", columns: HOURS, onConflict: HOUR_UPSERT }, [["cn-hangzhou", "2026-12-01T10", 2, 1, 1, 0, 0]]);
      yield* tx.insert({ table: "event_rollup_hours", columns: HOURS, onConflict: HOUR_UPSERT }, [
        ["cn-hangzhou", "2026-12-01T10", 3, 3, 0, 0, 0],
        ["cn-beijing", "2026-12-01T10", 1, 0, 1, 1, 1],
      ]);
    });
    await transaction(function* () {
      yield* tx.insert({ table: "event_rollup_hours", columns: HOURS, onConflict: HOUR_UPSERT }, [["cn-beijing", "2026-12-01T10", 4, 4, 0, 0, 0]]);
    });
    const rows = await db.all<{ query_region: string; events: unknown }>(sql`SELECT query_region, events FROM event_rollup_hours ORDER BY query_region`);
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
    await expect(
      transaction(function* () {
        yield* tx.insert({ table: "event_facets; DROP TABLE events", columns: ["kind", "value"] }, [["a", "b"]]);
      }),
    ).rejects.toThrow(/not an identifier/);
    expect(num((await db.one<{ n: unknown }>(sql`SELECT count(*) AS n FROM events`))!.n)).toBe(0);
  });
});
