// The alert step of the worker: new events (checkpoint "alerts.events") and new insights (checkpoint
// "alerts.insights") are matched against the enabled rules, each match becomes a pending delivery, and
// due deliveries are POSTed to their webhooks, signed, with exponential back-off between attempts.
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { errorDetail, errorText, httpStatusText } from "@/lib/delivery/backoff";
import { maxEventId, safeHorizon } from "@/lib/delivery/read-events";
import { LIST_COLUMNS, matchesDerivedFilters, queryRows, type EventListRow } from "@/lib/events/query";
import type { ResourceRef } from "@/lib/events/normalize";
import { openSecret } from "@/lib/crypto/secret-box";
import { postOutbound } from "@/lib/net/outbound";
import { moveCheckpoint, readCheckpoint } from "@/lib/insights/checkpoints";
import { db } from "@/lib/db/sql";
import { getInsight } from "@/lib/insights/insights";
import { eventAlertPayload, insightAlertPayload } from "./payload";
import { ANY_INSIGHT, listAlertRules, ruleEventFilters, type AlertRuleRow } from "./rules";
import { DELIVERY_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signing";

const sql = Prisma.sql;
export const EVENTS_CHECKPOINT = "alerts.events";
export const INSIGHTS_CHECKPOINT = "alerts.insights";
const EVENT_BATCH = 2_000;
const EVENT_SCAN_WINDOW = 50_000;
const INSIGHT_BATCH = 500;
const SEND_CONCURRENCY = 8;

export interface AlertEngineOptions {
  /** First retry after this long, doubling each time (TRAILKEEPER_ALERT_BACKOFF_MS, default 10 s). */
  backoffBaseMs?: number;
  /** Attempts before a delivery is given up (TRAILKEEPER_ALERT_MAX_ATTEMPTS, default 6). */
  maxAttempts?: number;
  timeoutMs?: number;
  now?: () => Date;
  onNotice?: (message: string) => void;
}

export interface AlertStepResult {
  queued: number;
  sent: number;
  failed: number;
  more: boolean;
}

export const BACKOFF_CAP_MS = 3_600_000;

function settings(opts: AlertEngineOptions) {
  return {
    backoffBaseMs: opts.backoffBaseMs ?? (Number(process.env.TRAILKEEPER_ALERT_BACKOFF_MS) || 10_000),
    maxAttempts: opts.maxAttempts ?? (Number(process.env.TRAILKEEPER_ALERT_MAX_ATTEMPTS) || 6),
    timeoutMs: opts.timeoutMs ?? 10_000,
    now: opts.now ?? (() => new Date()),
  };
}

/** The wait after the n-th failed attempt: base, 2 x base, 4 x base … at most an hour. */
export function alertBackoffMs(failedAttempts: number, baseMs: number): number {
  return Math.min(BACKOFF_CAP_MS, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

export function ruleMatchesEvent(rule: AlertRuleRow, row: EventListRow, resources: ResourceRef[]): boolean {
  return matchesDerivedFilters(ruleEventFilters(rule.filters), row, resources);
}

type NewDelivery = { ruleId: number; sourceKind: string; sourceRef: string; payload: string; nextAttemptAt: Date };

async function evaluateEvents(rules: AlertRuleRow[], now: Date): Promise<{ queued: number; more: boolean }> {
  const checkpoint = await readCheckpoint(EVENTS_CHECKPOINT, maxEventId);
  const horizon = await safeHorizon();
  if (horizon === undefined) return { queued: 0, more: false };
  const maxId = Math.min(horizon, checkpoint + EVENT_SCAN_WINDOW);
  if (maxId <= checkpoint) return { queued: 0, more: false };
  const eventRules = rules.filter((r) => r.trigger === "event");
  let next = maxId;
  let full = false;
  const deliveries: NewDelivery[] = [];
  if (eventRules.length) {
    const rows = await queryRows(sql`SELECT ${LIST_COLUMNS} FROM events WHERE id > ${checkpoint} AND id <= ${maxId} ORDER BY id LIMIT ${EVENT_BATCH}`);
    full = rows.length === EVENT_BATCH;
    if (full) next = rows[rows.length - 1].id;
    const resources = new Map<number, ResourceRef[]>();
    const refs = await db.all(sql`SELECT event_pk AS "eventPk", resource_type AS "type", resource_name AS "name" FROM event_resources
      WHERE event_pk > ${checkpoint} AND event_pk <= ${next}`);
    for (const r of refs) {
      const pk = Number(r.eventPk);
      const list = resources.get(pk) ?? [];
      list.push({ type: String(r.type), name: String(r.name) });
      resources.set(pk, list);
    }
    for (const row of rows) {
      for (const rule of eventRules) {
        if (!ruleMatchesEvent(rule, row, resources.get(row.id) ?? [])) continue;
        deliveries.push({ ruleId: rule.id, sourceKind: "event", sourceRef: row.eventId, payload: eventAlertPayload(rule, row, now), nextAttemptAt: now });
      }
    }
  }
  await prisma.$transaction(async (tx) => {
    if (deliveries.length) await tx.alertDelivery.createMany({ data: deliveries });
    await moveCheckpoint(tx, EVENTS_CHECKPOINT, checkpoint, next);
  });
  return { queued: deliveries.length, more: full || maxId < horizon };
}

async function maxInsightId(): Promise<number> {
  const r = await prisma.insight.aggregate({ _max: { id: true } });
  return r._max.id ?? 0;
}

async function evaluateInsights(rules: AlertRuleRow[], now: Date): Promise<{ queued: number; more: boolean }> {
  const checkpoint = await readCheckpoint(INSIGHTS_CHECKPOINT, maxInsightId);
  const ids = await prisma.insight.findMany({ where: { id: { gt: checkpoint } }, orderBy: { id: "asc" }, take: INSIGHT_BATCH, select: { id: true, type: true } });
  if (!ids.length) return { queued: 0, more: false };
  const insightRules = rules.filter((r) => r.trigger === "insight");
  const deliveries: NewDelivery[] = [];
  for (const { id, type } of ids) {
    const matching = insightRules.filter((r) => r.insightType === ANY_INSIGHT || r.insightType === type);
    if (!matching.length) continue;
    const insight = await getInsight(id);
    if (!insight) continue;
    for (const rule of matching) {
      deliveries.push({ ruleId: rule.id, sourceKind: "insight", sourceRef: String(id), payload: insightAlertPayload(rule, insight, now), nextAttemptAt: now });
    }
  }
  await prisma.$transaction(async (tx) => {
    if (deliveries.length) await tx.alertDelivery.createMany({ data: deliveries });
    await moveCheckpoint(tx, INSIGHTS_CHECKPOINT, checkpoint, ids[ids.length - 1].id);
  });
  return { queued: deliveries.length, more: ids.length === INSIGHT_BATCH };
}

type DueDelivery = Awaited<ReturnType<typeof findDue>>[number];

function findDue(now: Date, take: number) {
  return prisma.alertDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, rule: { enabled: true } },
    orderBy: { nextAttemptAt: "asc" },
    take,
    include: { rule: { select: { webhookUrl: true, secretEncrypted: true, name: true } } },
  });
}

/** One attempt of one delivery: POST, record the outcome, schedule the retry or give up. */
async function attempt(d: DueDelivery, s: ReturnType<typeof settings>, onNotice?: (m: string) => void): Promise<boolean> {
  const startedAt = s.now();
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  let detail: string | null = null;
  try {
    const timestamp = Math.floor(Date.now() / 1000);
    // Through the guarded agents (lib/net/outbound.ts): internal addresses refused at connect time,
    // redirects not followed, the answer's body never read.
    statusCode = await postOutbound(d.rule.webhookUrl, d.payload, {
      "Content-Type": "application/json",
      "User-Agent": "Trailkeeper-Webhook/1",
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(openSecret(d.rule.secretEncrypted), timestamp, d.payload),
      [DELIVERY_HEADER]: String(d.id),
    }, s.timeoutMs);
    if (statusCode < 200 || statusCode > 299) error = httpStatusText(statusCode);
  } catch (e) {
    error = errorText(e);
    detail = errorDetail(e);
  }
  const durationMs = Math.round(performance.now() - started);
  const attempts = d.attempts + 1;
  const ok = error === null;
  const giveUp = !ok && attempts >= s.maxAttempts;
  const nextRetryAt = ok || giveUp ? null : new Date(s.now().getTime() + alertBackoffMs(attempts, s.backoffBaseMs));
  await prisma.$transaction([
    prisma.alertDelivery.updateMany({
      where: { id: d.id, attempts: d.attempts },
      data: { attempts, status: ok ? "delivered" : giveUp ? "failed" : "pending", nextAttemptAt: nextRetryAt, ...(ok ? { deliveredAt: s.now() } : {}) },
    }),
    prisma.alertDeliveryAttempt.create({ data: { deliveryId: d.id, attempt: attempts, startedAt, durationMs, statusCode, error, nextRetryAt } }),
  ]);
  if (!ok) onNotice?.(`alert delivery ${d.id} (rule ${d.rule.name}) attempt ${attempts} failed: ${detail ?? error}${giveUp ? " — giving up" : ""}`);
  return ok;
}

async function sendDue(s: ReturnType<typeof settings>, onNotice?: (m: string) => void): Promise<{ sent: number; failed: number; more: boolean }> {
  const due = await findDue(s.now(), SEND_CONCURRENCY);
  const results = await Promise.all(due.map((d) => attempt(d, s, onNotice)));
  const sent = results.filter(Boolean).length;
  return { sent, failed: results.length - sent, more: due.length === SEND_CONCURRENCY };
}

export async function runAlertStep(opts: AlertEngineOptions = {}): Promise<AlertStepResult> {
  const s = settings(opts);
  const rules = (await listAlertRules()).filter((r) => r.enabled);
  const events = await evaluateEvents(rules, s.now());
  const insights = await evaluateInsights(rules, s.now());
  const sending = await sendDue(s, opts.onNotice);
  return {
    queued: events.queued + insights.queued,
    sent: sending.sent,
    failed: sending.failed,
    more: events.more || insights.more || sending.more,
  };
}

export interface DeliveryHistoryRow {
  id: number;
  sourceKind: string;
  sourceRef: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  attemptLog: { attempt: number; startedAt: Date; durationMs: number; statusCode: number | null; error: string | null; nextRetryAt: Date | null }[];
}

/** A rule's latest deliveries with every attempt (the rule page). */
export async function findRuleDeliveries(ruleId: number, take = 50): Promise<DeliveryHistoryRow[]> {
  return prisma.alertDelivery.findMany({
    where: { ruleId },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true, sourceKind: true, sourceRef: true, status: true, attempts: true, nextAttemptAt: true, createdAt: true, deliveredAt: true,
      attemptLog: { orderBy: { attempt: "asc" }, select: { attempt: true, startedAt: true, durationMs: true, statusCode: true, error: true, nextRetryAt: true } },
    },
  });
}

/** The latest delivery status of each rule (the rule list). */
export async function latestDeliveryByRule(): Promise<Map<number, { status: string; createdAt: Date }>> {
  const rows = await prisma.alertDelivery.findMany({ orderBy: { id: "desc" }, take: 500, select: { ruleId: true, status: true, createdAt: true } });
  const out = new Map<number, { status: string; createdAt: Date }>();
  for (const r of rows) if (!out.has(r.ruleId)) out.set(r.ruleId, { status: r.status, createdAt: r.createdAt });
  return out;
}
