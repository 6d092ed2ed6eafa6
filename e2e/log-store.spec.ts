// The Event Detail Query page reading a trail's log store: a 120-day-old event, gone from the 90-day
// query store, is found by choosing the log store as the source, expanded, and its JSON shown.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  ROOT,
  cli,
  craftEvent,
  detailPanel,
  e2eEnv,
  expectParam,
  expectRows,
  filterForm,
  openEvents,
  resultsSection,
  rowToggle,
  searchWith,
  shot,
  uniqueIp,
  uniqueName,
} from "./fixtures";

const DAY_MS = 86_400_000;

function putInLogStore(logStore: string, events: Record<string, unknown>[]): void {
  const out = execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["e2e/put-log-store-events.ts"], {
    cwd: ROOT,
    env: e2eEnv(),
    input: JSON.stringify({ logStore, events }),
    encoding: "utf8",
  });
  expect(out).toContain(`"inserted":${events.length}`);
}

/** datetime-local value (local wall time) of a moment. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

test("a 120-day-old event is found in a trail's log store, expanded, with its JSON", async ({ page }) => {
  const trail = uniqueName("lsq").replace(/[^A-Za-z0-9-]/g, "").slice(0, 30);
  const logStore = `actiontrail_${trail}`;
  cli(["trail", "create", "--name", trail, "--home-region", "cn-qingdao", "--log-store", "--all-regions", "--start-logging"]);

  const user = uniqueName("e2e-old-user");
  const ip = uniqueIp();
  const old = craftEvent({ user, sourceIp: ip, eventName: uniqueName("E2eOldDelete"), agoMs: 120 * DAY_MS });
  const oldRead = craftEvent({ user, sourceIp: ip, eventName: uniqueName("E2eOldDescribe"), eventRW: "Read", agoMs: 120 * DAY_MS + 3_600_000 });
  const other = craftEvent({ user: uniqueName("e2e-old-other"), agoMs: 121 * DAY_MS });
  putInLogStore(logStore, [old, oldRead, other]);

  await test.step("the query store cannot reach that far back, and says where to look", async () => {
    await openEvents(page, { user });
    await expectRows(page, []);
    await expect(resultsSection(page)).toContainText("from the query store");
  });

  await test.step("choosing the log store as the source lists the old events (custom range 125 days back)", async () => {
    const form = filterForm(page);
    await form.getByLabel("Source", { exact: true }).selectOption(logStore);
    await expect(form.getByLabel("Source", { exact: true }).locator("option:checked")).toHaveText(`Log store ${logStore} (180 days)`);
    await form.getByRole("button", { name: "Custom" }).click();
    await form.getByLabel("Start", { exact: true }).fill(localInput(Date.now() - 125 * DAY_MS));
    await form.getByLabel("End", { exact: true }).fill(localInput(Date.now() - 100 * DAY_MS));
    await searchWith(page, { "Operator (username)": user });
    await expectParam(page, "logStore", logStore);
    await expectRows(page, [old, oldRead], [other]);
    await expect(resultsSection(page)).toContainText(`from the log store ${logStore}`);
    await expect(page.getByText(`Events kept by the log store ${logStore}`)).toBeVisible();
  });

  await test.step("other filters apply to the log store too", async () => {
    await filterForm(page).getByLabel("Read/Write Type").selectOption("Write");
    await searchWith(page, { "Source IP": ip });
    await expectParam(page, "eventRW", "Write");
    await expectRows(page, [old], [oldRead, other]);
  });

  await test.step("the row expands to the event's details and its exact JSON", async () => {
    await rowToggle(page, old).click();
    const detail = detailPanel(page);
    await expect(detail).toBeVisible();
    const json = detail.getByTestId("json-view");
    for (const v of [String(old.eventId), String(old.eventName), user, ip]) await expect(json).toContainText(v);
    await shot(page, "log-store-source");
    await detail.getByRole("button", { name: "Copy" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(JSON.stringify(old));
  });

  await test.step("the export honours the source", async () => {
    const href = await resultsSection(page).getByRole("link", { name: "Download JSON" }).getAttribute("href");
    expect(href).toContain(`logStore=${logStore}`);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    const exported = (await res.json()) as { eventId: string }[];
    expect(exported.map((e) => e.eventId)).toEqual([old.eventId]);
  });

  await test.step("the permanent link falls back to the log store", async () => {
    await detailPanel(page).getByRole("link", { name: "Permanent link" }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${String(old.eventId)}$`));
    await expect(page.getByRole("heading", { name: String(old.eventName) })).toBeVisible();
    await expect(page.getByText(`from the log store ${logStore}`)).toBeVisible();
    await expect(page.getByTestId("json-view")).toContainText(String(old.eventId));
  });

  cli(["trail", "delete", trail]);
});
