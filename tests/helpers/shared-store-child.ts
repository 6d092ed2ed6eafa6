// A second server process for tests/integration/shared-store.test.ts: on "go" (stdin) it claims the
// nonces and records the failed authentications it is given, as a web server does, and prints how many
// nonces it won; on the next line, whether the address is blocked. Nothing but the store is shared
// with the test's own process.
import "@/scripts/node-entry";
import readline from "node:readline";
import { disconnectDb, prisma } from "@/lib/db";
import { claimNonce } from "@/lib/openapi/nonces";
import { addressBlockedFor, recordAuthFailure } from "@/lib/openapi/throttle";

interface Work {
  accessKeyId: string;
  nonces: string[];
  timestamp: string;
  ip: string;
  failures: number;
}

async function main() {
  const work = JSON.parse(process.env.SHARED_STORE_WORK!) as Work;
  await prisma.apiNonce.count();
  console.log("ready");
  const rl = readline.createInterface({ input: process.stdin });
  const line = () => new Promise<void>((resolve) => rl.once("line", () => resolve()));
  await line();
  let won = 0;
  const timestamp = new Date(work.timestamp);
  for (let i = 0; i < Math.max(work.nonces.length, work.failures); i++) {
    if (i < work.nonces.length && (await claimNonce(work.accessKeyId, work.nonces[i], timestamp))) won++;
    if (i < work.failures) await recordAuthFailure(work.ip);
  }
  console.log(JSON.stringify({ won }));
  // Asked again once the test's process is done too: is the address blocked here?
  await line();
  rl.close();
  console.log(JSON.stringify({ blocked: await addressBlockedFor(work.ip) }));
  await disconnectDb();
}

main().catch((e) => {
  console.error((e as Error).stack ?? e);
  process.exit(1);
});
