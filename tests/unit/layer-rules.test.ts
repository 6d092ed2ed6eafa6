// The layer rules of eslint.config.mjs (docs/architecture.md "Layers") fire where they should: an import
// upwards, into the demo generator or round a cycle is an error, and the same import is allowed where the
// layering permits it. `npm test` runs ESLint on the whole tree with zero warnings.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The cycle rule reads the files it follows, so text linted under a made-up path runs without it; the
// cycle case below writes two real files.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { "import/no-cycle": "off" } } });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe("the layer rules", { timeout: 60_000 }, () => {
  it("refuses components/ importing app/", async () => {
    expect(await ruleIds("components/x/probe.ts", 'import { x } from "@/app/(console)/layout";\nexport const y = x;\n')).toContain("no-restricted-imports");
  });

  it("refuses lib/ importing components/ or app/", async () => {
    expect(await ruleIds("lib/x/probe.ts", 'import { Button } from "@/components/ui/button";\nexport const y = Button;\n')).toContain("no-restricted-imports");
    expect(await ruleIds("lib/x/probe.ts", 'import { x } from "@/app/(console)/layout";\nexport const y = x;\n')).toContain("no-restricted-imports");
  });

  it("refuses product code importing the demo generator, and lets the CLI do it", async () => {
    const code = 'import { generateEvents } from "@/lib/seed/generate-events";\nexport const y = generateEvents;\n';
    for (const file of ["lib/delivery/probe.ts", "components/x/probe.ts", "app/probe.ts"]) expect(await ruleIds(file, code)).toContain("no-restricted-imports");
    expect(await ruleIds("cli/commands/probe.ts", code)).not.toContain("no-restricted-imports");
  });

  it("allows the downward imports", async () => {
    expect(await ruleIds("components/x/probe.ts", 'import { CAN } from "@/lib/auth/roles";\nexport const y = CAN;\n')).toEqual([]);
  });

  it("refuses an import cycle", async () => {
    const dir = path.join(process.cwd(), "lib", `.cycle-probe-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = () => b;\n');
      writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
      const [result] = await new ESLint({ cwd: process.cwd() }).lintFiles([path.join(dir, "a.ts")]);
      expect(result.messages.map((m) => m.ruleId)).toContain("import/no-cycle");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
