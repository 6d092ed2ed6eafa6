// The sensitive-operation catalogue as data: edits re-flag stored events and new ingests, the two rules
// (failed sign-in, root account) hold whatever the catalogue says, every edit is audited. On every store.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { addSensitiveAction, listSensitiveActions, removeSensitiveAction, updateSensitiveActionReason } from "@/lib/events/sensitive-actions";
import { reflagStoredEvents } from "@/lib/events/sensitive-catalog";
import { DEFAULT_SENSITIVE_EVENT_NAMES } from "@/lib/events/sensitive-rule";
import { NotFound } from "@/lib/errors";
import { STORES, onFreshStore } from "../helpers/db";
import { makeEvent } from "../helpers/events";

const ACTOR: Actor = { username: "ada.admin", kind: "console-user", ip: "198.18.0.7", userAgent: "vitest" };
const NAME = "TkCustomPurge";

async function ingest(events: Record<string, unknown>[]) {
  const result = await ingestEvents(events.map((e) => ({ value: e, raw: JSON.stringify(e) })));
  expect(result.failed).toEqual([]);
}

async function flags(ids: string[]): Promise<Record<string, boolean>> {
  const rows = await prisma.event.findMany({ where: { eventId: { in: ids } }, select: { eventId: true, sensitive: true } });
  return Object.fromEntries(rows.map((r) => [r.eventId, r.sensitive]));
}

function ramUser(overrides: Record<string, unknown> = {}) {
  return makeEvent({ eventName: NAME, ...overrides });
}

function root(overrides: Record<string, unknown> = {}) {
  const e = makeEvent({ eventName: NAME, ...overrides });
  e.userIdentity = { type: "root-account", principalId: "1016954307248737", accountId: "1016954307248737", userName: "root" };
  return e;
}

function signin(errorCode?: string) {
  const e = makeEvent({ eventName: "ConsoleSignin", eventType: "ConsoleSignin", serviceName: "AasSub", isGlobal: true, acsRegion: "cn-hangzhou" });
  if (errorCode) Object.assign(e, { errorCode, errorMessage: "The password is wrong." });
  return e;
}

describe.each(STORES)("the sensitive-operation catalogue on %s", (store) => {
  onFreshStore(store);

  it("starts from the default list, which covers AccessKey, policy and trail changes", async () => {
    const names = new Set((await listSensitiveActions()).map((a) => a.eventName));
    expect(names.size).toBe(DEFAULT_SENSITIVE_EVENT_NAMES.length);
    for (const n of ["CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey", "AttachPolicyToUser", "DetachPolicyFromRole", "CreatePolicyVersion", "SetDefaultPolicyVersion", "DeletePolicy", "DeleteTrail", "StopLogging", "UpdateTrail", "StopInstance", "DeleteSensitiveAction"]) {
      expect(names.has(n), n).toBe(true);
    }
    expect(names.has("ConsoleSignin")).toBe(false);
  });

  it("flags failed sign-ins and root-account use whatever the catalogue says", async () => {
    const ok = signin();
    const failed = signin("InvalidPassword");
    const rootRead = root({ eventName: "DescribeInstances", eventRW: "Read" });
    const plain = makeEvent({ eventName: "DescribeInstances", eventRW: "Read" });
    await ingest([ok, failed, rootRead, plain]);
    expect(await flags([ok, failed, rootRead, plain].map((e) => e.eventId as string))).toEqual({
      [ok.eventId as string]: false,
      [failed.eventId as string]: true,
      [rootRead.eventId as string]: true,
      [plain.eventId as string]: false,
    });
  });

  it("re-flags stored events and new ingests when a name is added, and again when it is removed", async () => {
    const plainHz = ramUser();
    const plainSh = ramUser({ acsRegion: "cn-shanghai" });
    const global = ramUser({ isGlobal: true, serviceName: "Ram" });
    const ownFlag = ramUser({ sensitive: true });
    const nestedWord = ramUser({ requestParameters: { sensitive: true, note: '"sensitive"' } });
    const byRoot = root();
    const other = makeEvent({ eventName: "TkOtherThing" });
    const stored = [plainHz, plainSh, global, ownFlag, nestedWord, byRoot, other];
    await ingest(stored);
    const ids = stored.map((e) => e.eventId as string);
    const before = await flags(ids);
    expect(ids.map((id) => before[id])).toEqual([false, false, false, true, false, true, false]);

    const added = await addSensitiveAction({ eventName: NAME, reason: "Purges data for good" }, { actor: ACTOR });
    expect(added.reflagged).toBe(4);
    const afterAdd = await flags(ids);
    expect(ids.map((id) => afterAdd[id])).toEqual([true, true, true, true, true, true, false]);
    const fresh = ramUser();
    await ingest([fresh]);
    expect((await flags([fresh.eventId as string]))[fresh.eventId as string]).toBe(true);
    expect((await listSensitiveActions()).find((a) => a.eventName === NAME)?.reason).toBe("Purges data for good");

    const removed = await removeSensitiveAction(NAME, { actor: ACTOR });
    // The event's own flag and the root rule survive; nested mentions of "sensitive" do not count.
    expect(removed.reflagged).toBe(5);
    const afterRemove = await flags([...ids, fresh.eventId as string]);
    expect([...ids, fresh.eventId as string].map((id) => afterRemove[id])).toEqual([false, false, false, true, false, true, false, false]);
    const later = ramUser();
    await ingest([later]);
    expect((await flags([later.eventId as string]))[later.eventId as string]).toBe(false);
    // Idempotent: nothing left to change.
    expect(await reflagStoredEvents(NAME, false)).toBe(0);
  });

  it("records each edit as an Actiontrail event by the console user", async () => {
    await addSensitiveAction({ eventName: "TkAudited", reason: "first" }, { actor: ACTOR });
    await updateSensitiveActionReason({ eventName: "TkAudited", reason: "second" }, { actor: ACTOR });
    await removeSensitiveAction("TkAudited", { actor: ACTOR });
    const rows = await prisma.event.findMany({ where: { serviceName: "Actiontrail", eventName: { in: ["CreateSensitiveAction", "UpdateSensitiveAction", "DeleteSensitiveAction"] } }, orderBy: { id: "asc" } });
    const mine = rows.map((r) => ({ r, json: JSON.parse(r.raw) as Record<string, any> })).filter((x) => x.json.requestParameters.EventName === "TkAudited");
    expect(mine.map((x) => [x.r.eventName, x.r.userName, x.json.requestParameters.Reason ?? null])).toEqual([
      ["CreateSensitiveAction", "ada.admin", "first"],
      ["UpdateSensitiveAction", "ada.admin", "second"],
      ["DeleteSensitiveAction", "ada.admin", null],
    ]);
    // Shrinking the catalogue is itself a sensitive operation.
    expect(mine[2].r.sensitive).toBe(true);
    expect(mine[0].json.additionalEventData).toEqual({ ReflaggedEvents: 0 });
  });

  it("refuses duplicates, unknown names and bad input with clear messages", async () => {
    await expect(addSensitiveAction({ eventName: "DeleteTrail" }, { actor: ACTOR })).rejects.toMatchObject({ code: "conflict", message: "DeleteTrail is already in the catalogue." });
    await expect(removeSensitiveAction("TkNeverListed", { actor: ACTOR })).rejects.toThrow(/TkNeverListed is not in the catalogue/);
    await expect(updateSensitiveActionReason({ eventName: "TkNeverListed", reason: "x" }, { actor: ACTOR })).rejects.toBeInstanceOf(NotFound);
    await expect(addSensitiveAction({ eventName: "<script>alert(1)</script>" }, { actor: ACTOR })).rejects.toThrow(/letters and digits/);
    await expect(addSensitiveAction({ eventName: "TkLong", reason: "x".repeat(201) }, { actor: ACTOR })).rejects.toThrow(/at most 200 characters/);
  });
});
