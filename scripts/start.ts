// `npm start`: check the settings, make the data directory private, migrate the store, create the demo
// set-up on first start where the demo policy allows it, build the console if the sources changed since
// the last build, then run the web server (scripts/web-server.ts; HOST and PORT honoured) and the
// delivery worker, each restarted with back-off if it dies. docs/deployment.md explains every setting.
import "@/scripts/node-entry";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { disconnectDb, tuneDatabase } from "@/lib/db";
import { databaseUrl, dataDir, isPostgresUrl } from "@/lib/db/database-url";
import { migrationsDir, pendingMigrations } from "@/lib/db/migrations";
import { authSecretFile, getAuthSecret } from "@/lib/auth/secret";
import { demoAllowed, isLoopbackHost, listenHost } from "@/lib/auth/demo";
import { parseTrustedProxies, TRUSTED_PROXIES_ENV } from "@/lib/auth/request-info";
import { SERVER_KEY_FILE_ENV } from "@/lib/crypto/secret-box";
import { ensureServerKey, prepareDataDir, tightenDatabaseFiles } from "@/lib/files/store-files";
import { ensureSigningKey } from "@/lib/integrity/keys";
import { digestIntervalMs } from "@/lib/integrity/format";
import { demoStartNotes } from "@/lib/seed/demo-notes";
import { ensureDemoSetup, findUsersOnDemoPassword } from "@/lib/seed/seed-database";
import { countUsers } from "@/lib/users/users";
import { buildConsoleIfNeeded, runTool } from "./build-console";

const ROOT = path.resolve(__dirname, "..");
function progress(done: number, total: number) {
  if (!process.stdout.isTTY) {
    if (done === total || done % 10_000 === 0) console.log(`  seeded ${done}/${total} demo events`);
    return;
  }
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} demo events`);
  if (done === total) process.stdout.write("\n");
}

/** Where to open the console, for the log: "localhost" on loopback, this machine's name on a wildcard. */
function consoleUrl(host: string, port: string): string {
  if (isLoopbackHost(host)) return `http://localhost:${port}`;
  if (host === "0.0.0.0" || host === "::") return `http://${os.hostname()}:${port} (HOST=${host}: every network interface of this machine)`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

async function main() {
  const url = databaseUrl();
  const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
  process.env.DATABASE_URL = url;
  const host = listenHost();
  const port = process.env.PORT || "3000";
  // Refused here rather than trusting nobody in silence (request-info.ts falls back to that).
  const proxies = parseTrustedProxies(process.env[TRUSTED_PROXIES_ENV]);
  if (!proxies.ok) throw new Error(`${proxies.error} Give the proxies' addresses or CIDRs, separated by commas (docs/deployment.md "Behind nginx or a load balancer").`);
  digestIntervalMs(); // throws on a bad TRAILKEEPER_DIGEST_INTERVAL_SECONDS, before anything starts

  const store = isPostgresUrl(url) ? "PostgreSQL" : `SQLite (${url.replace(/^file:/, "")})`;
  console.log(`Trailkeeper: store ${store}, data in ${dataDir()}`);
  for (const note of prepareDataDir()) console.log(note);
  // Made or checked before the slow steps, so that a refusal comes first.
  const secret = getAuthSecret();
  const pending = await pendingMigrations(migrationsDir(ROOT, url));
  // Our own connection would hold the SQLite file open against the migration's exclusive lock.
  await disconnectDb();
  if (pending.length) {
    const hint = isPostgresUrl(url) ? "" : " A SQLite store is migrated only while no other process has it open: stop every Trailkeeper process on it (server, worker, CLI), then start again.";
    runTool("prisma", ["migrate", "deploy", ...(isPostgresUrl(url) ? ["--config", "prisma/postgres/prisma.config.ts"] : [])], env, hint);
  } else {
    console.log("Store schema is up to date.");
  }
  // WAL is a property of the SQLite file: set once here, every process then reads while another writes.
  await tuneDatabase();
  await disconnectDb();
  for (const note of tightenDatabaseFiles()) console.log(note);
  const key = await ensureServerKey();
  const keyFrom =
    key.location.kind === "env"
      ? `TRAILKEEPER_SERVER_KEY${process.env[SERVER_KEY_FILE_ENV] ? ` (it wins: ${SERVER_KEY_FILE_ENV} is ignored)` : ""}`
      : `${key.location.file}${key.created ? " (new)" : ""}`;
  console.log(`Server key: ${keyFrom}; session secret: ${process.env.NEXTAUTH_SECRET ? "NEXTAUTH_SECRET" : authSecretFile()}`);
  // Before the worker starts, so that it never races another process to make the first one.
  const signingKey = await ensureSigningKey();
  console.log(`Digest signing key: ${signingKey.id}${signingKey.created ? " (new)" : ""} (npm run -s cli -- digest public-key)`);

  const setup = await ensureDemoSetup({ onProgress: progress });
  if (setup.ingestToken) console.log(`Demo ingest token (shown once): ${setup.ingestToken}`);
  const notes = demoStartNotes({
    host,
    loopback: isLoopbackHost(host),
    allowed: demoAllowed(),
    userCount: await countUsers(),
    onDemoPassword: await findUsersOnDemoPassword(),
    withheld: setup.withheld,
  });
  await disconnectDb();

  buildConsoleIfNeeded();

  console.log(`\nTrailkeeper console: ${consoleUrl(host, port)}`);
  console.log(
    proxies.cidrs.length
      ? `Trusted proxies (${TRUSTED_PROXIES_ENV}): ${proxies.cidrs.join(", ")}: their X-Forwarded-For names the client`
      : `Trusted proxies: none (${TRUSTED_PROXIES_ENV} unset): the recorded client address is the connection's peer`,
  );
  for (const line of notes) console.log(line);
  const children = [
    supervise("Web server", ["scripts/web-server.ts"], { ...env, NEXTAUTH_SECRET: secret, PORT: port, HOST: host }),
    // TRAILKEEPER_WORKER=0: a further web server on a store whose worker already runs elsewhere.
    ...(process.env.TRAILKEEPER_WORKER === "0" ? [] : [supervise("Delivery worker", ["scripts/worker.ts"], env)]),
  ];
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      Promise.all(children.map((c) => c.stop(sig))).then(() => process.exit(0));
    });
  }
}

/**
 * Runs a script as a child process (node with tsx's loader, so the pid we signal is the script itself)
 * and restarts it whenever it dies, after 1 s doubling to 30 s; a run of a minute resets the delay.
 * The web server keeps no state of its own and the worker resumes from its checkpoints in the database.
 */
function supervise(name: string, args: string[], env: NodeJS.ProcessEnv): { stop: (sig: NodeJS.Signals) => Promise<void> } {
  let current: ReturnType<typeof spawn> | undefined;
  let stopped = false;
  let delay = 1_000;
  const launch = () => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env, stdio: "inherit" });
    current = child;
    child.on("exit", (code, signal) => {
      current = undefined;
      if (stopped) return;
      if (Date.now() - startedAt > 60_000) delay = 1_000;
      console.error(`${name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s`);
      setTimeout(() => !stopped && launch(), delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
  };
  launch();
  // Keeps the supervisor alive while a child is down between restarts.
  const keepAlive = setInterval(() => {}, 1 << 30);
  return {
    stop(sig) {
      stopped = true;
      clearInterval(keepAlive);
      const child = current;
      if (!child) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill(sig);
        setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 10_000).unref();
      });
    },
  };
}

main().catch(async (e) => {
  console.error(`Trailkeeper could not start: ${(e as Error).message}`);
  await disconnectDb().catch(() => {});
  process.exit(1);
});
