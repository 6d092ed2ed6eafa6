// The meanings of event names (lib/catalog/event-meanings.ts): ActionTrail's own are the descriptions of
// docs/actiontrail.md "Operations" word for word, every event name the catalogue generates for the common
// services has one, and a lookup honours the service (case-insensitively) but never guesses across services.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVICES } from "@/lib/catalog/catalog";
import { eventMeaning } from "@/lib/catalog/event-meanings";

const COMMON = ["Ecs", "Oss", "Ram", "Sts", "Vpc", "Slb", "Rds", "Kms", "Actiontrail", "Aas", "AasSub"];

describe("event meanings", () => {
  it("gives ActionTrail's own events the descriptions of docs/actiontrail.md, word for word", () => {
    const doc = fs.readFileSync("docs/actiontrail.md", "utf8");
    const section = doc.slice(doc.indexOf("The full list (50 entries)"), doc.indexOf("### Trailkeeper's self-audit contract"));
    const rows = [...section.matchAll(/^\| `(\w+)` \| (.+?) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toHaveLength(50);
    for (const [name, description] of rows) expect(eventMeaning("Actiontrail", name), name).toBe(description);
  });

  it("has a meaning for every event name of the common services in the catalogue", () => {
    for (const code of COMMON) {
      const service = SERVICES.find((s) => s.code === code)!;
      const missing = service.events.filter((e) => !eventMeaning(code, e.name)).map((e) => e.name);
      expect(missing, code).toEqual([]);
    }
  });

  it("looks up by service, case-insensitively, and does not lend one service's meaning to another", () => {
    expect(eventMeaning("ecs", "RunInstances")).toBe(eventMeaning("Ecs", "RunInstances"));
    expect(eventMeaning("Ecs", "CreateUser")).toBeUndefined();
    expect(eventMeaning("Ram", "CreateUser")).toBe("Creates a RAM user.");
    expect(eventMeaning("Ecs", "toString")).toBeUndefined();
    expect(eventMeaning(undefined, "ConsoleSignin")).toMatch(/Signs in/);
    // Trailkeeper's own sign-in record has its own words.
    expect(eventMeaning("Actiontrail", "ConsoleSignin")).toMatch(/Trailkeeper/);
  });
});
