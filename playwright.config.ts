// Browser tests: Debian's Chromium against `npm start` on a fresh SQLite store in a temp directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Playwright evaluates this file in the runner and again in every worker. Only the runner creates
// (and first empties) the data directory; workers inherit it through the environment, which is also
// how specs find the store to run the CLI against (see e2e/fixtures.ts).
if (!process.env.TRAILKEEPER_E2E_DATA_DIR) {
  const dir = path.join(os.tmpdir(), `trailkeeper-e2e-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  process.env.TRAILKEEPER_E2E_DATA_DIR = dir;
  process.env.TRAILKEEPER_E2E_DATABASE_URL = `file:${path.join(dir, "trailkeeper.db")}`;
  process.env.TRAILKEEPER_E2E_NEXTAUTH_SECRET = `e2e-secret-${process.pid}-${Date.now()}`;
}
const DATA_DIR = process.env.TRAILKEEPER_E2E_DATA_DIR;
const DATABASE_URL = process.env.TRAILKEEPER_E2E_DATABASE_URL ?? `file:${path.join(DATA_DIR, "trailkeeper.db")}`;

const STORAGE_STATE_DIR = path.join(__dirname, "e2e", ".auth");

export default defineConfig({
  testDir: "e2e",
  // Two cores: one worker next to the server keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
    permissions: ["clipboard-read", "clipboard-write"],
    trace: "retain-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: path.join(STORAGE_STATE_DIR, "admin.json") },
    },
  ],
  webServer: {
    command: "npm start",
    url: `${BASE_URL}/login`,
    // The first start migrates, seeds and may run `next build`.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      TRAILKEEPER_DATA_DIR: DATA_DIR,
      // Explicit, so a DATABASE_URL in the caller's shell (e.g. PostgreSQL) is not inherited.
      DATABASE_URL,
      TRAILKEEPER_SEED_EVENTS: "3000",
      // The sessions saved by auth.setup.ts serve the whole suite, which runs longer than the default
      // 30 idle minutes; idle expiry itself is tested on a server of its own (e2e/attack-sessions.spec.ts).
      TRAILKEEPER_SESSION_IDLE_MINUTES: "720",
      NEXTAUTH_SECRET: process.env.TRAILKEEPER_E2E_NEXTAUTH_SECRET ?? "trailkeeper-e2e-secret",
      NEXT_TELEMETRY_DISABLED: "1",
      // The specs' webhook receivers listen on loopback (outbound requests elsewhere are refused there).
      TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1,localhost",
    },
  },
});
