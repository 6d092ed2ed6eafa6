import { execFileSync } from "node:child_process";
import fs from "node:fs";
const file = process.argv[2];
const n = Number(process.argv[3] ?? 1_000_000);
process.env.DATABASE_URL = `file:${file}`;
async function main() {
  const fresh = !fs.existsSync(file);
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: process.env, stdio: "ignore" });
  const { seedEvents } = await import("@/lib/seed/seed-database");
  const { runInsightsUntilIdle, runInsightStep } = await import("@/lib/insights/step");
  const { generateEvents } = await import("@/lib/seed/generate-events");
  const { ingestEvents } = await import("@/lib/events/ingest");
  const { prisma, analyzeDatabase } = await import("@/lib/db");
  if (fresh) { let t = performance.now(); await seedEvents({ count: n }); await analyzeDatabase(); console.log("seeded", n, Math.round(performance.now() - t), "ms"); }
  let t0 = performance.now();
  const backlog = await runInsightsUntilIdle();
  console.log("backlog", backlog, Math.round(performance.now() - t0), "ms");
  for (let round = 0; round < 3; round++) {
    // 10k new events from the last hour, ingested as the API would (1,000 per call).
    const batch = [...generateEvents({ count: 10_000, end: new Date(), days: 1 / 24, seed: 1000 + round, idPrefix: `perf${round}-` })];
    for (let i = 0; i < batch.length; i += 1000) {
      const r = await ingestEvents(batch.slice(i, i + 1000).map((v) => ({ value: v, raw: JSON.stringify(v) })));
      if (r.failed.length) throw new Error(JSON.stringify(r.failed[0]));
    }
    t0 = performance.now();
    const a = await runInsightStep();
    const t1 = performance.now();
    const b = await runInsightStep();
    const t2 = performance.now();
    console.log(`round ${round}: rollup step ${Math.round(t1 - t0)} ms (${JSON.stringify(a)}), detect step ${Math.round(t2 - t1)} ms (${JSON.stringify(b)})`);
  }
  console.log("events", await prisma.event.count(), "insights", await prisma.insight.count());
}
main();
