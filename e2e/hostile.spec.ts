// Event fields are attacker-controlled: markup must show as text, never run; huge and bidi values
// must not break the page.
import { expect, test } from "@playwright/test";
import { craftEvent, detailPanel, filterForm, ingestRaw, openEvents, resultsSection, rowToggle, searchWith, shot, uniqueName } from "./fixtures";

test("hostile event fields render literally, run nothing, and keep the page responsive", async ({ page, request }) => {
  // Room for every step to report even when laying out the 100 KB value is slow.
  test.setTimeout(120_000);
  const tag = uniqueName("h");
  const user = `<script>window.__pwned=1</script>${tag}`;
  const eventName = `<img src=x onerror="window.__pwned=1">${tag}`;
  const userAgent = `Mozilla/5.0 ${"A".repeat(100 * 1024)}`;
  // U+202E RIGHT-TO-LEFT OVERRIDE: "invoice-<tag>\u202Egpj.exe" would display as "...exe.jpg".
  const resourceName = `invoice-${tag}\u202Egpj.exe`;
  const event = craftEvent({ user, eventName, resource: { type: "ACS::OSS::Object", name: resourceName }, extra: { userAgent } });

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await test.step("ingest it", async () => {
    await ingestRaw(request, JSON.stringify({ events: [event] }), 1);
  });

  await test.step("search for it through the form", async () => {
    await openEvents(page);
    await searchWith(page, { "Operator (username)": user });
    await expect.poll(() => new URL(page.url()).searchParams.get("user")).toBe(user);
  });

  const table = resultsSection(page).getByRole("table");
  await test.step("the row renders the values as text", async () => {
    await expect(rowToggle(page, event)).toBeVisible();
    await expect(table.getByRole("link", { name: user, exact: true })).toBeVisible();
    await expect(table.getByText(eventName, { exact: true })).toBeVisible();
    await expect(table.getByText(resourceName, { exact: true })).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    // (The flight payload's scripts carry the text as data; a script that *is* the payload would match this.)
    await expect(page.locator("script").filter({ hasText: /^\s*window\.__pwned=1\s*$/ })).toHaveCount(0);
  });

  await test.step("expanding works and shows the whole event", async () => {
    const toggle = rowToggle(page, event);
    const started = Date.now();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const detail = detailPanel(page);
    const json = detail.getByTestId("json-view");
    await expect(json).toBeVisible();
    // Checked in plain code: a failing toContainText would print the 100 KB text.
    const text = (await json.textContent()) ?? "";
    for (const value of [user, eventName, resourceName, userAgent]) {
      expect(text.includes(JSON.stringify(value)), `the JSON view shows ${JSON.stringify(value).slice(0, 80)}`).toBe(true);
    }
    await expect(detail.getByRole("link", { name: user, exact: true })).toBeVisible();
    await expect(detail.getByRole("link", { name: resourceName, exact: true })).toBeVisible();
    // Soft, so the checks below still run and report when only the speed is wrong.
    expect.soft(Date.now() - started, "expanding a 100 KB event (ms)").toBeLessThan(5_000);
    await shot(page, "hostile-expanded", { fullPage: false });
  });

  await test.step("nothing ran", async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  await test.step("the page stays responsive", async () => {
    // A frame is painted promptly, typing reaches the inputs, and the row collapses again.
    const frameMs = await page.evaluate(
      () => new Promise<number>((resolve) => {
        const t = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
      }),
    );
    expect(frameMs).toBeLessThan(1_000);
    const input = filterForm(page).getByLabel("Source IP");
    await input.fill("198.51.100.1");
    await expect(input).toHaveValue("198.51.100.1");
    const toggle = rowToggle(page, event);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(detailPanel(page)).toHaveCount(0);
  });

  await test.step("the permanent page is just as safe", async () => {
    await page.goto(`/events/${String(event.eventId)}`);
    await expect(page.getByRole("heading", { name: eventName })).toBeVisible();
    expect(((await page.getByTestId("json-view").textContent()) ?? "").includes(JSON.stringify(user))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});
