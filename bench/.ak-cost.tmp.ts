import "../scripts/node-entry";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqliteFile } from "./database";
async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ak-cost-"));
  const file = path.join(dir, "c.db");
  migrateSqliteFile(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.TRAILKEEPER_QUERY_RETENTION_DAYS = "3650";
  const { ingestEvents, validateEvents } = await import("@/lib/events/ingest");
  const { lastUsedRows, upsertLastUsed } = await import("@/lib/access-keys/last-used");
  const { transaction } = await import("@/lib/db/sql");
  const { sensitivityRule, loadSensitiveNames } = await import("@/lib/events/sensitive-catalog");
  const { generateEvents } = await import("@/lib/seed/generate-events");
  const rule = sensitivityRule(await loadSensitiveNames());
  const events = generateEvents({ count: 30000, end: new Date("2026-03-04T10:00:00.000Z"), days: 90, seed: 7 });
  let ingestMs = 0, rowsMs = 0, upsertMs = 0, n = 0, records = 0;
  for (;;) {
    const batch: { value: unknown; raw: string }[] = [];
    for (let r = events.next(); !r.done; r = events.next()) { batch.push({ value: r.value, raw: JSON.stringify(r.value) }); if (batch.length === 1000) break; }
    if (!batch.length) break;
    let t = performance.now();
    await ingestEvents(batch);
    ingestMs += performance.now() - t;
    const { valid } = validateEvents(batch, rule);
    t = performance.now();
    const rows = lastUsedRows(valid, new Date());
    rowsMs += performance.now() - t;
    t = performance.now();
    await transaction(function* () { yield* upsertLastUsed(rows); });
    upsertMs += performance.now() - t;
    n += batch.length; records += rows.length;
  }
  console.log(JSON.stringify({ events: n, ingestMs: Math.round(ingestMs), perSec: Math.round(n / (ingestMs / 1000)), rowsMs: Math.round(rowsMs), upsertMs: Math.round(upsertMs), recordsPerBatch: Math.round(records / (n / 1000)), share: ((rowsMs + upsertMs) / ingestMs) }));
  fs.rmSync(dir, { recursive: true, force: true });
}
main();
