// Settings (admin): console users and ingest tokens, each change recorded as a self-audit event.
import { expect, test } from "@playwright/test";
import { shot, uniqueName } from "./fixtures";

test("an admin adds a console user, sees field errors first, and the change is audited", async ({ page }) => {
  const username = uniqueName("new-auditor");
  await page.goto("/settings");
  const users = page.getByRole("region", { name: "Console users" });

  await test.step("bad input gets an error beside the field, and nothing is created", async () => {
    await users.getByLabel("Username").fill(username);
    await users.getByLabel("Password").fill("short");
    await users.getByRole("button", { name: "Add user" }).click();
    await expect(users.getByText("password must be at least 8 characters")).toBeVisible();
    await expect(users.getByRole("cell", { name: username, exact: true })).toHaveCount(0);
  });

  await test.step("valid input creates the user", async () => {
    await users.getByLabel("Username").fill(username);
    await users.getByLabel("Password").fill("a-long-password");
    await users.getByLabel("Role").selectOption("auditor");
    await users.getByRole("button", { name: "Add user" }).click();
    await expect(users.getByRole("status")).toHaveText(`Created user ${username} (auditor).`);
    await expect(users.getByRole("cell", { name: username, exact: true })).toBeVisible();
    await shot(page, "settings-user-added");
  });

  await test.step("a duplicate is refused with a clear message", async () => {
    await users.getByLabel("Username").fill(username);
    await users.getByLabel("Password").fill("a-long-password");
    await users.getByRole("button", { name: "Add user" }).click();
    await expect(users.getByRole("alert")).toHaveText(`User ${username} already exists`);
  });

  await test.step("the new user can sign in", async () => {
    const browser = page.context().browser()!;
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await ctx.newPage();
    await other.goto("/login");
    await other.getByLabel("Username").fill(username);
    await other.getByLabel("Password").fill("a-long-password");
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other).toHaveURL(/\/dashboard/);
    await ctx.close();
  });

  await test.step("the change is an Actiontrail event by the admin, with IP and user agent", async () => {
    await page.goto("/events?region=cn-hangzhou&range=1h&service=Actiontrail&eventName=CreateConsoleUser&user=admin");
    await page.getByRole("button", { name: /^Details of CreateConsoleUser/ }).first().click();
    const json = page.getByTestId("json-view");
    await expect(json).toContainText(`"UserName": "${username}"`);
    await expect(json).toContainText('"sourceIpAddress": "127.0.0.1"');
    await expect(json).toContainText("HeadlessChrome");
  });
});

test("an admin creates an ingest token, sees it once, and can revoke it", async ({ page, request }) => {
  const label = uniqueName("siem");
  await page.goto("/settings");
  const tokens = page.getByRole("region", { name: "Ingest tokens" });
  await tokens.getByLabel("Label (optional)").fill(label);
  await tokens.getByRole("button", { name: "Create token" }).click();
  const secret = (await tokens.locator("code").filter({ hasText: /^tk_/ }).textContent())!;
  expect(secret).toMatch(/^tk_[A-Za-z0-9_-]{40,}$/);

  const send = () =>
    request.post("/api/v1/events", {
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
      data: JSON.stringify({ events: [{ eventId: uniqueName("evt"), eventTime: new Date().toISOString(), eventName: "DescribeRegions", eventType: "ApiCall", eventRW: "Read", serviceName: "Ecs", acsRegion: "cn-hangzhou" }] }),
    });
  expect((await send()).status()).toBe(200);

  await page.reload();
  const row = tokens.getByRole("row").filter({ hasText: label });
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  expect((await send()).status()).toBe(401);
  await shot(page, "settings-token-revoked");
});
