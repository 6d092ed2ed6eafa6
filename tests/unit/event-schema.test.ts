import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/events/normalize";
import { parseEvent } from "@/lib/events/schema";
import { sensitivityRule } from "@/lib/events/sensitive-catalog";

// The complete example event of docs/actiontrail.md "Event format" (Realtime Compute DeleteDeployment).
function seedEvent(): { raw: string; value: Record<string, unknown> } {
  const raw = fs.readFileSync(path.resolve(__dirname, "../fixtures/seed-001-event.json"), "utf8").trim();
  return { raw, value: JSON.parse(raw) };
}

const rule = sensitivityRule(new Set(["DeleteDeployment", "DeleteInstance"]));

describe("the event schema", () => {
  it("accepts the seed example and keeps unknown fields", () => {
    const { value } = seedEvent();
    const parsed = parseEvent({ ...value, customField: { a: 1 } });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.event.customField).toEqual({ a: 1 });
  });

  it("says which field is wrong and why, for each problem", () => {
    const parsed = parseEvent({ eventId: "", eventTime: "2026-13-45", eventType: "Api", eventRW: "read", acsRegion: "Hangzhou", isGlobal: "no", userIdentity: "bob" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const fields = parsed.errors.map((e) => e.split(":")[0]);
    expect(fields).toEqual(expect.arrayContaining(["eventId", "eventTime", "eventName", "eventType", "eventRW", "serviceName", "acsRegion", "isGlobal", "userIdentity"]));
    expect(parsed.errors.find((e) => e.startsWith("eventRW"))).toBe("eventRW: must be Read or Write");
  });

  it("rejects non-objects", () => {
    for (const v of [null, 3, "x", [1]]) expect(parseEvent(v)).toEqual({ ok: false, errors: ["event: must be a JSON object"] });
  });

  it("rejects times without a zone", () => {
    const { value } = seedEvent();
    expect(parseEvent({ ...value, eventTime: "2023-06-02T06:08:21" }).ok).toBe(false);
    expect(parseEvent({ ...value, eventTime: "2023-06-02T14:08:21+08:00" }).ok).toBe(true);
  });
});

describe("normalizeEvent", () => {
  it("derives the indexed columns from the seed example", () => {
    const { raw, value } = seedEvent();
    const parsed = parseEvent(value);
    if (!parsed.ok) throw new Error("seed event invalid");
    const { row, resources } = normalizeEvent(parsed.event, raw, rule);
    expect(row).toMatchObject({
      eventId: "48deee2f-a38b-440b-aae4-168640afd6b8",
      eventTime: "2023-06-02T06:08:21.000Z",
      queryRegion: "cn-beijing",
      serviceName: "RealtimeCompute",
      eventName: "DeleteDeployment",
      userName: "25265763711933****",
      accessKeyId: null, // ActionTrail writes the string "null"
      errorCode: null, // an empty errorMessage is not an error
      sensitive: true,
      resourceType: "ACS::RealtimeCompute::Deployment",
      resourceName: "47eb63e1-79b8-4192-9cd2-059ec5d7****,guiyuan-kafka-writer",
      raw,
    });
    expect(resources).toHaveLength(2);
  });

  it("lists global events under ap-southeast-1 and converts zoned times to UTC", () => {
    const { raw, value } = seedEvent();
    const parsed = parseEvent({ ...value, isGlobal: true, eventTime: "2023-06-02T14:08:21+08:00" });
    if (!parsed.ok) throw new Error("invalid");
    const { row } = normalizeEvent(parsed.event, raw, rule);
    expect(row.queryRegion).toBe("ap-southeast-1");
    expect(row.acsRegion).toBe("cn-beijing");
    expect(row.eventTime).toBe("2023-06-02T06:08:21.000Z");
  });

  it("marks failed console sign-ins sensitive, successful ones not, and honours sensitive: true", () => {
    const { raw, value } = seedEvent();
    const signin = { ...value, eventName: "ConsoleSignin", eventType: "ConsoleSignin" };
    const ok = parseEvent(signin);
    const failed = parseEvent({ ...signin, errorCode: "InvalidPassword" });
    const flagged = parseEvent({ ...value, eventName: "DescribeX", sensitive: true });
    if (!ok.ok || !failed.ok || !flagged.ok) throw new Error("invalid");
    expect(normalizeEvent(ok.event, raw, rule).row.sensitive).toBe(false);
    expect(normalizeEvent(failed.event, raw, rule).row.sensitive).toBe(true);
    expect(normalizeEvent(flagged.event, raw, rule).row.sensitive).toBe(true);
  });
});
