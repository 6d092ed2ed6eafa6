// `npm run load`: two web servers (and two workers) on one store, on 127.0.0.1, driven at once for a
// fixed time by autocannon: ingestion (POST /api/v1/events with an ingest token), LookupEvents signed
// with the V1 signature (a fresh nonce and signature per request, made by lib/openapi/signature.ts) and
// the console's event page with a signed-in session cookie, each against both servers. Prints per target
// the requests, the errors (non-2xx and socket errors: there must be none), p50/p99 latency and
// throughput, and writes bench/results/load-latest.md.
//
// The session is signed in on the first server only and used on both, and the nonces and throttles of
// both servers are one table each: the run shows that the servers share them. The API rate per key is
// raised for the run (TRAILKEEPER_API_RATE): the limiter still counts every call in the store, but a
// load generator with one key is not the client the default of 20 calls a second protects against.
import "@/scripts/node-entry";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildConsoleIfNeeded } from "@/scripts/build-console";
import { freePort } from "../tests/helpers/free-port";
import { parseLoadOptions, type LoadOptions } from "./load-options";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results", "load-latest.md");
const PASSWORD = "load-admin-password-1";

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface Histogram {
  p50: number;
  p99: number;
  average: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; requests: AutocannonRequest[]; timeout?: number }) => Promise<AutocannonResult>;
// autocannon ships no types: the little of its programmatic API used here, typed above.
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

interface Target {
  name: string;
  server: number;
  url: string;
  requests: AutocannonRequest[];
  /** Events each successful request stores (ingestion), for the events/s column. */
  eventsPerRequest?: number;
}

interface Row {
  target: string;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  reqPerSec: number;
  eventsPerSec?: number;
  mbPerSec: number;
  statuses: string;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh, migrated store: a database on the PostgreSQL server, or a SQLite file. */
async function createStore(o: LoadOptions, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const prisma = path.join(ROOT, "node_modules", ".bin", "prisma");
  if (o.store === "sqlite") {
    const url = `file:${path.join(dir, "load.db")}`;
    execFileSync(prisma, ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
    return { url, drop: async () => {} };
  }
  const name = `tk_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: o.pgUrl });
  await admin.connect().catch((e: Error) => {
    throw new Error(`Cannot reach PostgreSQL at ${o.pgUrl} (${e.message}). Start one with: bash scripts/pg-test-server.sh, or pass --pg-url.`);
  });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(o.pgUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  execFileSync(prisma, ["migrate", "deploy", "--config", "prisma/postgres/prisma.config.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: o.pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function startProcess(label: string, script: string, env: NodeJS.ProcessEnv, logs: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) logs.push(`[${label}] ${line}`);
    if (logs.length > 2_000) logs.splice(0, logs.length - 2_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

async function waitReady(url: string, child: ChildProcess, logs: string[]): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server at ${url} exited:\n${logs.slice(-20).join("\n")}`);
    try {
      const r = await fetch(`${url}/login`);
      if (r.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`the server at ${url} did not answer in 180 s:\n${logs.slice(-20).join("\n")}`);
}

/** Signs in through next-auth's credentials flow, as the login form does; returns the Cookie header. */
async function signIn(url: string, username: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const take = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  take(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const r = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, callbackUrl: `${url}/events`, json: "true" }),
  });
  take(r);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`signing in at ${url} failed: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
  return `${session}=${jar.get(session)}`;
}

function v1LookupPath(accessKeyId: string, secret: string, sign: (m: "GET", p: Record<string, string>, s: string) => string): string {
  const params: Record<string, string> = {
    Action: "LookupEvents",
    Version: "2020-07-06",
    Format: "JSON",
    AccessKeyId: accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: crypto.randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    RegionId: "cn-hangzhou",
    MaxResults: "20",
  };
  params.Signature = sign("GET", params, secret);
  return `/openapi?${new URLSearchParams(params).toString()}`;
}

function row(t: Target, r: AutocannonResult): Row {
  const statuses = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count}`).join(" ");
  const ok = r.requests.total - r.non2xx;
  return {
    target: t.name,
    requests: r.requests.total,
    errors: r.non2xx + r.errors + r.timeouts,
    p50: r.latency.p50,
    p99: r.latency.p99,
    reqPerSec: r.requests.total / r.duration,
    eventsPerSec: t.eventsPerRequest ? (ok * t.eventsPerRequest) / r.duration : undefined,
    mbPerSec: r.throughput.average / 1e6,
    statuses,
  };
}

function table(rows: Row[]): string {
  const head = "| target | requests | errors | p50 ms | p99 ms | req/s | events/s | MB/s | statuses |";
  const line = "|---|---:|---:|---:|---:|---:|---:|---:|---|";
  const body = rows.map((r) =>
    `| ${r.target} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p99} | ${r.reqPerSec.toFixed(1)} | ${r.eventsPerSec === undefined ? "" : r.eventsPerSec.toFixed(0)} | ${r.mbPerSec.toFixed(2)} | ${r.statuses} |`,
  );
  return [head, line, ...body].join("\n");
}

async function main() {
  const o = parseLoadOptions(process.argv.slice(2));
  buildConsoleIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-load-"));
  const store = await createStore(o, dir);
  const serverKey = crypto.randomBytes(32).toString("base64");
  process.env.DATABASE_URL = store.url;
  process.env.TRAILKEEPER_DATA_DIR = path.join(dir, "setup");
  process.env.TRAILKEEPER_SERVER_KEY = serverKey;
  // Imported once the store is chosen: lib/db opens the database DATABASE_URL names.
  const { disconnectDb } = await import("@/lib/db");
  const { createUser } = await import("@/lib/users/users");
  const { createAccessKey } = await import("@/lib/access-keys/access-keys");
  const { createIngestToken } = await import("@/lib/ingest-tokens/tokens");
  const { ingestEvents } = await import("@/lib/events/ingest");
  const { createGeneratorContext, generateEvent } = await import("@/lib/seed/generate-events");
  const { sign } = await import("@/lib/openapi/signature");

  const username = "load-admin";
  await createUser({ username, password: PASSWORD, role: "admin" });
  const key = await createAccessKey({ username });
  const { token } = await createIngestToken({ label: "npm run load" }, { actor: { username: "load", kind: "cli" } });
  const seedCtx = createGeneratorContext({ count: o.events, days: 7, seed: 7, idPrefix: "seed-" });
  for (let i = 0; i < o.events; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, o.events - i) }, (_, j) => {
      const value = generateEvent(seedCtx, i + j);
      return { value, raw: JSON.stringify(value) };
    });
    const r = await ingestEvents(batch);
    if (r.failed.length) throw new Error(`seeding failed: ${JSON.stringify(r.failed[0])}`);
  }
  await disconnectDb();
  console.log(`store: ${o.store} (${o.store === "postgres" ? store.url.replace(/\/\/[^@]*@/, "//") : store.url}), ${o.events} events stored`);

  const logs: string[] = [];
  const children: ChildProcess[] = [];
  const secret = crypto.randomBytes(32).toString("base64url");
  const urls: string[] = [];
  try {
    for (const n of [1, 2]) {
      const port = await freePort();
      const env = {
        ...process.env,
        DATABASE_URL: store.url,
        TRAILKEEPER_DATA_DIR: path.join(dir, `machine-${n}`),
        TRAILKEEPER_SERVER_KEY: serverKey,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        NEXT_TELEMETRY_DISABLED: "1",
        HOST: "127.0.0.1",
        PORT: String(port),
        TRAILKEEPER_API_RATE: "1000000",
      };
      fs.mkdirSync(env.TRAILKEEPER_DATA_DIR, { recursive: true, mode: 0o700 });
      children.push(startProcess(`web-${n}`, "scripts/web-server.ts", env, logs));
      if (o.workers) children.push(startProcess(`worker-${n}`, "scripts/worker.ts", env, logs));
      urls.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < urls.length; i++) await waitReady(urls[i], children[o.workers ? i * 2 : i], logs);
    // One session, signed in on the first server, used on both: console sessions live in the store.
    const cookie = await signIn(urls[0], username);
    for (const url of urls) {
      const page = await fetch(`${url}/events`, { headers: { Cookie: cookie }, redirect: "manual" });
      if (page.status !== 200) throw new Error(`the event page at ${url} answered ${page.status} to the session signed in at ${urls[0]}`);
    }

    const ingestCtx = createGeneratorContext({ count: 1e9, days: 1, seed: 11, idPrefix: `load-${process.pid}-` });
    let sent = 0;
    const ingestBody = () => {
      const events = Array.from({ length: o.batch }, () => generateEvent(ingestCtx, sent++));
      return JSON.stringify({ events });
    };
    const targets: Target[] = urls.flatMap((url, i) => [
      {
        name: `ingest @ web-${i + 1}`,
        server: i,
        url,
        eventsPerRequest: o.batch,
        requests: [{
          method: "POST",
          path: "/api/v1/events",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          setupRequest: (req) => ({ ...req, body: ingestBody() }),
        }],
      },
      {
        name: `LookupEvents (V1) @ web-${i + 1}`,
        server: i,
        url,
        requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: v1LookupPath(key.accessKeyId, key.accessKeySecret, sign) }) }],
      },
      { name: `event page @ web-${i + 1}`, server: i, url, requests: [{ method: "GET", path: "/events", headers: { Cookie: cookie } }] },
    ]);
    // Warm-up, untimed: the first request of each route loads its code; each must succeed, or the run
    // would only measure errors.
    for (const t of targets) {
      for (let i = 0; i < 3; i++) {
        const base = t.requests[0];
        const req = base.setupRequest ? base.setupRequest({ ...base }) : base;
        const r = await fetch(`${t.url}${req.path}`, { method: req.method, headers: req.headers, body: req.body, redirect: "manual" });
        if (r.status < 200 || r.status > 299) throw new Error(`warm-up of ${t.name} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
        await r.arrayBuffer();
      }
    }
    console.log(`driving ${targets.length} targets at once for ${o.duration} s, ${o.connections} connections each …`);
    const started = new Date();
    const results = await Promise.all(targets.map((t) => autocannon({ url: t.url, connections: o.connections, duration: o.duration, requests: t.requests, timeout: 30 })));
    const rows = targets.map((t, i) => row(t, results[i]));
    const errors = rows.reduce((n, r) => n + r.errors, 0);
    const report = [
      `# npm run load — ${started.toISOString()}`,
      "",
      `Two web servers${o.workers ? " and two workers" : ""} on one ${o.store} store, 127.0.0.1, ${o.duration} s, ${o.connections} connections per target, ` +
        `all ${targets.length} targets at once; ${o.events} events stored before, ${o.batch} events per ingestion call. ` +
        `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}.`,
      "",
      table(rows),
      "",
      `Errors (non-2xx, socket errors and timeouts): ${errors}${errors ? " — MISS (the target is zero)" : ""}.`,
      `Command: npm run load -- ${process.argv.slice(2).join(" ")}`.trimEnd(),
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (o.write) {
      fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
      fs.writeFileSync(RESULTS, report);
      console.log(`written: ${path.relative(ROOT, RESULTS)}`);
    }
    // The servers' and workers' own failures (a step retried, a request that failed inside): their last few, with context.
    const failed = logs.flatMap((l, i) => (/ failed|Error/.test(l) ? [logs.slice(i, i + 4).join("\n")] : [])).slice(-4);
    if (failed.length) console.log(`last failures in the server and worker logs:\n${failed.join("\n---\n")}`);
    process.exitCode = errors ? 1 : 0;
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
    if (o.keep) console.log(`kept: ${store.url} and ${dir}`);
    else {
      await store.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((e) => {
  console.error((e as Error).message ?? e);
  process.exit(1);
});
