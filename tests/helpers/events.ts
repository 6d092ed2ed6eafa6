// Factories for test events: unique ids per call, ActionTrail shape (docs/actiontrail.md "Event format"), overridable fields.
import { randomUUID } from "node:crypto";

export function makeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = randomUUID();
  return {
    eventId: id,
    eventVersion: 1,
    eventTime: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventName: "DeleteInstance",
    eventType: "ApiCall",
    eventRW: "Write",
    eventSource: "ecs.aliyuncs.com",
    serviceName: "Ecs",
    acsRegion: "cn-hangzhou",
    isGlobal: false,
    requestId: randomUUID().toUpperCase(),
    apiVersion: "2014-05-26",
    sourceIpAddress: "203.0.113.7",
    userAgent: "aliyun-cli/3.0.200",
    requestParameters: { InstanceId: `i-bp1${id.slice(0, 8)}` },
    responseElements: { RequestId: "X" },
    referencedResources: { "ACS::ECS::Instance": [`i-bp1${id.slice(0, 8)}`] },
    userIdentity: {
      type: "ram-user",
      principalId: "28815334868278****",
      accountId: "1016954307248737",
      accessKeyId: "LTAI5tTestKey000000000001",
      userName: "alice.wang",
    },
    ...overrides,
  };
}

/** A request body exactly as a client would send it. */
export function body(events: unknown[]): string {
  return JSON.stringify({ events });
}
