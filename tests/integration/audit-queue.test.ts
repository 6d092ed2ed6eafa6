// The API's own audit off the request path (lib/audit/queue.ts): a read call is answered before its
// ApiCall event is written; the queue writes the events in one batch within its interval or when flushed,
// none lost and none twice, on both stores.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAccessKey } from "@/lib/access-keys/access-keys";
import { flushAuditQueue, queuedAuditEvents } from "@/lib/audit/queue";
import { prisma } from "@/lib/db";
import { handleOpenApi } from "@/lib/openapi/handle";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";
import { signedParams, type SigningKey } from "../helpers/openapi";

const apiCalls = (action: string) => prisma.event.count({ where: { eventName: action, eventType: "ApiCall" } });

describe.each(STORES)("the API's audit queue on %s", (store) => {
  let key: SigningKey;
  onFreshStore(store);
  beforeAll(async () => {
    process.env.TRAILKEEPER_API_RATE = "10000";
    await createUser({ username: "queue-reader", password: "queue-reader-password", role: "auditor" });
    key = await createAccessKey({ username: "queue-reader" });
  });
  afterEach(async () => {
    delete process.env.TRAILKEEPER_AUDIT_FLUSH_MS;
    await flushAuditQueue();
  });

  it("answers a read before its audit event is written, then writes every queued call once", async () => {
    process.env.TRAILKEEPER_AUDIT_FLUSH_MS = "60000";
    const answers = [];
    for (let i = 0; i < 25; i++) {
      answers.push(await handleOpenApi({ method: "POST", params: signedParams("POST", key, "DescribeRegions"), ip: `198.51.100.${i + 1}`, userAgent: "vitest-queue" }));
    }
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await apiCalls("DescribeRegions")).toBe(0);
    expect(queuedAuditEvents()).toBe(25);

    await flushAuditQueue();
    expect(queuedAuditEvents()).toBe(0);
    const rows = await prisma.event.findMany({ where: { eventName: "DescribeRegions", eventType: "ApiCall" }, select: { sourceIp: true, accessKeyId: true, origin: true, originChannel: true } });
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => r.sourceIp)).size).toBe(25);
    expect(rows.every((r) => r.accessKeyId === key.accessKeyId && r.origin === "self" && r.originChannel === "api")).toBe(true);
    // A second flush writes nothing again.
    await flushAuditQueue();
    expect(await apiCalls("DescribeRegions")).toBe(25);
  });

  it("writes a queued event by itself within the interval, and a refused call too", async () => {
    process.env.TRAILKEEPER_AUDIT_FLUSH_MS = "100";
    const r = await handleOpenApi({ method: "POST", params: signedParams("POST", key, "CreateTrail", { Name: "queue-refused" }), ip: "198.51.100.99", userAgent: "vitest-queue" });
    expect(r.status).toBe(403);
    await expect.poll(() => prisma.event.count({ where: { eventName: "CreateTrail", errorCode: "Forbidden.RAM" } }), { timeout: 5_000 }).toBe(1);
    expect(queuedAuditEvents()).toBe(0);
  });
});
