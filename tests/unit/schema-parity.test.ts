import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** The schema without comments, the generator and the datasource: the models every store must share. */
function models(file: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return text
    .replace(/\/\/.*$/gm, "")
    .replace(/(generator|datasource) \w+ \{[^}]*\}/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("are identical but for the datasource and generator", () => {
    expect(models("prisma/postgres/schema.prisma")).toBe(models("prisma/schema.prisma"));
  });

  it("differ in the provider", () => {
    expect(fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8")).toMatch(/provider = "sqlite"/);
    expect(fs.readFileSync(path.join(ROOT, "prisma/postgres/schema.prisma"), "utf8")).toMatch(/provider = "postgresql"/);
  });

  it("have the same migrations, one folder each", () => {
    const sqlite = fs.readdirSync(path.join(ROOT, "prisma/migrations")).filter((d) => !d.endsWith(".toml"));
    const pg = fs.readdirSync(path.join(ROOT, "prisma/postgres/migrations")).filter((d) => !d.endsWith(".toml"));
    expect(pg).toEqual(sqlite);
  });
});
