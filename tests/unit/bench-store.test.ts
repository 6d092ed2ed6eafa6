// The benchmark's store options and the floors' parameter rewriting (bench/options.ts, bench/store.ts):
// a sampling query written once with @names must bind the same values on both stores.
import { describe, expect, it } from "vitest";
import { parseOptions } from "@/bench/options";
import { positional } from "@/bench/store";

describe("bench --store", () => {
  it("runs SQLite alone by default, PostgreSQL or both on request, and refuses anything else", () => {
    expect(parseOptions([]).stores).toEqual(["sqlite"]);
    expect(parseOptions(["--store", "postgres"]).stores).toEqual(["postgres"]);
    expect(parseOptions(["--store=both"]).stores).toEqual(["sqlite", "postgres"]);
    expect(() => parseOptions(["--store", "mysql"])).toThrow(/--store takes sqlite, postgres or both/);
    expect(parseOptions(["--events", "10m"]).events).toBe(10_000_000);
    expect(parseOptions(["--ingest-clients", "2"]).ingestClients).toBe(2);
  });
});

describe("positional", () => {
  it("turns @names into ? or $n in order, repeating a value where a name repeats", () => {
    const params = { region: "cn-hangzhou", start: "a", end: "b" };
    const text = "WHERE r = @region AND t >= @start AND t <= @end AND r2 = @region";
    expect(positional(text, params, "sqlite")).toEqual({ text: "WHERE r = ? AND t >= ? AND t <= ? AND r2 = ?", values: ["cn-hangzhou", "a", "b", "cn-hangzhou"] });
    expect(positional(text, params, "postgres")).toEqual({ text: "WHERE r = $1 AND t >= $2 AND t <= $3 AND r2 = $4", values: ["cn-hangzhou", "a", "b", "cn-hangzhou"] });
  });

  it("refuses a name it has no value for", () => {
    expect(() => positional("x = @missing", {}, "postgres")).toThrow(/no value for @missing/);
  });
});
