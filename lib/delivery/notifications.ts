// Delivery notifications (docs/integrity-console.md "Delivery notifications"; docs/actiontrail.md "Delivery
// paths": "When an event is delivered, ActionTrail sends you a notification"). A trail names an alert rule as its channel; the
// delivery engine queues, in the alert rule's own delivery table, a notification when a destination
// starts failing, when it delivers again, and (notifyEachFile) for each file it delivered with its key
// and SHA-256. The alert loop sends them as it sends every alert: signed with the rule's secret
// (lib/alerts/signing.ts), through the outbound guard, retried with back-off, each attempt in the rule's
// delivery history. A disabled rule sends nothing. History jobs do not notify (they re-deliver the past).
import { prisma } from "@/lib/db";
import { consoleBaseUrl } from "@/lib/alerts/payload";
import type { DeliveryPart, Destination, Tx } from "./destinations";

export const NOTIFICATION_SOURCE = "delivery";
export const NOTIFICATION_KINDS = ["delivery.failed", "delivery.recovered", "delivery.file"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The channel of a trail: its rule, and whether every delivered file is announced. */
export interface NotifyChannel {
  ruleId: number;
  ruleName: string;
  eachFile: boolean;
}

/** The channels of the given trails (a rule that no longer exists is none). */
export async function notifyChannels(trails: readonly { name: string; notifyRuleId?: number | null; notifyEachFile?: boolean }[]): Promise<Map<string, NotifyChannel>> {
  const ids = [...new Set(trails.map((t) => t.notifyRuleId).filter((id): id is number => typeof id === "number"))];
  const out = new Map<string, NotifyChannel>();
  if (!ids.length) return out;
  const rules = new Map((await prisma.alertRule.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => [r.id, r.name]));
  for (const t of trails) {
    const name = t.notifyRuleId ? rules.get(t.notifyRuleId) : undefined;
    if (name) out.set(t.name, { ruleId: t.notifyRuleId!, ruleName: name, eachFile: !!t.notifyEachFile });
  }
  return out;
}

function payload(channel: NotifyChannel, kind: NotificationKind, trailName: string, destination: Destination, fields: Record<string, unknown>, now: Date): string {
  const base = consoleBaseUrl();
  return JSON.stringify({
    kind: NOTIFICATION_SOURCE,
    notification: kind,
    rule: { id: channel.ruleId, name: channel.ruleName, trigger: "delivery", link: `${base}/alerts/${channel.ruleId}` },
    trail: { name: trailName, link: `${base}/trails/${encodeURIComponent(trailName)}` },
    destination,
    ...fields,
    createdAt: now.toISOString(),
  });
}

type Runner = Pick<Tx, "alertDelivery">;

function queue(db: Runner, channel: NotifyChannel, sourceRef: string, body: string, now: Date) {
  return db.alertDelivery.create({ data: { ruleId: channel.ruleId, sourceKind: NOTIFICATION_SOURCE, sourceRef, payload: body, nextAttemptAt: now } });
}

/** The first failure of an outage (the destination delivered, or never failed, before). */
export async function notifyFailed(channel: NotifyChannel, t: { trailName: string; destination: Destination; error: string; now: Date }): Promise<void> {
  const body = payload(channel, "delivery.failed", t.trailName, t.destination, { failure: { error: t.error, since: t.now.toISOString() } }, t.now);
  await queue(prisma, channel, `${t.trailName}:${t.destination}:failed:${t.now.getTime()}`, body, t.now);
}

/** A destination delivering again after failures: inside the delivery's transaction. */
export async function notifyRecovered(
  tx: Runner,
  channel: NotifyChannel,
  t: { trailName: string; destination: Destination; failures: number; lastErrorAt: Date | null; lastError: string | null; now: Date },
): Promise<void> {
  const recovery = { failures: t.failures, lastErrorAt: t.lastErrorAt?.toISOString() ?? null, lastError: t.lastError, recoveredAt: t.now.toISOString() };
  const body = payload(channel, "delivery.recovered", t.trailName, t.destination, { recovery }, t.now);
  await queue(tx, channel, `${t.trailName}:${t.destination}:recovered:${t.now.getTime()}`, body, t.now);
}

/** One notification per delivered file: inside the delivery's transaction, so each file is announced once. */
export async function notifyFiles(tx: Runner, channel: NotifyChannel, t: { trailName: string; parts: readonly DeliveryPart[]; now: Date }): Promise<void> {
  for (const p of t.parts) {
    const m = /^oss:\/\/([^/]+)\/(.+)$/.exec(p.location);
    if (!m) continue;
    const file = {
      bucket: m[1], key: m[2], location: p.location, sha256: p.sha256 ?? null, region: p.region ?? null, eventCount: p.eventCount,
      firstEventTime: p.firstEventTime ?? null, lastEventTime: p.lastEventTime ?? null,
    };
    await queue(tx, channel, `${t.trailName}:oss:file:${t.now.getTime()}:${m[2]}`, payload(channel, "delivery.file", t.trailName, "oss", { file }, t.now), t.now);
  }
}
