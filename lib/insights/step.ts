// The insight step of the worker, in two phases with their own checkpoints on events.id:
//  1. rollup ("insights.rollup"): the next batch is added to the hourly-count and subject-IP rollups;
//  2. detect ("insights"): once the rollups have caught up, the events after the detection checkpoint
//     are run through the detectors against them, and the insights stored.
// Each phase writes and moves its checkpoint in one transaction. A backlog (the demo seed, whose events
// are not stored in time order) is rolled up completely before detection starts, so every event is
// judged against all the history there is. Independent of trail delivery: own loop, checkpoints, failures.
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { safeHorizon } from "@/lib/delivery/read-events";
import { queryRetentionDays } from "@/lib/config/retention";
import { DAY_MS, dayKey, DEFAULT_DETECTOR_CONFIG, hourKey, type DetectorConfig } from "./config";
import { moveCheckpoint, readCheckpoint, type Tx } from "./checkpoints";
import { db } from "@/lib/db/sql";
import { DbHistory } from "./db-history";
import { detectInsights, type NewInsight } from "./detect";
import { ACCOUNT, subjectsOf, type HistoryKind, type InsightEvent } from "./history";
import { EMIT_BATCH, emitInsightEvents } from "./insight-events";
import { loadIpLists } from "./ip-lists";

const sql = Prisma.sql;
export const INSIGHTS_CHECKPOINT = "insights";
export const ROLLUP_CHECKPOINT = "insights.rollup";
export const DEFAULT_INSIGHT_BATCH = 10_000;
const SCAN_WINDOW = 100_000;
const UPSERT_CHUNK = 400;

export interface InsightStepOptions {
  batchSize?: number;
  config?: DetectorConfig;
  /** The clock insight events close by (tests). */
  now?: Date;
}

export interface InsightStepResult {
  processed: number;
  raised: number;
  more: boolean;
}

async function readBatch(afterId: number, maxId: number, limit: number): Promise<InsightEvent[]> {
  const rows = await db.all(sql`SELECT id, event_id AS "eventId", event_time AS "eventTime", query_region AS "queryRegion",
    event_name AS "eventName", user_name AS "userName", access_key_id AS "accessKeyId", source_ip AS "sourceIp", error_code AS "errorCode"
    FROM events WHERE id > ${afterId} AND id <= ${maxId} ORDER BY id LIMIT ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id), eventId: String(r.eventId), eventTime: String(r.eventTime), queryRegion: String(r.queryRegion),
    eventName: String(r.eventName), userName: (r.userName as string | null) ?? null, accessKeyId: (r.accessKeyId as string | null) ?? null,
    sourceIp: (r.sourceIp as string | null) ?? null, errorCode: (r.errorCode as string | null) ?? null,
  }));
}

/** The batch's additions to the two rollups, aggregated so each row is written once. */
function rollupDeltas(events: InsightEvent[]) {
  const hours = new Map<string, { kind: string; subject: string; hour: string; calls: number; errors: number }>();
  const ips = new Map<string, IpRow>();
  for (const e of events) {
    if (e.sourceIp) addIp(ips, ACCOUNT, e);
    for (const [kind, subject] of subjectsOf(e)) {
      const hour = hourKey(e.eventTime);
      const hk = `${kind}\u0000${subject}\u0000${hour}`;
      const h = hours.get(hk) ?? { kind, subject, hour, calls: 0, errors: 0 };
      h.calls++;
      if (e.errorCode) h.errors++;
      hours.set(hk, h);
      if (e.sourceIp) addIp(ips, [kind, subject], e);
    }
  }
  return { hours: [...hours.values()], ips: [...ips.values()] };
}

type IpRow = { kind: string; subject: string; ip: string; day: string; firstSeen: string };

function addIp(ips: Map<string, IpRow>, [kind, subject]: [HistoryKind, string], e: InsightEvent) {
  const day = dayKey(e.eventTime);
  const key = `${kind}\u0000${subject}\u0000${e.sourceIp}\u0000${day}`;
  const row = ips.get(key);
  if (!row) ips.set(key, { kind, subject, ip: e.sourceIp!, day, firstSeen: e.eventTime });
  else if (e.eventTime < row.firstSeen) row.firstSeen = e.eventTime;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function writeRollups(tx: Tx, events: InsightEvent[]): Promise<void> {
  const { hours, ips } = rollupDeltas(events);
  for (const part of chunks(hours, UPSERT_CHUNK)) {
    const values = Prisma.join(part.map((h) => sql`(${h.kind}, ${h.subject}, ${h.hour}, ${h.calls}, ${h.errors})`));
    await tx.$executeRaw(sql`INSERT INTO insight_hourly_counts (subject_kind, subject, hour, calls, errors) VALUES ${values}
      ON CONFLICT (subject_kind, subject, hour) DO UPDATE SET calls = insight_hourly_counts.calls + excluded.calls,
      errors = insight_hourly_counts.errors + excluded.errors`);
  }
  for (const part of chunks(ips, UPSERT_CHUNK)) {
    const values = Prisma.join(part.map((i) => sql`(${i.kind}, ${i.subject}, ${i.ip}, ${i.day}, ${i.firstSeen})`));
    await tx.$executeRaw(sql`INSERT INTO insight_subject_ips (subject_kind, subject, ip, day, first_seen) VALUES ${values}
      ON CONFLICT (subject_kind, subject, ip, day) DO UPDATE SET first_seen = CASE WHEN excluded.first_seen < insight_subject_ips.first_seen
      THEN excluded.first_seen ELSE insight_subject_ips.first_seen END`);
  }
}

async function storeInsight(tx: Tx, i: NewInsight): Promise<boolean> {
  const existing = await tx.insight.findUnique({ where: { dedupeKey: i.dedupeKey }, select: { id: true, eventCount: true, startTime: true, endTime: true } });
  const evidence = JSON.stringify(i.evidence);
  if (!existing) {
    const { merge: _merge, ...data } = i;
    await tx.insight.create({ data: { ...data, evidence } });
    return true;
  }
  if (i.merge === "replace") await tx.insight.update({ where: { id: existing.id }, data: { eventCount: i.eventCount, evidence } });
  if (i.merge === "add") {
    await tx.insight.update({
      where: { id: existing.id },
      data: {
        eventCount: existing.eventCount + i.eventCount,
        startTime: i.startTime < existing.startTime ? i.startTime : existing.startTime,
        endTime: i.endTime > existing.endTime ? i.endTime : existing.endTime,
      },
    });
  }
  return false;
}

async function rollupPhase(batchSize: number, horizon: number): Promise<{ caughtUp: boolean }> {
  const checkpoint = await readCheckpoint(ROLLUP_CHECKPOINT, async () => 0);
  const maxId = Math.min(horizon, checkpoint + SCAN_WINDOW);
  if (maxId <= checkpoint) return { caughtUp: true };
  const events = await readBatch(checkpoint, maxId, batchSize);
  const full = events.length === batchSize;
  const next = full ? events[events.length - 1].id : maxId;
  await prisma.$transaction(
    async (tx) => {
      await writeRollups(tx, events);
      await moveCheckpoint(tx, ROLLUP_CHECKPOINT, checkpoint, next);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { caughtUp: next >= horizon };
}

async function detectPhase(batchSize: number, upTo: number, config: DetectorConfig): Promise<{ processed: number; raised: number; more: boolean }> {
  const checkpoint = await readCheckpoint(INSIGHTS_CHECKPOINT, async () => 0);
  const maxId = Math.min(upTo, checkpoint + SCAN_WINDOW);
  if (maxId <= checkpoint) return { processed: 0, raised: 0, more: false };
  const events = await readBatch(checkpoint, maxId, batchSize);
  const full = events.length === batchSize;
  const next = full ? events[events.length - 1].id : maxId;
  // Detection reads outside the write transaction: ingestion waits only for the short write at the end.
  const found = events.length ? await detectInsights(events, new DbHistory(), await loadIpLists(), config) : [];
  let raised = 0;
  await prisma.$transaction(
    async (tx) => {
      for (const i of found) if (await storeInsight(tx, i)) raised++;
      await moveCheckpoint(tx, INSIGHTS_CHECKPOINT, checkpoint, next);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { processed: events.length, raised, more: full || maxId < upTo };
}

/** Rollup rows stop being needed once no event in the query store can look back at them (31 days). */
const ROLLUP_LOOKBACK_DAYS = 31;
const PURGE_EVERY_MS = 3_600_000;
let lastPurge = 0;

export async function purgeRollups(now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - (queryRetentionDays() + ROLLUP_LOOKBACK_DAYS) * DAY_MS).toISOString();
  await prisma.$executeRaw(sql`DELETE FROM insight_hourly_counts WHERE hour < ${hourKey(cutoff)}`);
  await prisma.$executeRaw(sql`DELETE FROM insight_subject_ips WHERE day < ${dayKey(cutoff)}`);
}

/** One step: a rollup batch, then (once the rollups have caught up) a detection batch. */
export async function runInsightStep(opts: InsightStepOptions = {}): Promise<InsightStepResult> {
  const batchSize = opts.batchSize ?? DEFAULT_INSIGHT_BATCH;
  if (Date.now() - lastPurge >= PURGE_EVERY_MS) {
    lastPurge = Date.now();
    await purgeRollups();
  }
  const horizon = await safeHorizon();
  if (horizon === undefined) return { processed: 0, raised: 0, more: false };
  const rollup = await rollupPhase(batchSize, horizon);
  if (!rollup.caughtUp) return { processed: 0, raised: 0, more: true };
  const detected = await detectPhase(batchSize, horizon, opts.config ?? DEFAULT_DETECTOR_CONFIG);
  // The stored insights as ActionTrail's insight events (docs/insight-events.md): Start, then End once closed.
  const emitted = await emitInsightEvents(opts.now ?? new Date());
  return { ...detected, more: detected.more || emitted.started + emitted.ended >= EMIT_BATCH };
}

/** Steps until no batch is waiting (tests, the seed, the benchmark). */
export async function runInsightsUntilIdle(opts: InsightStepOptions = {}, maxSteps = 10_000): Promise<InsightStepResult> {
  const total: InsightStepResult = { processed: 0, raised: 0, more: false };
  for (let i = 0; i < maxSteps; i++) {
    const r = await runInsightStep(opts);
    total.processed += r.processed;
    total.raised += r.raised;
    if (!r.more) return total;
  }
  throw new Error(`Insight detection still busy after ${maxSteps} steps`);
}
