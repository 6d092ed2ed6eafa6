// Extra console servers for the specs that need more than the one playwright.config.ts starts: a second
// process on the same store, a restart, or a server with other settings (HOST, trusted proxies) on a
// store of its own. Each runs `npm start` (scripts/start.ts) for real; the build of the main server is reused.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "@playwright/test";
import { e2eEnv, ROOT } from "./fixtures";

export interface ExtraServer {
  url: string;
  port: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface ExtraServerOptions {
  port: number;
  /** A data directory of its own (a new store); default: the main server's store. */
  dataDir?: string;
  env?: Record<string, string | undefined>;
  /** Start the delivery worker too (default: no, the main server's worker serves the shared store). */
  worker?: boolean;
  timeoutMs?: number;
}

/** A new empty directory for a store of its own. */
export function freshDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `trailkeeper-e2e-${label}-`));
}

export async function startServer(options: ExtraServerOptions): Promise<ExtraServer> {
  const base = e2eEnv();
  const env: NodeJS.ProcessEnv = {
    ...base,
    PORT: String(options.port),
    HOST: "127.0.0.1",
    TRAILKEEPER_SEED_EVENTS: "200",
    TRAILKEEPER_WORKER: options.worker ? "1" : "0",
    NEXTAUTH_SECRET: process.env.TRAILKEEPER_E2E_NEXTAUTH_SECRET ?? "trailkeeper-e2e-secret",
  };
  if (options.dataDir) {
    env.TRAILKEEPER_DATA_DIR = options.dataDir;
    env.DATABASE_URL = `file:${path.join(options.dataDir, "trailkeeper.db")}`;
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  let out = "";
  const child: ChildProcess = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${options.port} exited (${child.exitCode}):\n${out.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/login`, { redirect: "manual" });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server on port ${options.port} did not answer /login in time:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, port: options.port, output: () => out, stop };
}

/**
 * An extra server for the tests of the enclosing describe block (or file): started before them within
 * `startTimeoutMs`, stopped after them. The getter returns it inside tests and hooks.
 */
export function serverForTests(options: ExtraServerOptions, startTimeoutMs = 240_000): () => ExtraServer {
  let server: ExtraServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(startTimeoutMs);
    server = await startServer(options);
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return () => server!;
}
