// The migrations of each store produce exactly its schema file: `prisma db push` against a freshly
// migrated database must find nothing to change.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STORES, useFreshDatabase } from "../helpers/db";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Runs `prisma db push` and resolves with its output once it has said whether the schemas match.
 * On PostgreSQL the CLI lingers for a minute after answering (its driver-adapter pool), so the test
 * stops it as soon as the answer is printed instead of waiting for it to exit.
 */
function dbPush(url: string, config: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/prisma", ["db", "push", "--skip-generate", ...config], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
    let out = "";
    const done = () => {
      child.kill();
      resolve(out);
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/already in sync|now in sync|Error|--accept-data-loss|warnings/i.test(out)) done();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", () => resolve(out));
  });
}

describe.each(STORES)("migrations on %s", (store) => {
  it("match the schema file (no drift)", async () => {
    const url = await useFreshDatabase(store);
    const out = await dbPush(url, store === "postgres" ? ["--config", "prisma/postgres/prisma.config.ts"] : []);
    expect(out).toMatch(/already in sync/);
  });
});
