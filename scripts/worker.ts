// The delivery worker as its own process: `tsx scripts/worker.ts` (npm start spawns it beside the web
// server). DATABASE_URL / TRAILKEEPER_DATA_DIR select the store and the local buckets, as for the server.
import "@/scripts/node-entry";
import { disconnectDb } from "@/lib/db";
import { runWorker } from "@/lib/delivery/worker";

const controller = new AbortController();
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => controller.abort());

console.log(`Trailkeeper delivery worker started (pid ${process.pid})`);
runWorker({ signal: controller.signal, intervalMs: Number(process.env.TRAILKEEPER_DELIVERY_INTERVAL_MS) || 1_000 })
  .then(async () => {
    await disconnectDb();
    console.log("Trailkeeper delivery worker stopped");
    process.exit(0);
  })
  .catch(async (e) => {
    console.error(`Delivery worker crashed: ${(e as Error).stack ?? e}`);
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
