// AccessKey ownership rules shared by the console and the CLI, and the RAM event of every change, on every store.
import { beforeAll, describe, expect, it } from "vitest";
import { getAccessKeyForSigning, recordAccessKeyUse } from "@/lib/access-keys/access-keys";
import { createKeyForUser, deleteKey, listKeysFor, updateKeyStatus, type KeyRequester } from "@/lib/access-keys/manage";
import type { Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { Forbidden, NotFound } from "@/lib/errors";
import { createUser } from "@/lib/users/users";
import { STORES, onFreshStore } from "../helpers/db";

const ADMIN: KeyRequester = { username: "ada.admin", role: "admin" };
const AUDITOR: KeyRequester = { username: "otto.auditor", role: "auditor" };
const SECURITY: KeyRequester = { username: "sam.security", role: "security" };

function as(requester: KeyRequester) {
  const actor: Actor = { username: requester.username, kind: "console-user", ip: "198.18.0.9", userAgent: "vitest" };
  return { actor, requester };
}

/** The stored RAM events of one name, newest last, with their JSON parsed. */
async function ramEvents(eventName: string) {
  const rows = await prisma.event.findMany({ where: { eventName }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ row: r, json: JSON.parse(r.raw) as Record<string, any> }));
}

describe.each(STORES)("AccessKey management on %s", (store) => {
  onFreshStore(store);
  beforeAll(async () => {
    for (const u of [ADMIN, AUDITOR, SECURITY]) await createUser({ username: u.username, password: "long-enough-pw", role: u.role });
  });

  it("lets every role create its own key, and records CreateAccessKey as a global RAM event by the console user", async () => {
    const key = await createKeyForUser(AUDITOR.username, as(AUDITOR));
    expect(key.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect((await getAccessKeyForSigning(key.accessKeyId))?.secret).toBe(key.accessKeySecret);
    const [created] = (await ramEvents("CreateAccessKey")).filter((e) => e.json.requestParameters.AccessKeyId === key.accessKeyId);
    expect(created.row).toMatchObject({ serviceName: "Ram", isGlobal: true, queryRegion: "ap-southeast-1", userName: AUDITOR.username, errorCode: null, sensitive: true });
    expect(created.json).toMatchObject({ eventType: "ConsoleOperation", sourceIpAddress: "198.18.0.9", userAgent: "vitest" });
    expect(created.json.requestParameters).toEqual({ UserName: AUDITOR.username, AccessKeyId: key.accessKeyId });
    // The secret never reaches the audit trail.
    expect(created.row.raw).not.toContain(key.accessKeySecret);
  });

  it("refuses (and records) a non-admin creating, disabling or deleting someone else's key", async () => {
    const adminKey = await createKeyForUser(ADMIN.username, as(ADMIN));
    for (const requester of [AUDITOR, SECURITY]) {
      await expect(createKeyForUser(ADMIN.username, as(requester))).rejects.toBeInstanceOf(Forbidden);
      await expect(updateKeyStatus(adminKey.accessKeyId, "Inactive", as(requester))).rejects.toThrow(/is not yours: only an administrator/);
      await expect(deleteKey(adminKey.accessKeyId, as(requester))).rejects.toBeInstanceOf(Forbidden);
    }
    expect(await getAccessKeyForSigning(adminKey.accessKeyId)).toMatchObject({ status: "Active", username: ADMIN.username });
    expect((await listKeysFor(ADMIN, { username: ADMIN.username })).map((k) => k.accessKeyId)).toEqual([adminKey.accessKeyId]);

    const refused = (await ramEvents("UpdateAccessKey")).filter((e) => e.row.errorCode === "NoPermission");
    expect(refused.map((e) => e.row.userName).sort()).toEqual([AUDITOR.username, SECURITY.username]);
    expect(refused[0].json.requestParameters).toEqual({ UserName: ADMIN.username, UserAccessKeyId: adminKey.accessKeyId, Status: "Inactive" });
    expect((await ramEvents("DeleteAccessKey")).filter((e) => e.row.errorCode === "NoPermission")).toHaveLength(2);
  });

  it("lets the owner disable, enable and delete their own key, each change audited", async () => {
    const key = await createKeyForUser(SECURITY.username, as(SECURITY));
    expect((await updateKeyStatus(key.accessKeyId, "Inactive", as(SECURITY))).status).toBe("Inactive");
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Inactive");
    expect((await updateKeyStatus(key.accessKeyId, "Active", as(SECURITY))).status).toBe("Active");
    await deleteKey(key.accessKeyId, as(SECURITY));
    expect(await getAccessKeyForSigning(key.accessKeyId)).toBeNull();

    const updates = (await ramEvents("UpdateAccessKey")).filter((e) => e.json.requestParameters.UserAccessKeyId === key.accessKeyId);
    expect(updates.map((e) => [e.row.userName, e.json.requestParameters.Status, e.row.errorCode])).toEqual([
      [SECURITY.username, "Inactive", null],
      [SECURITY.username, "Active", null],
    ]);
    const deletes = (await ramEvents("DeleteAccessKey")).filter((e) => e.json.requestParameters.UserAccessKeyId === key.accessKeyId);
    expect(deletes).toHaveLength(1);
    expect(deletes[0].json.referencedResources).toEqual({ "ACS::RAM::AccessKey": [key.accessKeyId] });
  });

  it("lets an admin manage any user's key", async () => {
    const key = await createKeyForUser(AUDITOR.username, as(ADMIN));
    expect((await getAccessKeyForSigning(key.accessKeyId))?.username).toBe(AUDITOR.username);
    await updateKeyStatus(key.accessKeyId, "Inactive", as(ADMIN));
    expect((await getAccessKeyForSigning(key.accessKeyId))?.status).toBe("Inactive");
    await deleteKey(key.accessKeyId, as(ADMIN));
    expect(await getAccessKeyForSigning(key.accessKeyId)).toBeNull();
    const [created] = (await ramEvents("CreateAccessKey")).filter((e) => e.json.requestParameters.AccessKeyId === key.accessKeyId);
    expect(created.row.userName).toBe(ADMIN.username);
    expect(created.json.requestParameters.UserName).toBe(AUDITOR.username);
  });

  it("lists only the requester's own keys for non-admins, any user's for admins", async () => {
    const all = await listKeysFor(ADMIN);
    expect(new Set(all.map((k) => k.username))).toEqual(new Set([ADMIN.username, AUDITOR.username]));
    const mine = await listKeysFor(AUDITOR, { username: ADMIN.username });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((k) => k.username === AUDITOR.username)).toBe(true);
    expect((await listKeysFor(ADMIN, { username: AUDITOR.username })).every((k) => k.username === AUDITOR.username)).toBe(true);
  });

  it("notes a key's last use at most once a minute", async () => {
    const key = await createKeyForUser(AUDITOR.username, as(AUDITOR));
    const first = new Date("2026-11-20T10:00:00.000Z");
    await recordAccessKeyUse({ accessKeyId: key.accessKeyId, lastUsedAt: null }, first);
    const stored = (await getAccessKeyForSigning(key.accessKeyId))!;
    expect(stored.lastUsedAt).toEqual(first);
    await recordAccessKeyUse(stored, new Date(first.getTime() + 30_000));
    expect((await getAccessKeyForSigning(key.accessKeyId))!.lastUsedAt).toEqual(first);
    const later = new Date(first.getTime() + 90_000);
    await recordAccessKeyUse(stored, later);
    expect((await getAccessKeyForSigning(key.accessKeyId))!.lastUsedAt).toEqual(later);
  });

  it("says clearly when a key or a user does not exist", async () => {
    await expect(updateKeyStatus("LTAI00000000000000000000", "Inactive", as(ADMIN))).rejects.toThrow(new NotFound("There is no AccessKey LTAI00000000000000000000."));
    await expect(deleteKey("LTAI00000000000000000000", as(AUDITOR))).rejects.toBeInstanceOf(NotFound);
    await expect(createKeyForUser("nobody-here", as(ADMIN))).rejects.toThrow(/There is no console user nobody-here/);
  });
});
