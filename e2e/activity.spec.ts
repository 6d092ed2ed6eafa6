// Security views over the events: a RAM user's activity, the AccessKey audit, and a resource's lifecycle.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { craftEvent, detailPanel, ingest, openEvents, resultsSection, rowToggle, shot, storageStateFor, storeEventsDirectly, uniqueIp, uniqueName } from "./fixtures";

const MIN = 60_000;
const DAY = 86_400_000;

function section(page: Page, name: string): Locator {
  return page.getByRole("region", { name, exact: true });
}

/** The row of a usage table whose first cell is `value`. */
function usageRow(page: Page, sectionName: string, value: string): Locator {
  return section(page, sectionName).getByRole("row").filter({ has: page.getByRole("cell", { name: value, exact: true }) });
}

test("from an event's detail, the user link opens that user's activity with its IPs and AccessKeys", async ({ page, request }) => {
  const user = uniqueName("e2e-act-user");
  const [ip1, ip2] = [uniqueIp(), uniqueIp()];
  const [ak1, ak2] = [uniqueName("LTAI5tActA"), uniqueName("LTAI5tActB")];
  const e1 = craftEvent({ user, sourceIp: ip1, accessKeyId: ak1, eventName: uniqueName("E2eActFirst"), agoMs: 5 * MIN });
  const e2 = craftEvent({ user, sourceIp: ip2, accessKeyId: ak1, eventName: uniqueName("E2eActFail"), errorCode: "Forbidden.RAM", agoMs: 4 * MIN });
  const e3 = craftEvent({ user, sourceIp: ip1, accessKeyId: ak2, eventName: uniqueName("E2eActLast"), agoMs: 3 * MIN });
  await ingest(request, [e1, e2, e3]);

  await test.step("the username in the event detail links to the user page", async () => {
    await openEvents(page, { user });
    await rowToggle(page, e3).click();
    await detailPanel(page).getByRole("link", { name: user, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/users/${user}\\?region=cn-hangzhou`));
    await expect(page.getByRole("heading", { name: user, level: 1 })).toBeVisible();
  });

  await test.step("the user page shows the planted IPs, keys and the failure", async () => {
    await expect(usageRow(page, "Source IPs", ip1).getByRole("link", { name: "2" })).toBeVisible();
    await expect(usageRow(page, "Source IPs", ip2).getByRole("link", { name: "1" })).toBeVisible();
    await expect(section(page, "AccessKeys used").getByRole("link", { name: ak1, exact: true })).toBeVisible();
    await expect(section(page, "AccessKeys used").getByRole("link", { name: ak2, exact: true })).toBeVisible();
    await expect(section(page, "Failed calls").getByText("Forbidden.RAM")).toBeVisible();
    await expect(section(page, "Failed calls").getByRole("link", { name: String(e2.eventName) })).toHaveAttribute("href", `/events/${e2.eventId}`);
    await expect(page.getByTestId("activity-chart")).toBeVisible();
    await shot(page, "activity-user");
  });

  await test.step("an IP's count opens those events in the Event Detail Query", async () => {
    await usageRow(page, "Source IPs", ip1).getByRole("link", { name: "2" }).click();
    await expect(page).toHaveURL(/\/events\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("user")).toBe(user);
    expect(url.searchParams.get("sourceIp")).toBe(ip1);
    await expect(rowToggle(page, e1)).toBeVisible();
    await expect(rowToggle(page, e3)).toBeVisible();
    await expect(rowToggle(page, e2)).toHaveCount(0);
  });
});

test("the AccessKey audit lists keys with owner and use, and a key's page shows its IPs and resources", async ({ page, request }) => {
  const user = uniqueName("e2e-ak-owner");
  const ak = uniqueName("LTAI5tAudit");
  const oldAk = uniqueName("LTAI5tStale");
  const ip = uniqueIp();
  const bucket = uniqueName("e2e-ak-bucket");
  await ingest(request, [
    craftEvent({ user, accessKeyId: ak, sourceIp: ip, service: "Oss", eventName: "PutObject", resource: { type: "ACS::OSS::Bucket", name: bucket }, agoMs: 6 * MIN }),
    craftEvent({ user, accessKeyId: ak, sourceIp: ip, service: "Oss", eventName: "GetObject", resource: { type: "ACS::OSS::Bucket", name: bucket }, agoMs: 2 * MIN }),
  ]);
  // Ingestion refuses an event older than the query store's 90 days (docs/provenance.md "Retention"):
  // the stale key's event is one a store configured to keep longer holds. Stored through storeEvents,
  // it makes the key's last-used records (kept 400 days), which the AccessKey audit reads.
  storeEventsDirectly([craftEvent({ user: uniqueName("e2e-stale-owner"), accessKeyId: oldAk, agoMs: 100 * DAY })]);

  await test.step("the list shows the key with its owner and count", async () => {
    await page.goto("/access-keys?region=cn-hangzhou&range=1h");
    await expect(page.getByRole("heading", { name: "AccessKey audit" })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: ak, exact: true }) });
    await expect(row.getByRole("link", { name: user, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "2", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: oldAk })).toHaveCount(0);
    await shot(page, "activity-access-keys");
  });

  await test.step("the unused view lists a key last used 100 days ago", async () => {
    await page.getByRole("link", { name: "Unused for 90 days" }).click();
    await expect(page).toHaveURL(/view=unused/);
    await expect(page.getByRole("link", { name: oldAk, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: ak, exact: true })).toHaveCount(0);
    await shot(page, "activity-access-keys-unused");
  });

  await test.step("the key's page shows owner, IP, service and the bucket it touched", async () => {
    await page.goto(`/access-keys?region=cn-hangzhou&range=1h`);
    await page.getByRole("link", { name: ak, exact: true }).click();
    await expect(page.getByRole("heading", { name: ak, level: 1 })).toBeVisible();
    await expect(usageRow(page, "Source IPs", ip).getByRole("link", { name: "2" })).toBeVisible();
    await expect(usageRow(page, "Services", "Oss")).toBeVisible();
    await expect(section(page, "Used by").getByRole("link", { name: user, exact: true })).toBeVisible();
    await expect(section(page, "Last events").getByRole("button", { name: /^Details of GetObject/ })).toBeVisible();
    await shot(page, "activity-access-key");
    await section(page, "Resources touched").getByRole("link", { name: bucket, exact: true }).click();
    await expect(page).toHaveURL(/\/resources\?/);
    await expect(page.getByRole("button", { name: /^Details of / })).toHaveCount(2);
  });

  await test.step("a key never seen gets a designed empty state", async () => {
    const missing = uniqueName("LTAI5tMissing");
    await page.goto(`/access-keys/${missing}`);
    await expect(page.getByRole("heading", { name: "AccessKey never seen" })).toBeVisible();
    await expect(page.getByRole("status").getByText(missing)).toBeVisible();
  });
});

test("a resource's timeline lists create, modify and delete in order and expands to the event", async ({ page, request }) => {
  const user = uniqueName("e2e-res-user");
  const instance = uniqueName("i-e2elife");
  const resource = { type: "ACS::ECS::Instance", name: instance };
  const created = craftEvent({ user, resource, eventName: "RunInstances", agoMs: 9 * MIN });
  const modified = craftEvent({ user, resource, eventName: "ModifyInstanceAttribute", errorCode: "IncorrectInstanceStatus", agoMs: 7 * MIN });
  const deleted = craftEvent({ user, resource, eventName: "DeleteInstance", agoMs: 5 * MIN });
  await ingest(request, [deleted, created, modified]);

  const toggles = page.getByRole("button", { name: /^Details of / });
  await test.step("oldest first, with create and delete marked", async () => {
    await page.goto(`/resources?type=${encodeURIComponent(resource.type)}&name=${instance}`);
    await expect(toggles).toHaveCount(3);
    const names = await toggles.evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")?.split(" at ")[0]));
    expect(names).toEqual(["Details of RunInstances", "Details of ModifyInstanceAttribute", "Details of DeleteInstance"]);
    const table = page.getByRole("table", { name: "Events that referenced the resource" });
    await expect(table.getByText("Create", { exact: true })).toHaveCount(1);
    await expect(table.getByText("Delete", { exact: true })).toHaveCount(1);
    await expect(table.getByRole("row").nth(1).getByText("Create", { exact: true })).toBeVisible();
    await expect(table.getByRole("row").nth(3).getByText("Delete", { exact: true })).toBeVisible();
    await expect(page.getByText("IncorrectInstanceStatus")).toBeVisible();
    await shot(page, "activity-resource");
  });

  await test.step("a row expands to the event's JSON and its permanent link", async () => {
    await toggles.nth(1).click();
    await expect(page.getByTestId("json-view")).toContainText(String(modified.eventId));
    await expect(page.getByRole("link", { name: "Permanent link" })).toHaveAttribute("href", `/events/${modified.eventId}`);
  });

  await test.step("the order switches to newest first", async () => {
    await page.getByRole("link", { name: /Oldest first/ }).click();
    await expect(page).toHaveURL(/order=desc/);
    await expect(toggles.first()).toHaveAttribute("aria-label", /^Details of DeleteInstance/);
  });

  await test.step("without parameters, a search form", async () => {
    await page.goto("/resources");
    const form = page.getByRole("search", { name: "Find a resource" });
    await form.getByLabel("Resource name").fill(instance);
    await form.getByRole("button", { name: "Show lifecycle" }).click();
    await expect(toggles).toHaveCount(3);
  });
});

test("an unknown user, and a hostile name, get a designed empty state with the name as text", async ({ page }) => {
  const nobody = uniqueName("e2e-nobody");
  await page.goto(`/users/${nobody}`);
  await expect(page.getByRole("heading", { name: "Unknown user" })).toBeVisible();
  await expect(page.getByRole("status").getByText(nobody)).toBeVisible();
  await shot(page, "activity-user-unknown");

  const hostile = `<img src=x onerror="window.__pwned=1">${uniqueName("x")}`;
  await page.goto(`/users/${encodeURIComponent(hostile)}`);
  await expect(page.getByRole("heading", { name: hostile, level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // Role sessions are named "role/session"; a literal percent sign must survive too.
  const odd = `${uniqueName("e2e-role")}/sess%41ion`;
  await page.goto(`/users/${encodeURIComponent(odd)}`);
  await expect(page.getByRole("heading", { name: odd, level: 1 })).toBeVisible();

  const resource = uniqueName("i-none");
  await page.goto(`/resources?name=${resource}`);
  await expect(page.getByRole("heading", { name: "No events reference this resource" })).toBeVisible();
});

test("on the demo data, a user's sign-ins show MFA or the error, and a busy key shows who used it", async ({ page }) => {
  await openEvents(page, { region: "ap-southeast-1", range: "90d", eventName: "ConsoleSignin" });
  // A seeded RAM user rather than this console's own sign-ins (admin, auditor, security).
  const users = await resultsSection(page).getByRole("cell").getByRole("link").allTextContents();
  const name = users.find((u) => !["admin", "auditor", "security"].includes(u)) ?? users[0];
  expect(name).toBeTruthy();
  await page.goto(`/users/${encodeURIComponent(name)}?region=all&range=90d`);
  await expect(section(page, "Console sign-ins").getByText(/^(MFA|no MFA|InvalidPassword|UserNotFound|InvalidMFACode)$/).first()).toBeVisible();
  await shot(page, "activity-user-demo");

  await page.goto("/access-keys?region=cn-hangzhou&range=90d");
  await page.getByRole("region", { name: /^Keys last used over/ }).getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/access-keys\/LTAI|\/access-keys\/STS/);
  await expect(section(page, "Used by").getByRole("row")).not.toHaveCount(0);
  await expect(section(page, "Services").getByRole("row")).not.toHaveCount(0);
  await shot(page, "activity-access-key-demo");
});

test.describe("as the auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("user and resource pages are open, the AccessKey audit is not", async ({ page }) => {
    await page.goto(`/users/${uniqueName("e2e-aud")}`);
    await expect(page.getByRole("heading", { name: "Unknown user" })).toBeVisible();
    await page.goto("/access-keys");
    await expect(page).toHaveURL(/\/forbidden/);
  });

  test("an event's AccessKey links to the key's events rather than the audit it may not open", async ({ page, request }) => {
    const user = uniqueName("e2e-aud-key");
    const ak = uniqueName("LTAI5tAud");
    const event = craftEvent({ user, accessKeyId: ak });
    await ingest(request, [event]);
    await openEvents(page, { user });
    await rowToggle(page, event).click();
    const keyLink = detailPanel(page).getByRole("link", { name: ak, exact: true });
    await expect(keyLink).toHaveAttribute("href", /^\/events\?.*accessKeyId=/);
    await keyLink.click();
    // Already on /events: wait for the key's filter itself, not just the path.
    await expect(page).toHaveURL(/\/events\?.*accessKeyId=/);
    expect(new URL(page.url()).searchParams.get("accessKeyId")).toBe(ak);
    await expect(rowToggle(page, event)).toBeVisible();
  });
});
