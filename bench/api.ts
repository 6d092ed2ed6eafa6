// The compatible API end to end: LookupEvents through the official V2.0 core (ACS3-HMAC-SHA256, the
// default of every generated ActionTrail SDK) against the real web server (scripts/web-server.ts, the
// production Next build) on the benchmark's database, over HTTP on 127.0.0.1, one call at a time.
//
// The floor is the same client sending the same request to a plain node:http server that answers with the
// bytes the real server answered: signing, HTTP and the client's JSON parse, with no work on the server.
// What is left between the two is ours: routing, the signature check, the nonce and throttle rows, the
// query, rendering, and queueing the call's own audit event.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { ALL_REGIONS } from "@/lib/events/filters";
import { createUser } from "@/lib/users/users";
import { buildConsoleIfNeeded } from "@/scripts/build-console";
import { freePort } from "../tests/helpers/free-port";
import { v2Call, type ApiServer } from "../tests/helpers/openapi-clients";
import { summarise, type Timing } from "./measure";
import type { QueryCase } from "./mix";

const ROOT = path.resolve(__dirname, "..");

/** The target for LookupEvents end to end over HTTP. */
export const API_P95_MS = 20;

export interface ApiCaseResult {
  name: string;
  params: Record<string, string>;
  /** Events on the answer's page. */
  rows: number;
  product: Timing;
  floor: Timing;
  /** product p50 − floor p50: the server's own share. */
  serverMs: number;
}

interface Running {
  server: ApiServer;
  child: ChildProcess;
}

/** Starts the production web server on a free 127.0.0.1 port against `databaseUrl`; resolves once it listens. */
async function startWebServer(databaseUrl: string, serverKey: string): Promise<Running> {
  const port = await freePort();
  // BENCH_CPU_PROF=DIR: the server writes a CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/web-server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      TRAILKEEPER_SERVER_KEY: serverKey,
      // One client calling back to back would be throttled at the default 20 a second; the throttle's
      // row is still written on every call, so its cost stays in the figures.
      TRAILKEEPER_API_RATE: "100000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web server did not listen within 60 s:\n${log}`)), 60_000);
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (b: Buffer) => (log += b.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the web server exited (${code}) before listening:\n${log}`));
    });
  });
  child.removeAllListeners("exit");
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { server: { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, close }, child };
}


/** A server that answers every request with `body` as JSON, at once: the floor's other end. */
async function echoServer(): Promise<{ server: ApiServer; setBody(body: string): void }> {
  let current = "{}";
  const s = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "application/json;charset=utf-8", "Content-Length": Buffer.byteLength(current) });
      res.end(current);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  return {
    server: { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, close: () => new Promise((r) => s.close(() => r())) },
    setBody: (b) => (current = b),
  };
}

/**
 * The first answer, while a fresh server loads its route's code (the client gives up after 3 s): a few
 * tries, then the error. Only the timed calls after it count.
 */
async function firstAnswer<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (attempt >= 10 || !/Timeout/.test(String((e as Error).name) + String((e as Error).message))) throw e;
    }
  }
}

/** LookupEvents' parameters for a case of the query mix (the attributes it has; its window and region). */
function lookupParams(c: QueryCase): Record<string, string> {
  const f = c.filters;
  const p: Record<string, string> = { StartTime: f.start!, EndTime: f.end!, MaxResults: "50" };
  if (f.region && f.region !== ALL_REGIONS) p.RegionId = f.region;
  const attrs: [string, string | undefined][] = [
    ["User", f.user],
    ["EventName", f.eventName],
    ["ServiceName", f.service],
    ["EventRW", f.eventRW],
  ];
  attrs.filter(([, v]) => v).forEach(([k, v], i) => {
    p[`LookupAttribute.${i + 1}.Key`] = k;
    p[`LookupAttribute.${i + 1}.Value`] = v!;
  });
  return p;
}

/** The cases the API is timed on: the mix's plain and per-user lookups over 24 h and 90 days. */
export function apiCases(mix: QueryCase[]): QueryCase[] {
  const wanted = ["no filter (24 h)", "no filter, region all (24 h)", "user (busiest)", "eventName", "90 d, no filter", "90 d, user (rare)"];
  return wanted.map((name) => mix.find((c) => c.name === name)).filter((c): c is QueryCase => !!c && !c.secondPage);
}

export async function benchApi(opts: { databaseUrl: string; cases: QueryCase[]; runs: number; warmups: number }): Promise<ApiCaseResult[]> {
  buildConsoleIfNeeded();
  // The AccessKey's secret is sealed with the server key: this process and the server must share it.
  const serverKey = process.env.TRAILKEEPER_SERVER_KEY ?? randomBytes(32).toString("base64");
  process.env.TRAILKEEPER_SERVER_KEY = serverKey;
  const username = `bench-api-${randomBytes(3).toString("hex")}`;
  await createUser({ username, password: randomBytes(18).toString("base64url"), role: "auditor" });
  const key = await createAccessKey({ username });
  const real = await startWebServer(opts.databaseUrl, serverKey);
  const echo = await echoServer();
  const results: ApiCaseResult[] = [];
  try {
    for (const c of opts.cases) {
      const params = lookupParams(c);
      const call = async (server: ApiServer) => {
        const t = performance.now();
        const body = await v2Call(server, key, "LookupEvents", params);
        return { ms: performance.now() - t, body };
      };
      const first = await firstAnswer(() => call(real.server));
      const rows = (first.body.Events as unknown[] | undefined)?.length ?? 0;
      // A lookup that finds nothing would time an empty answer, not the API.
      if (rows === 0) throw new Error(`LookupEvents found no events for ${c.name}: ${JSON.stringify(params)}`);
      echo.setBody(JSON.stringify(first.body));
      const productMs: number[] = [];
      const floorMs: number[] = [];
      for (let i = 0; i < opts.warmups + opts.runs; i++) {
        // Alternating which goes first, as the query floors do.
        const realFirst = i % 2 === 0;
        const a = await call(realFirst ? real.server : echo.server);
        const b = await call(realFirst ? echo.server : real.server);
        if (i >= opts.warmups) {
          productMs.push((realFirst ? a : b).ms);
          floorMs.push((realFirst ? b : a).ms);
        }
      }
      const product = summarise(productMs);
      const floor = summarise(floorMs);
      results.push({ name: `LookupEvents: ${c.name}`, params, rows, product, floor, serverMs: product.p50 - floor.p50 });
    }
  } finally {
    await echo.server.close();
    await real.server.close();
  }
  return results;
}
