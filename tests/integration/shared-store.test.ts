// Two server processes on one store share the API's replay protection and throttles: racing for the
// same SignatureNonces, each nonce is won by exactly one of them; failed authentications from one
// address are counted together, so the address is blocked once their sum passes the limit although
// neither process alone saw that many. Nothing in memory decides (tests/helpers/shared-store-child.ts is
// the other process).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { describe, expect, it } from "vitest";
import { claimNonce } from "@/lib/openapi/nonces";
import { addressBlockedFor, AUTH_FAILURES_ALLOWED, recordAuthFailure } from "@/lib/openapi/throttle";
import { STORES, onFreshStore } from "../helpers/db";

const ROOT = path.resolve(__dirname, "..", "..");

describe.each(STORES)("two server processes on one %s store", (store) => {
  const getUrl = onFreshStore(store);

  it("share nonces and the failed-authentication throttle", async () => {
    const nonces = Array.from({ length: 120 }, () => crypto.randomUUID());
    const ip = "192.0.2.77";
    // Each process alone stays under the limit; together they pass it.
    const failures = Math.ceil((AUTH_FAILURES_ALLOWED + 1) / 2) + 5;
    const work = { accessKeyId: "LTAIshared", nonces, timestamp: new Date().toISOString(), ip, failures };
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["tests/helpers/shared-store-child.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: getUrl(), SHARED_STORE_WORK: JSON.stringify(work) },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = readline.createInterface({ input: child.stdout! });
    const next = () => new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`the second process exited (${code})`)));
    });
    expect(await next()).toBe("ready");
    const result = next();
    child.stdin!.write("go\n");
    let won = 0;
    const timestamp = new Date(work.timestamp);
    for (let i = 0; i < Math.max(nonces.length, failures); i++) {
      if (i < nonces.length && (await claimNonce(work.accessKeyId, nonces[i], timestamp))) won++;
      if (i < failures) await recordAuthFailure(ip);
    }
    const other = JSON.parse(await result) as { won: number };
    expect(won + other.won, `this process won ${won}, the other ${other.won}`).toBe(nonces.length);
    expect(await addressBlockedFor(ip)).toBeGreaterThan(0);
    const blocked = next();
    child.stdin!.write("check\n");
    expect((JSON.parse(await blocked) as { blocked: number | null }).blocked).toBeGreaterThan(0);
    // Every nonce is now taken for both processes.
    for (const n of nonces.slice(0, 5)) expect(await claimNonce(work.accessKeyId, n, timestamp)).toBe(false);
    child.stdin!.end();
  }, 60_000);
});
