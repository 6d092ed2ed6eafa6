// The sensitive-operation catalogue: an admin adds an event name (stored and new events of that name turn
// sensitive on /events), edits its reason and removes it; other roles read it without edit controls and
// are refused if they submit an edit anyway.
import { expect, test, type Page } from "@playwright/test";
import { canonicalTime, craftEvent, ingest, openEvents, resultsSection, rowToggle, shot, storageStateFor, uniqueName } from "./fixtures";

const PAGE = "/settings/sensitive-actions";

/** An event's row on /events ("has" takes a locator relative to the row, hence not rowToggle()). */
function eventRow(page: Page, event: Record<string, unknown>) {
  const toggle = page.getByRole("button", { name: `Details of ${String(event.eventName)} at ${canonicalTime(event)}`, exact: true });
  return resultsSection(page).getByRole("row").filter({ has: toggle });
}

/** The Sensitive badge in an event's row on /events. */
function badge(page: Page, event: Record<string, unknown>) {
  return eventRow(page, event).getByText("Sensitive", { exact: true });
}

function entryRow(page: Page, eventName: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: eventName, exact: true }) });
}

test.describe("as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("adds a name, events of that name show as sensitive, edits the reason and removes it", async ({ page, request }) => {
    const user = uniqueName("e2e-catalog");
    const eventName = uniqueName("E2ePurgeVault");
    const stored = craftEvent({ user, eventName });
    await ingest(request, [stored]);

    await test.step("before: not sensitive", async () => {
      await openEvents(page, { user, range: "1h" });
      await expect(eventRow(page, stored)).toHaveCount(1);
      await expect(eventRow(page, stored)).toContainText(eventName);
      await expect(badge(page, stored)).toHaveCount(0);
    });

    await test.step("add it with a reason, picked from suggestions", async () => {
      await page.goto("/settings");
      await shot(page, "sensitive-catalog-settings-links", { fullPage: false });
      await page.getByRole("main").getByRole("link", { name: "Sensitive operations" }).click();
      await expect(page.getByRole("heading", { name: "Sensitive operations", level: 1 })).toBeVisible();
      await expect(page.locator("#sensitive-event-suggestions option[value='RunInstances']")).toHaveCount(1);
      await page.getByLabel("Event name", { exact: true }).fill(eventName);
      await page.getByLabel("Reason (optional)").fill("Purges a vault <b>for good</b>");
      await page.getByRole("button", { name: "Add to catalogue" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Added" })).toHaveText(`Added ${eventName}: 1 stored event now marked sensitive.`);
      await expect(entryRow(page, eventName)).toContainText("Purges a vault <b>for good</b>");
      await page.getByLabel("Filter the catalogue").fill("E2ePurgeVault");
      await shot(page, "sensitive-catalog-added");
    });

    const later = craftEvent({ user, eventName, agoMs: 30_000 });
    await test.step("stored and newly ingested events of that name are sensitive", async () => {
      await ingest(request, [later]);
      await openEvents(page, { user, range: "1h", sensitive: "true" });
      await expect(rowToggle(page, stored)).toBeVisible();
      await expect(rowToggle(page, later)).toBeVisible();
      await expect(badge(page, stored)).toBeVisible();
      await expect(badge(page, later)).toBeVisible();
      await shot(page, "sensitive-catalog-events");
    });

    await test.step("a duplicate is refused beside the field", async () => {
      await page.goto(PAGE);
      await page.getByLabel("Event name", { exact: true }).fill(eventName);
      await page.getByRole("button", { name: "Add to catalogue" }).click();
      await expect(page.locator("#sensitive-event-name-error")).toHaveText(`${eventName} is already in the catalogue.`);
    });

    await test.step("edit the reason", async () => {
      await page.getByRole("button", { name: `Edit reason for ${eventName}` }).click();
      await page.getByLabel(`Reason for ${eventName}`, { exact: true }).fill("Destroys a vault");
      await shot(page, "sensitive-catalog-editing", { fullPage: false });
      await entryRow(page, eventName).getByRole("button", { name: "Save" }).click();
      await expect(entryRow(page, eventName)).toContainText("Destroys a vault");
      await expect(page.getByLabel(`Reason for ${eventName}`, { exact: true })).toHaveCount(0);
    });

    await test.step("remove it: the events lose the mark", async () => {
      await page.getByRole("button", { name: `Remove ${eventName}` }).click();
      await page.getByRole("button", { name: `Confirm remove ${eventName}` }).click();
      await expect(page.getByRole("status").filter({ hasText: `Removed ${eventName}` })).toHaveText(`Removed ${eventName}: 2 stored events no longer marked sensitive.`);
      await expect(entryRow(page, eventName)).toHaveCount(0);
      await openEvents(page, { user, range: "1h" });
      await expect(eventRow(page, stored)).toHaveCount(1);
      await expect(eventRow(page, later)).toHaveCount(1);
      await expect(resultsSection(page).getByText("Sensitive", { exact: true })).toHaveCount(0);
    });

    await test.step("every edit is an Actiontrail event by the admin", async () => {
      await page.goto(`/events?region=cn-hangzhou&range=1h&service=Actiontrail&user=admin&resourceName=${eventName}`);
      const results = resultsSection(page);
      for (const name of ["CreateSensitiveAction", "UpdateSensitiveAction", "DeleteSensitiveAction"]) {
        await expect(results.getByRole("button", { name: new RegExp(`^Details of ${name} `) })).toHaveCount(1);
      }
    });
  });
});

test.describe("as the auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("reads the catalogue without edit controls, and an edit submitted anyway is refused", async ({ page, browser }) => {
    await page.goto(PAGE);
    await expect(page.getByRole("heading", { name: "Sensitive operations", level: 1 })).toBeVisible();
    await expect(page.getByText("Read only: an administrator edits this list.")).toBeVisible();
    await expect(entryRow(page, "DeleteTrail")).toContainText("Deletes a trail");
    await expect(page.getByRole("button", { name: "Add to catalogue" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Edit reason/ })).toHaveCount(0);
    await page.getByLabel("Filter the catalogue").fill("AccessKey");
    await expect(page.getByRole("row")).toHaveCount(4);
    await shot(page, "sensitive-catalog-auditor");

    await test.step("an admin's page submitted with the auditor's session is refused", async () => {
      const adminCtx = await browser.newContext({ storageState: storageStateFor("admin") });
      const admin = await adminCtx.newPage();
      await admin.goto(PAGE);
      await admin.getByRole("button", { name: "Remove StopLogging" }).click();
      // Swap the session cookie for the auditor's, then confirm.
      await adminCtx.clearCookies();
      await adminCtx.addCookies((await page.context().cookies()).filter((c) => c.name.includes("next-auth")));
      await admin.getByRole("button", { name: "Confirm remove StopLogging" }).click();
      await expect(admin).toHaveURL(/\/forbidden/);
      await adminCtx.close();
      await page.goto(PAGE);
      await expect(entryRow(page, "StopLogging")).toBeVisible();
    });
  });
});
