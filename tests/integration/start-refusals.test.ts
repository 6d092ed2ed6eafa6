// `npm start` (scripts/start.ts, run for real) refuses settings it cannot honour safely, before it builds
// or serves anything: a bad TRAILKEEPER_TRUSTED_PROXIES entry, a server key file others may read.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function start(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, "start-"));
  const dataDir = path.join(dir, "data");
  const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: ROOT,
    // Only what it needs: no settings from the caller's shell.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", TRAILKEEPER_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "trailkeeper.db")}`, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, dir, dataDir };
}

describe("npm start refuses", () => {
  it("a TRAILKEEPER_TRUSTED_PROXIES entry it cannot parse, naming the entry, before touching the store", () => {
    const r = start({ TRAILKEEPER_TRUSTED_PROXIES: "10.0.0.0/8, 10.0.0.1/8" });
    expect(r.output).toContain("Trailkeeper could not start: TRAILKEEPER_TRUSTED_PROXIES: 10.0.0.1/8");
    expect(r.status).toBe(1);
    expect(fs.existsSync(r.dataDir)).toBe(false);

    const name = start({ TRAILKEEPER_TRUSTED_PROXIES: "proxy.internal" });
    expect(name.output).toContain("TRAILKEEPER_TRUSTED_PROXIES: ");
    expect(name.output).toContain("proxy.internal");
    expect(name.status).toBe(1);
  });

  it("a server key file that group or others may read", () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, "key-")), "server-key");
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("base64"));
    fs.chmodSync(keyFile, 0o644);
    const r = start({ TRAILKEEPER_SECRET_KEY_FILE: keyFile, NEXTAUTH_SECRET: "x".repeat(32) });
    expect(r.output).toContain(`Trailkeeper could not start: The server key file ${keyFile} is open to group or others (mode 0644).`);
    expect(r.output).not.toContain("Trailkeeper console:");
    expect(r.status).toBe(1);
    // The data directory it did make is private.
    expect(fs.statSync(r.dataDir).mode & 0o777).toBe(0o700);
  });
});
