// `npm run load`'s options (bench/load-options.ts): defaults, both spellings of a value, and a clear
// refusal of anything else.
import { describe, expect, it } from "vitest";
import { parseLoadOptions } from "@/bench/load-options";

describe("npm run load options", () => {
  it("default to a 60 s run on PostgreSQL with workers", () => {
    expect(parseLoadOptions([])).toMatchObject({ duration: 60, store: "postgres", connections: 2, events: 20_000, batch: 10, workers: true, write: true, keep: false });
  });

  it("read --flag value and --flag=value", () => {
    expect(parseLoadOptions(["--duration", "10", "--store=sqlite", "--events", "5k", "--no-workers", "--no-write"])).toMatchObject({
      duration: 10, store: "sqlite", events: 5_000, workers: false, write: false,
    });
  });

  it("refuse what they cannot use, saying what is wrong", () => {
    expect(() => parseLoadOptions(["--duration", "0"])).toThrow(/--duration needs a whole number from 1 to 3600, not "0"/);
    expect(() => parseLoadOptions(["--store", "mysql"])).toThrow(/--store is postgres or sqlite, not "mysql"/);
    expect(() => parseLoadOptions(["--batch", "1001"])).toThrow(/--batch needs a whole number from 1 to 1000/);
    expect(() => parseLoadOptions(["--fast"])).toThrow(/unknown option --fast/);
  });
});
