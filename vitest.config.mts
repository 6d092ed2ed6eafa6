import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests run lib/ in plain Node, like the CLI: the "server-only" marker resolves to its empty module
// (scripts/node-entry.ts says why).
const serverOnlyEmpty = path.join(path.dirname(createRequire(import.meta.url).resolve("server-only")), "empty.js");

export default defineConfig({
  resolve: { tsconfigPaths: true, alias: { "server-only": serverOnlyEmpty } },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    environment: "node",
    // Integration tests share one PostgreSQL server and SQLite files under a temp dir.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/global-setup.ts"],
    // The local webhook receivers and S3 server of the tests listen on loopback, which outbound requests
    // may reach only when allowed (lib/net/outbound.ts); tests of the refusal set their own list.
    env: { TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1,localhost" },
  },
});
