// The API page can't drift from the endpoint: every action the endpoint answers is documented (and
// nothing else), and every error code the code can send is in the error table.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/openapi/handle";
import { ACTION_DOCS, ERROR_DOCS, aliyunCliExample, curlExample, nodeExample, nodeV2Example } from "@/lib/openapi/reference";
import { readmeActionTable, referenceMarkdown, withReadmeActionTable } from "@/lib/openapi/reference-markdown";

const OPENAPI_DIR = path.resolve(__dirname, "../../lib/openapi");

function sources(dir: string): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith(".ts") ? fs.readFileSync(path.join(dir, d.name), "utf8") : ""))
    .join("\n");
}

describe("API reference", () => {
  it("documents exactly the actions the endpoint answers", () => {
    expect(ACTION_DOCS.map((a) => a.action).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it("lists every error code the endpoint can send", () => {
    const src = sources(OPENAPI_DIR);
    const thrown = new Set<string>();
    for (const m of src.matchAll(/new OpenApiError\(\s*"([^"]+)"/g)) thrown.add(m[1]);
    for (const m of src.matchAll(/code: "(Invalid[A-Za-z.]+)"/g)) thrown.add(m[1]);
    for (const m of src.matchAll(/"[a-z-]+": "([A-Za-z]+Exception)"/g)) thrown.add(m[1]);
    // signature.ts reports timestamp problems with codes of their own.
    for (const m of fs.readFileSync(path.join(OPENAPI_DIR, "signature.ts"), "utf8").matchAll(/"(InvalidTimeStamp\.[A-Za-z]+)"/g)) thrown.add(m[1]);
    expect(thrown.size).toBeGreaterThan(15);
    const documented = new Set(ERROR_DOCS.map((e) => e.code));
    expect([...thrown].filter((c) => !documented.has(c))).toEqual([]);
  });

  it("docs/api-reference.md is the reference as the tables say it (npm run docs:api rewrites it)", () => {
    const file = fs.readFileSync(path.resolve(__dirname, "../../docs/api-reference.md"), "utf8");
    expect(file).toBe(referenceMarkdown());
    for (const action of Object.keys(ACTIONS)) expect(file).toContain(`### ${action}\n`);
  });

  it("the README's table of actions is the tables' (npm run docs:api rewrites it) and names every action", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    expect(readme).toBe(withReadmeActionTable(readme));
    const table = readmeActionTable();
    for (const action of Object.keys(ACTIONS)) expect(table).toMatch(new RegExp(`\\| \`${action}\` \\| (admin|auditor|security)`));
  });

  it("gives every action a runnable example and every parameter a meaning", () => {
    for (const d of ACTION_DOCS) {
      expect(d.summary.length, d.action).toBeGreaterThan(10);
      expect(d.returns.length, d.action).toBeGreaterThan(3);
      for (const p of d.params) expect(p.text.length, `${d.action} ${p.name}`).toBeGreaterThan(3);
      for (const v of Object.values(d.example.params)) expect(typeof v, d.action).toBe("string");
    }
  });

  it("fills the examples with the origin and key", () => {
    const x = { origin: "http://127.0.0.1:3000", accessKeyId: "LTAIexample", accessKeySecret: "secret" };
    expect(aliyunCliExample(x)).toContain("--endpoint 127.0.0.1:3000 --insecure");
    expect(aliyunCliExample({ ...x, origin: "https://audit.example.com" })).not.toContain("--insecure");
    expect(nodeExample(x)).toContain('endpoint: "http://127.0.0.1:3000/openapi"');
    expect(nodeV2Example(x)).toContain('endpoint: "127.0.0.1:3000"');
    expect(nodeV2Example(x)).toContain('protocol: "HTTP"');
    expect(nodeV2Example({ ...x, origin: "https://audit.example.com" })).toContain('protocol: "HTTPS"');
    expect(curlExample(x)).toContain("curl -s \"http://127.0.0.1:3000/openapi?$Q&Signature=$SIG\"");
  });
});
