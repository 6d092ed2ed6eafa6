// The dashboard: charts of a region and window from aggregate counts, every bar a way into the events.
import { expect, test, type Page } from "@playwright/test";
import { craftEvent, expectParam, expectRows, ingest, rowToggles, shot, storageStateFor, uniqueName } from "./fixtures";

const DAY = 86_400_000;

function figure(page: Page, name: string) {
  return page.getByRole("figure", { name, exact: true });
}

async function openDashboard(page: Page, query: Record<string, string>) {
  await page.goto(`/dashboard?${new URLSearchParams(query).toString()}`);
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
}

test.describe("in China Standard Time", () => {
  // The axes and the table read in the viewer's time zone.
  test.use({ timezoneId: "Asia/Shanghai" });

  test("charts a region's events; a top-service bar, a time bucket and a sensitive row open the matching events", async ({ page, request }) => {
    const region = "me-east-1";
    const service = uniqueName("E2eSvc");
    const user = uniqueName("dash-user");
    const events = Array.from({ length: 15 }, (_, i) => craftEvent({ user, service, region, eventRW: i % 3 ? "Read" : "Write", agoMs: 60_000 + i * 1_000 }));
    const sensitive = craftEvent({ user, service: "Ram", region, eventName: uniqueName("E2eDeleteThing"), sensitive: true, agoMs: 30_000 });
    // Markup and a long name in a label: text only, cut short with the whole value as the tooltip.
    const hostile = `<img src=x onerror=alert(1)>${"W".repeat(90)}`;
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    await test.step("ingest", async () => {
      await ingest(request, [...events, sensitive, craftEvent({ user, service: hostile, region })]);
    });

    await test.step("the dashboard charts them", async () => {
      await openDashboard(page, { region });
      await expect(page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "true");
      const activity = figure(page, "Events over time");
      await expect(activity.locator("svg a rect").first()).toBeVisible();
      await expect(activity.getByRole("link", { name: /^Write, / }).first()).toBeVisible();
      await expect(figure(page, "Top services").getByRole("link", { name: `${service}: 15 events` })).toBeVisible();
      await expect(figure(page, "Top users").getByRole("link", { name: `${user}: 17 events` })).toBeVisible();
    });

    await test.step("a hostile service name is text, shortened, with the whole name on hover", async () => {
      const bar = figure(page, "Top services").getByRole("link", { name: `${hostile}: 1 event` });
      await expect(bar).toBeVisible();
      await expect(bar.locator("title")).toHaveText(`${hostile}: 1 event`);
      const label = bar.locator("span");
      await expect(label).toHaveText(hostile);
      await expect(label).toHaveAttribute("title", hostile);
      expect(await label.evaluate((el) => el.scrollWidth > el.clientWidth), "the label is cut short").toBe(true);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      expect(dialogs).toEqual([]);
      await shot(page, "dashboard");
    });

    await test.step("the top-service bar opens /events with that service", async () => {
      await figure(page, "Top services").getByRole("link", { name: `${service}: 15 events` }).click();
      await expect(page).toHaveURL(/\/events\?/);
      await expectParam(page, "service", service);
      await expectParam(page, "region", region);
      await expectRows(page, events);
    });

    await test.step("a Write bar of the activity chart opens that bucket's Write events", async () => {
      await page.goBack();
      await figure(page, "Events over time").getByRole("link", { name: /^Write, / }).last().click();
      await expect(page).toHaveURL(/\/events\?/);
      await expectParam(page, "eventRW", "Write");
      const q = new URL(page.url()).searchParams;
      const span = Date.parse(q.get("end")!) - Date.parse(q.get("start")!);
      expect(span).toBeGreaterThan(0);
      expect(span).toBeLessThan(3_600_000);
      await expect(rowToggles(page).first()).toBeVisible();
    });

    await test.step("a row of the latest sensitive operations opens that event", async () => {
      await page.goBack();
      const table = page.getByRole("region", { name: "Latest sensitive operations" });
      await table.getByRole("link", { name: String(sensitive.eventName), exact: true }).click();
      await expectParam(page, "eventId", String(sensitive.eventId));
      await expectRows(page, [sensitive]);
    });
});
});

test("the time range preset changes the counts, and the chart can stack by service", async ({ page, request }) => {
  const region = "ap-south-1";
  const service = uniqueName("E2eOld");
  const old = Array.from({ length: 6 }, () => craftEvent({ user: uniqueName("u"), service, region, agoMs: 3 * DAY }));
  await ingest(request, old);

  await openDashboard(page, { region });
  await expect(figure(page, "Top services").getByRole("link", { name: new RegExp(`^${service}:`) })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "7 d" }).click();
  await expectParam(page, "range", "7d");
  await expect(figure(page, "Top services").getByRole("link", { name: `${service}: 6 events` })).toBeVisible();

  await page.getByRole("navigation", { name: "Stack by" }).getByRole("link", { name: "Top services" }).click();
  await expectParam(page, "stack", "service");
  await expectParam(page, "range", "7d");
  await expect(figure(page, "Events over time").getByRole("link", { name: new RegExp(`^${service}, `) })).toHaveCount(1);
  await shot(page, "dashboard-stacked-by-service");
});

test("a region and window without events shows the empty state", async ({ page }) => {
  // A region the e2e data leaves quiet for the last hour (checked on the events page first).
  let quiet: string | undefined;
  for (const region of ["cn-heyuan", "cn-wulanchabu", "cn-huhehaote", "ap-southeast-5", "eu-west-1"]) {
    await page.goto(`/events?region=${region}&range=1h`);
    const none = page.getByText("No events match these conditions.");
    const some = rowToggles(page).first();
    await expect(none.or(some)).toBeVisible();
    if (await none.isVisible()) {
      quiet = region;
      break;
    }
  }
  expect(quiet, "a region without events in the last hour").toBeDefined();
  await openDashboard(page, { region: quiet!, range: "1h" });
  await expect(page.getByRole("region", { name: "No events" })).toContainText("No events in");
  await expect(page.getByRole("figure")).toHaveCount(0);
  await shot(page, "dashboard-empty");
  await page.getByRole("link", { name: "Last 90 days" }).click();
  await expectParam(page, "range", "90d");
});

test.describe("as the security role", () => {
  test.use({ storageState: storageStateFor("security") });

  test("the dashboard opens, and the region selector stays on it", async ({ page }) => {
    await openDashboard(page, { range: "7d" });
    await page.getByLabel("Region", { exact: true }).selectOption("cn-shanghai");
    await expect(page).toHaveURL(/\/dashboard\?/);
    await expectParam(page, "region", "cn-shanghai");
    await expectParam(page, "range", "7d");
  });
});

test("/ redirects to the dashboard", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
});
