// The worker's loops are independent: with the insight step failing on every tick (its rollup table is
// gone), trail delivery still delivers, and the failure is logged.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runWorker } from "@/lib/delivery/worker";
import { STORES, onFreshStore } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";

describe.each(STORES)("worker loops on %s", (store) => {
  let dataDir = "";
  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keep delivering trails while the insight step fails", async () => {
    await createLoggingTrail({ name: "kept-going", logStoreEnabled: true });
    await prisma.$executeRawUnsafe("DROP TABLE insight_hourly_counts");
    await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }, { acsRegion: "eu-central-1" }]);
    const lines: string[] = [];
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, intervalMs: 50, log: (l) => lines.push(l) });
    try {
      await expect.poll(() => prisma.logStoreEvent.count({ where: { logStore: "actiontrail_kept-going" } }), { timeout: 20_000 }).toBe(3);
      await expect.poll(() => lines.some((l) => / insight step failed: [\s\S]*insight_hourly_counts/.test(l)), { timeout: 20_000, message: "the insight failure is logged" }).toBe(true);
    } finally {
      controller.abort();
      await worker;
    }
  });
});
