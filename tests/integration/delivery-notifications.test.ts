// Delivery notifications on both stores: a trail names an alert rule as its channel; a failing bucket
// (a regular file at its directory's path) announces the first failure only, the repaired bucket its
// recovery and each delivered file with its key and SHA-256, all sent as signed webhooks to a real HTTP
// server on 127.0.0.1 by the alert loop. The settings are checked and recorded, from the service and the CLI.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { runAlertStep } from "@/lib/alerts/engine";
import { createAlertRule, deleteAlertRule, ruleSecret, ZRuleFilters } from "@/lib/alerts/rules";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "@/lib/alerts/signing";
import { disconnectDb, prisma } from "@/lib/db";
import { DeliveryEngine } from "@/lib/delivery/engine";
import { localBucketDir } from "@/lib/delivery/object-store";
import { getTrailNotifications, setTrailNotifications } from "@/lib/trails/notifications";
import { runCli } from "../helpers/cli";
import { STORES, useFreshDatabase } from "../helpers/db";
import { createLoggingTrail, ingest, useTempDataDir } from "./delivery-helpers";
import { webhookReceiver } from "../helpers/webhook";

const ADMIN: Actor = { username: "alice.admin", kind: "console-user" };
const TRAIL = "notified-trail";


describe.each(STORES)("delivery notifications on %s", (store) => {
  let url = "";
  let dataDir = "";
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    url = await useFreshDatabase(store);
    dataDir = useTempDataDir();
    hook = await webhookReceiver();
    await prisma.bucket.create({ data: { name: "flaky", kind: "local" } });
    fs.mkdirSync(path.join(dataDir, "buckets"), { recursive: true });
    fs.writeFileSync(localBucketDir("flaky"), "not a directory");
    await createLoggingTrail({ name: TRAIL, ossBucketName: "flaky", logStoreEnabled: true });
  });
  afterAll(async () => {
    await hook.close();
    await disconnectDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("checks and records the settings", async () => {
    await expect(setTrailNotifications(TRAIL, { channel: "nobody", eachFile: false }, { actor: ADMIN })).rejects.toMatchObject({ fields: { notifyChannel: [expect.stringContaining('no alert rule is named "nobody"')] } });
    await expect(setTrailNotifications(TRAIL, { channel: null, eachFile: true }, { actor: ADMIN })).rejects.toMatchObject({ fields: { notifyEachFile: [expect.stringContaining("needs a channel")] } });
    await expect(setTrailNotifications("no-such-trail", { channel: null, eachFile: false }, { actor: ADMIN })).rejects.toThrow(/does not exist/);
    const { rule } = await createAlertRule({ name: "ops-channel", trigger: "delivery", filters: ZRuleFilters.parse({}), webhookUrl: hook.url, enabled: true }, { actor: ADMIN });
    expect(rule.trigger).toBe("delivery");
    const n = await setTrailNotifications(TRAIL, { channel: "ops-channel", eachFile: true }, { actor: ADMIN });
    expect(n).toMatchObject({ channel: { id: rule.id, name: "ops-channel", trigger: "delivery", enabled: true }, eachFile: true });
    const recorded = await prisma.event.findFirstOrThrow({ where: { eventName: "UpdateTrail" }, orderBy: { id: "desc" } });
    expect(JSON.parse(recorded.raw).requestParameters).toEqual({ Name: TRAIL, NotifyChannel: "ops-channel", NotifyEachFile: true });
  });

  it("announces the first failure, the recovery and each delivered file, signed", async () => {
    let clock = Date.now();
    // One clock for delivery and the alert loop: a notification is due when the engine queued it.
    const engine = new DeliveryEngine({ now: () => new Date(clock) });
    const events = await ingest([{ acsRegion: "cn-hangzhou" }, { acsRegion: "cn-shanghai" }]);
    await runAlertStep({ now: () => new Date(clock) }); // the alert checkpoints start now: the rule is a channel, it matches no event

    expect((await engine.step()).failures).toBe(1);
    clock += 1_000;
    expect((await engine.step()).failures).toBe(1); // the second failure of the same outage
    let queued = await prisma.alertDelivery.findMany({ orderBy: { id: "asc" } });
    expect(queued.map((d) => [d.sourceKind, d.sourceRef.split(":").slice(0, 3).join(":")])).toEqual([["delivery", `${TRAIL}:oss:failed`]]);

    await runAlertStep({ now: () => new Date(clock) });
    expect(hook.received).toHaveLength(1);
    const failed = JSON.parse(hook.received[0].body);
    expect(failed).toMatchObject({
      kind: "delivery", notification: "delivery.failed", rule: { name: "ops-channel", trigger: "delivery" },
      trail: { name: TRAIL, link: expect.stringMatching(new RegExp(`/trails/${TRAIL}$`)) }, destination: "oss",
      failure: { error: expect.stringMatching(/file system error|not a directory/i) },
    });

    fs.rmSync(localBucketDir("flaky"));
    clock += 60_000;
    await engine.step();
    const deliveries = await prisma.delivery.findMany({ where: { trailName: TRAIL, destination: "oss" }, orderBy: { id: "asc" } });
    expect(deliveries).toHaveLength(2); // one file per region
    queued = await prisma.alertDelivery.findMany({ orderBy: { id: "asc" } });
    expect(queued.map((d) => JSON.parse(d.payload).notification)).toEqual(["delivery.failed", "delivery.recovered", "delivery.file", "delivery.file"]);

    await runAlertStep({ now: () => new Date(clock) });
    expect(hook.received).toHaveLength(4);
    const secret = await ruleSecret(queued[0].ruleId);
    for (const r of hook.received) {
      const headers = { timestamp: r.headers[TIMESTAMP_HEADER.toLowerCase()] as string, signature: r.headers[SIGNATURE_HEADER.toLowerCase()] as string };
      expect(verifyWebhook(secret, headers, r.body)).toBe(true);
      expect(r.headers[DELIVERY_HEADER.toLowerCase()]).toMatch(/^\d+$/);
    }
    const bodies = hook.received.slice(1).map((r) => JSON.parse(r.body));
    expect(bodies[0]).toMatchObject({ notification: "delivery.recovered", destination: "oss", recovery: { failures: 2, lastError: failed.failure.error } });
    const files = bodies.slice(1).map((b) => b.file).sort((a, b) => a.key.localeCompare(b.key));
    for (const f of files) {
      const d = deliveries.find((x) => x.location === f.location)!;
      const bytes = fs.readFileSync(path.join(localBucketDir("flaky"), f.key));
      expect(f).toMatchObject({ bucket: "flaky", sha256: d.sha256, eventCount: d.eventCount, region: d.region, firstEventTime: d.firstEventTime });
      expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
    }
    expect(files.map((f) => f.region).sort()).toEqual(["cn-hangzhou", "cn-shanghai"]);
    expect(events).toHaveLength(2);

    // A delivery with nothing failing before announces only its files.
    await ingest([{ acsRegion: "cn-hangzhou" }]);
    clock += 1_000;
    await engine.step();
    const more = await prisma.alertDelivery.findMany({ where: { id: { gt: queued.at(-1)!.id } } });
    expect(more.map((d) => JSON.parse(d.payload).notification)).toEqual(["delivery.file"]);
    await runAlertStep({ now: () => new Date(clock) });
  });

  it("stops when the rule is deleted, and is set from the CLI", async () => {
    const rule = await prisma.alertRule.findFirstOrThrow({ where: { name: "ops-channel" } });
    await deleteAlertRule(rule.id, { actor: ADMIN });
    expect(await getTrailNotifications(TRAIL)).toEqual({ channel: null, eachFile: false });
    await createAlertRule({ name: "cli-channel", trigger: "delivery", filters: ZRuleFilters.parse({}), webhookUrl: hook.url, enabled: false }, { actor: ADMIN });
    const set = await runCli(["trail", "notify", TRAIL, "--channel", "cli-channel"], { databaseUrl: url });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout.trim()).toBe(`Trail ${TRAIL} notifies alert rule cli-channel of delivery failures and recoveries (the rule is disabled: nothing is sent until it is enabled)`);
    expect(await getTrailNotifications(TRAIL)).toMatchObject({ channel: { name: "cli-channel" }, eachFile: false });
    const usage = await runCli(["trail", "notify", TRAIL], { databaseUrl: url });
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toContain("give --channel RULE (an alert rule's name) or --off");
    const off = await runCli(["trail", "notify", TRAIL, "--off"], { databaseUrl: url });
    expect(off.stdout.trim()).toBe(`Trail ${TRAIL} sends no delivery notifications`);
  });
});
