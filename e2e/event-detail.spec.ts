// A row's detail panel, its Event Detail JSON (copied byte for byte), the permanent link, the links to
// the user, AccessKey and resource pages, and the small links that filter the events by those values.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  craftEvent,
  detailPanel,
  expectParam,
  expectRows,
  ingest,
  ingestRaw,
  openEvents,
  rowToggle,
  shot,
  uniqueIp,
  uniqueName,
} from "./fixtures";

/**
 * An event written by hand, with spacing, number forms, escapes and key order that any
 * re-serialisation would change: the console must show and copy this exact text.
 */
function handWrittenEvent() {
  const eventId = randomUUID();
  const user = uniqueName("e2e-detail");
  const accessKeyId = uniqueName("LTAI5tDetail");
  const ip = uniqueIp();
  const instance = uniqueName("i-detail");
  const disk = uniqueName("d-detail");
  const eventName = uniqueName("E2eDetail");
  const eventTime = new Date(Date.now() - 90_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const raw = `{ "eventId" : "${eventId}",  "eventVersion":1.0,
   "eventTime":"${eventTime}" , "eventName" :"${eventName}","eventType":"ApiCall",
	"eventRW":"Write", "eventSource":"ecs.aliyuncs.com","serviceName":"Ecs","acsRegion":"cn-hangzhou","isGlobal":false,
 "requestId":"${randomUUID().toUpperCase()}","sourceIpAddress":"${ip}",
 "userAgent":"e2e-agent/1.0 (\\u0041\\/x)","requestParameters":{"InstanceId":"${instance}" ,"Amount":1.50e0,"Tags":[ ]},
 "referencedResources":{"ACS::ECS::Instance":["${instance}"],"ACS::ECS::Disk":["${disk}"]},
 "customField" : {"kept":true},
 "userIdentity":{"type":"ram-user","principalId":"28815334868278****","accountId":"1016954307248737","accessKeyId":"${accessKeyId}","userName":"${user}"}  }`;
  const event = { eventId, eventName, eventTime };
  return { raw, event, eventId, user, accessKeyId, ip, instance, disk, eventName };
}

test("expanding a row shows its details, the exact JSON, Copy, and the permanent link", async ({ page, request }) => {
  const e = handWrittenEvent();
  await ingestRaw(request, `{"events":[   ${e.raw}   ]}`, 1);
  await openEvents(page, { user: e.user });
  const toggle = rowToggle(page, e.event);
  const detail = detailPanel(page);

  await test.step("the toggle expands and collapses", async () => {
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(detail).toBeVisible();
  });

  await test.step("the details show user, AccessKey, IP and resources", async () => {
    await expect(detail.getByRole("link", { name: e.user, exact: true })).toHaveAttribute("href", `/users/${e.user}?region=cn-hangzhou`);
    await expect(detail.getByRole("link", { name: e.accessKeyId, exact: true })).toHaveAttribute("href", `/access-keys/${e.accessKeyId}?region=cn-hangzhou`);
    await expect(detail.getByRole("link", { name: "Filter events by this AccessKey" })).toHaveAttribute("href", new RegExp(`accessKeyId=${e.accessKeyId}`));
    await expect(detail.getByRole("link", { name: "Filter events by this user" })).toHaveAttribute("href", new RegExp(`user=${e.user}`));
    await expect(detail.getByRole("link", { name: e.ip, exact: true })).toHaveAttribute("href", new RegExp(`sourceIp=${e.ip.replace(/\./g, "\\.")}`));
    await expect(detail.getByRole("link", { name: e.instance, exact: true })).toHaveAttribute("href", new RegExp(`^/resources\\?.*name=${e.instance}`));
    await expect(detail.getByRole("link", { name: `Filter events by resource ${e.instance}` })).toHaveAttribute("href", new RegExp(`resourceName=${e.instance}`));
    await expect(detail.getByRole("link", { name: e.disk, exact: true })).toBeVisible();
    await expect(detail.getByText(e.eventId, { exact: true })).toBeVisible();
  });

  await test.step("the JSON view holds the event's fields", async () => {
    const json = detail.getByTestId("json-view");
    for (const v of [e.eventId, e.eventName, e.user, e.accessKeyId, e.ip, e.instance, e.disk, '"customField"', "1.50e0", "\\u0041\\/x"]) {
      await expect(json).toContainText(v);
    }
    await shot(page, "detail-expanded");
  });

  await test.step("Copy puts the exact ingested text on the clipboard", async () => {
    await detail.getByRole("button", { name: "Copy" }).click();
    await expect(detail.getByRole("button", { name: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(e.raw);
  });

  await test.step("collapsing hides the panel", async () => {
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(detail).toHaveCount(0);
    await toggle.click();
  });

  await test.step("the permanent link shows the same event", async () => {
    await detail.getByRole("link", { name: "Permanent link" }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${e.eventId}$`));
    await expect(page.getByRole("heading", { name: e.eventName })).toBeVisible();
    const json = page.getByTestId("json-view");
    await expect(json).toContainText(e.eventId);
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(e.raw);
    await expect(page.getByRole("link", { name: e.accessKeyId, exact: true })).toBeVisible();
  });
});

test("an unknown event id shows Event not found", async ({ page }) => {
  const id = `missing-${randomUUID()}`;
  await page.goto(`/events/${id}`);
  await expect(page.getByRole("heading", { name: "Event not found" })).toBeVisible();
  await expect(page.getByText(id)).toBeVisible();
});

test("the filter links in the details filter by that user, AccessKey and IP", async ({ page, request }) => {
  const service = uniqueName("E2eLinkSvc");
  const alice = uniqueName("e2e-alice");
  const bob = uniqueName("e2e-bob");
  const ip = uniqueIp();
  const accessKeyId = uniqueName("LTAI5tLink");
  const a1 = craftEvent({ user: alice, service, sourceIp: ip, accessKeyId, eventName: uniqueName("E2eLinkA1") });
  const a2 = craftEvent({ user: alice, service: "Ecs", sourceIp: uniqueIp(), accessKeyId, eventName: uniqueName("E2eLinkA2"), agoMs: 61_000 });
  const b1 = craftEvent({ user: bob, service, sourceIp: ip, eventName: uniqueName("E2eLinkB1"), agoMs: 62_000 });
  await ingest(request, [a1, a2, b1]);

  await test.step("the user's filter link lists that user's events", async () => {
    await openEvents(page, { service });
    await expectRows(page, [a1, b1]);
    await rowToggle(page, a1).click();
    await detailPanel(page).getByRole("link", { name: "Filter events by this user" }).click();
    await expectParam(page, "user", alice);
    await expectParam(page, "region", "cn-hangzhou");
    await expectRows(page, [a1, a2], [b1]);
  });

  await test.step("the AccessKey's filter link lists that key's events", async () => {
    await rowToggle(page, a2).click();
    await detailPanel(page).getByRole("link", { name: "Filter events by this AccessKey" }).click();
    await expectParam(page, "accessKeyId", accessKeyId);
    await expectParam(page, "user", null);
    await expectRows(page, [a1, a2], [b1]);
  });

  await test.step("the Source IP link lists that IP's events", async () => {
    await rowToggle(page, a1).click();
    await detailPanel(page).getByRole("link", { name: ip, exact: true }).click();
    await expectParam(page, "sourceIp", ip);
    await expectRows(page, [a1, b1], [a2]);
  });
});

test("the detail shows what the event name means beside it, from the catalogue", async ({ page, request }) => {
  const user = uniqueName("e2e-meaning");
  const known = craftEvent({ user, service: "Ram", eventName: "CreateAccessKey", isGlobal: true, region: "cn-hangzhou" });
  const unknown = craftEvent({ user, service: "Ecs", eventName: uniqueName("E2eUnknownName"), agoMs: 61_000 });
  await ingest(request, [known, unknown]);
  await openEvents(page, { user, region: "all" });
  await rowToggle(page, known).click();
  const detail = detailPanel(page);
  await expect(detail.getByText("Creates an AccessKey pair (programmatic credentials) for a RAM user.")).toBeVisible();
  await shot(page, "event-detail-meaning");
  await rowToggle(page, known).click();
  await rowToggle(page, unknown).click();
  await expect(detailPanel(page).getByText("No description of this event name in the catalogue.")).toBeVisible();
});
