// Every product caller of ingestEvents says who sent the events (docs/provenance.md): a call without an
// origin would record its events as "unknown" and check Trailkeeper's own records as an outsider's.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const PRODUCT_DIRS = ["app", "lib", "cli", "scripts"];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Each `ingestEvents(…)` call of a file, up to the end of its statement. */
function calls(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\bingestEvents\(/g)) {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (/function\s+$/.test(before)) continue; // the definition
    const end = text.indexOf(";", m.index);
    found.push(text.slice(m.index, end === -1 ? undefined : end));
  }
  return found;
}

describe("ingestEvents callers", () => {
  const files = PRODUCT_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));
  const all = files.flatMap((f) => calls(fs.readFileSync(f, "utf8")).map((call) => ({ file: path.relative(ROOT, f), call })));

  it("are found (the scan is not vacuous)", () => {
    const where = new Set(all.map((c) => c.file));
    for (const f of ["app/api/v1/events/route.ts", "lib/audit/record.ts", "lib/auth/signin-failures.ts", "cli/commands/events.ts", "lib/seed/seed-database.ts"]) {
      expect([...where]).toContain(f);
    }
  });

  it("each pass an origin", () => {
    for (const { file, call } of all) expect(call, `${file}: ${call}`).toMatch(/\borigin\b/);
  });

  it("would catch a call without one", () => {
    expect(calls("const r = await ingestEvents(inputs);")[0]).not.toMatch(/\borigin\b/);
  });
});
