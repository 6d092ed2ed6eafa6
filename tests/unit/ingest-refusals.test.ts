// Refused ingestion calls are logged with the address, at most once per address a minute (lib/ingest-tokens/refusals.ts).
import { describe, expect, it } from "vitest";
import { refusalLogLine } from "@/lib/ingest-tokens/refusals";

describe("refusalLogLine", () => {
  it("logs the first refusal of an address, counts the next ones for a minute, then logs again with the count", () => {
    const t0 = 1_800_000_000_000;
    expect(refusalLogLine("198.51.100.23", "unknown or revoked ingest token", t0)).toBe("[ingest] refused a call from 198.51.100.23: unknown or revoked ingest token");
    expect(refusalLogLine("198.51.100.23", "unknown or revoked ingest token", t0 + 1_000)).toBeNull();
    expect(refusalLogLine("198.51.100.23", "no bearer token", t0 + 59_999)).toBeNull();
    // Another address is logged on its own.
    expect(refusalLogLine("203.0.113.9", "no bearer token", t0 + 2_000)).toBe("[ingest] refused a call from 203.0.113.9: no bearer token");
    expect(refusalLogLine("198.51.100.23", "no bearer token", t0 + 60_000)).toBe("[ingest] refused a call from 198.51.100.23: no bearer token (and 2 more since the last line)");
    expect(refusalLogLine(null, "no bearer token", t0)).toBe("[ingest] refused a call from unknown: no bearer token");
  });
});
