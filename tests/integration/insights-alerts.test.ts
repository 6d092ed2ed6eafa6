// The insight step and alert delivery on a real store: rollups and checkpoints, IP lists, and signed
// webhooks to a real HTTP server on 127.0.0.1 that fails first and then succeeds (the retry recorded).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { runAlertStep } from "@/lib/alerts/engine";
import { createAlertRule, ruleSecret, ZRuleFilters } from "@/lib/alerts/rules";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "@/lib/alerts/signing";
import { addIpListEntry } from "@/lib/insights/ip-lists";
import { insightEventFilters } from "@/lib/insights/insights";
import { INSIGHTS_CHECKPOINT, purgeRollups, ROLLUP_CHECKPOINT, runInsightsUntilIdle } from "@/lib/insights/step";
import { maxEventId } from "@/lib/delivery/read-events";
import { STORES, onFreshStore } from "../helpers/db";
import { ingest, useTempDataDir } from "./delivery-helpers";
import { webhookReceiver } from "../helpers/webhook";

const USER = "ina.history";
/** Who changes the lists and rules here (each change records a self-audit event). */
const OPERATOR: Actor = { username: "test", kind: "cli" };
const KEY = "LTAI5tInsightKey00000001";

function actor(ip: string, agoMs: number, extra: Record<string, unknown> = {}) {
  return {
    eventTime: new Date(Date.now() - agoMs).toISOString(),
    sourceIpAddress: ip,
    userIdentity: { type: "ram-user", principalId: "2881", accountId: "1016954307248737", accessKeyId: KEY, userName: USER },
    ...extra,
  };
}



const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORES)("insights and alerts on %s", (store) => {
  let dataDir = "";
  onFreshStore(store);
  beforeAll(async () => {
    dataDir = useTempDataDir();
    // 30 events over the last 5 days from one office IP: a user with a stable history.
    await ingest(Array.from({ length: 30 }, (_, i) => actor("42.120.75.10", (i + 1) * 4 * 3_600_000)));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("rolls up history, then raises UnusualSourceIp and DeniedSourceIp, honouring the allow list, exactly once", async () => {
    // The list changes are events of their own (ModifyInsightStrategy): examined with the history.
    await addIpListEntry({ list: "allow", cidr: "198.51.100.0/24", note: null }, { actor: OPERATOR });
    await addIpListEntry({ list: "deny", cidr: "2001:db8:bad::/48", note: "tor exit" }, { actor: OPERATOR });
    expect((await runInsightsUntilIdle()).raised).toBe(0);
    const hourly = await prisma.insightHourlyCount.aggregate({ where: { subjectKind: "user", subject: USER }, _sum: { calls: true } });
    expect(hourly._sum.calls).toBe(30);

    const [unusual] = await ingest([
      actor("203.0.113.50", 30_000, { eventName: "ConsoleSignin" }),
      actor("198.51.100.9", 20_000),
      actor("2001:db8:bad::9", 10_000),
      actor("2001:db8:bad::9", 5_000),
    ]);
    const r = await runInsightsUntilIdle();
    expect(r).toMatchObject({ processed: 4, raised: 2 });
    const insights = await prisma.insight.findMany({ orderBy: { type: "asc" } });
    expect(insights.map((i) => [i.type, i.subjectKind, i.subject, i.sourceIp, i.eventCount])).toEqual([
      ["DeniedSourceIp", "user", USER, "2001:db8:bad::9", 2],
      ["UnusualSourceIp", "user", USER, "203.0.113.50", 1],
    ]);
    const evidence = JSON.parse(insights[1].evidence);
    expect(evidence).toMatchObject({ firstEventId: unusual.eventId, firstEventName: "ConsoleSignin", accessKeyId: KEY, priorEvents: 30, knownIps: 1 });
    expect(insightEventFilters({ ...insights[1], type: "UnusualSourceIp", subjectKind: "user" })).toMatchObject({ user: USER, sourceIp: "203.0.113.50", region: "cn-hangzhou" });

    const max = await maxEventId();
    const checkpoints = await prisma.workerCheckpoint.findMany({ where: { name: { in: [INSIGHTS_CHECKPOINT, ROLLUP_CHECKPOINT] } } });
    expect(checkpoints.map((c) => c.position)).toEqual([max, max]);
    // Nothing new: nothing raised, nothing doubled.
    expect((await runInsightsUntilIdle()).raised).toBe(0);
    expect(await prisma.insight.count()).toBe(2);
  });

  it("purges rollup rows no event in the query store can look back at", async () => {
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
    await prisma.insightHourlyCount.create({ data: { subjectKind: "user", subject: USER, hour: old.slice(0, 13), calls: 1, errors: 0 } });
    await prisma.insightSubjectIp.create({ data: { subjectKind: "user", subject: USER, ip: "192.0.2.1", day: old.slice(0, 10), firstSeen: old } });
    const before = await prisma.insightHourlyCount.count();
    await purgeRollups();
    expect(await prisma.insightHourlyCount.count()).toBe(before - 1);
    expect(await prisma.insightSubjectIp.count({ where: { ip: "192.0.2.1" } })).toBe(0);
    expect(await prisma.insightSubjectIp.count({ where: { ip: "42.120.75.10" } })).toBeGreaterThan(0);
  });

  it("sends signed webhooks for matching insights and events, retrying a failing receiver with back-off", async () => {
    const hook = await webhookReceiver([500, 200]);
    try {
      // The alert checkpoints start at "now": earlier events and insights are not notified.
      await runAlertStep({ backoffBaseMs: 50 });
      const insightRule = (await createAlertRule(
        { name: "new ip", trigger: "insight", insightType: "UnusualSourceIp", filters: ZRuleFilters.parse({}), webhookUrl: hook.url, enabled: true },
        { actor: OPERATOR },
      )).rule;
      const eventRule = (await createAlertRule(
        { name: "deletes", trigger: "event", filters: ZRuleFilters.parse({ eventName: "DeleteBucket", region: "cn-shanghai" }), webhookUrl: hook.url, enabled: true },
        { actor: OPERATOR },
      )).rule;

      const [, matching] = await ingest([
        actor("192.0.2.77", 5_000),
        actor("42.120.75.10", 4_000, { eventName: "DeleteBucket", acsRegion: "cn-shanghai" }),
        actor("42.120.75.10", 3_000, { eventName: "DeleteBucket", acsRegion: "cn-hangzhou" }),
      ]);
      expect((await runInsightsUntilIdle()).raised).toBe(1);
      const insight = await prisma.insight.findFirstOrThrow({ where: { sourceIp: "192.0.2.77" } });

      const first = await runAlertStep({ backoffBaseMs: 50 });
      expect(first.queued).toBe(2);
      expect(hook.received.length).toBe(2);
      const deliveries = await prisma.alertDelivery.findMany({ include: { attemptLog: true }, orderBy: { id: "asc" } });
      expect(deliveries.map((d) => [d.ruleId, d.sourceKind, d.sourceRef])).toEqual([
        [eventRule.id, "event", matching.eventId],
        [insightRule.id, "insight", String(insight.id)],
      ]);
      // One of the two got the 500 first: its attempt is recorded with the next retry 50 ms later.
      const failed = deliveries.find((d) => d.status === "pending")!;
      expect(failed.attemptLog).toHaveLength(1);
      expect(failed.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: 500, error: "HTTP 500" });
      expect(failed.attemptLog[0].nextRetryAt!.getTime() - failed.attemptLog[0].startedAt.getTime()).toBeGreaterThanOrEqual(40);

      await sleep(80);
      await runAlertStep({ backoffBaseMs: 50 });
      const after = await prisma.alertDelivery.findMany({ include: { attemptLog: { orderBy: { attempt: "asc" } } } });
      expect(after.every((d) => d.status === "delivered")).toBe(true);
      const retried = after.find((d) => d.id === failed.id)!;
      expect(retried.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([[1, 500, "HTTP 500"], [2, 200, null]]);
      expect(hook.received).toHaveLength(3);

      for (const req of hook.received) {
        const payload = JSON.parse(req.body);
        const secret = await ruleSecret(payload.rule.id);
        const headers = { timestamp: req.headers[TIMESTAMP_HEADER.toLowerCase()] as string, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string };
        expect(headers.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifyWebhook(secret, headers, req.body)).toBe(true);
        expect(req.headers["content-type"]).toBe("application/json");
      }
      const insightBody = JSON.parse(hook.received.find((r) => JSON.parse(r.body).kind === "insight")!.body);
      expect(insightBody.insight).toMatchObject({ id: insight.id, type: "UnusualSourceIp", subject: USER, sourceIp: "192.0.2.77" });
      expect(insightBody.insight.eventsLink).toContain("/events?region=cn-hangzhou&user=ina.history&sourceIp=192.0.2.77&start=");
      const eventBody = JSON.parse(hook.received.find((r) => JSON.parse(r.body).kind === "event")!.body);
      expect(eventBody.event).toMatchObject({ eventId: matching.eventId, eventName: "DeleteBucket", region: "cn-shanghai" });
    } finally {
      await hook.close();
    }
  });

  it("gives up after the last attempt, and records a receiver that is not listening", async () => {
    const hook = await webhookReceiver([503]);
    await hook.close();
    await prisma.alertRule.updateMany({ data: { webhookUrl: hook.url } });
    await ingest([actor("42.120.75.10", 1_000, { eventName: "DeleteBucket", acsRegion: "cn-shanghai" })]);
    for (let i = 0; i < 3; i++) {
      await runAlertStep({ backoffBaseMs: 10, maxAttempts: 3 });
      await sleep(30);
    }
    const d = await prisma.alertDelivery.findFirstOrThrow({ where: { status: { not: "delivered" } }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });
    expect(d.status).toBe("failed");
    expect(d.attemptLog.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(d.attemptLog.every((a) => a.statusCode === null && a.error === "connection refused")).toBe(true);
    expect(d.attemptLog[2].nextRetryAt).toBeNull();
    expect(d.nextAttemptAt).toBeNull();
  });
});
