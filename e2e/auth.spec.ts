// Sign-in, sign-out, the redirect of signed-out visitors, and the ConsoleSignin events sign-ins leave.
import { expect, test, type Page } from "@playwright/test";
import { cli, detailPanel, expectParam, rowToggles, shot, SIGNED_OUT, uniqueName } from "./fixtures";

test.use({ storageState: SIGNED_OUT });

/** A console user of this test alone, created with the operator CLI. */
function createUser(role: "admin" | "auditor" | "security" = "auditor") {
  const username = uniqueName("e2e-signin");
  const password = `pw-${uniqueName("x")}`;
  cli(["user", "create", "--username", username, "--password", password, "--role", role]);
  return { username, password };
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The form's alert (Next's route announcer is an empty role=alert too). */
function signInAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

test("signing in with the right password lands on the dashboard", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.username, user.password);
  await expect(page).toHaveURL(/\/dashboard(\?|$)/);
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.getByRole("banner").getByText(user.username, { exact: true })).toBeVisible();
});

test("a wrong password shows an alert and stays on /login", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.username, "not-the-password");
  await expect(signInAlert(page)).toHaveText("The username or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await shot(page, "auth-wrong-password");
});

test("a signed-out visit to /events is sent to /login", async ({ page }) => {
  await page.goto("/events?region=cn-shanghai");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.username, user.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/events");
  await expect(page).toHaveURL(/\/login/);
});

test("sign-ins are recorded as global ConsoleSignin events, failed ones with their error code", async ({ page }) => {
  const user = createUser();

  await test.step("fail once, then sign in", async () => {
    await signIn(page, user.username, "wrong-password");
    await expect(signInAlert(page)).toHaveText("The username or password is incorrect.");
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
  });

  await test.step("both sign-ins are listed under ap-southeast-1 (global events)", async () => {
    await page.goto(`/events?region=ap-southeast-1&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin`);
    await expect(rowToggles(page)).toHaveCount(2);
    await expect(page.getByRole("table").getByRole("link", { name: user.username, exact: true })).toHaveCount(2);
  });

  await test.step("and not under their acsRegion", async () => {
    await page.goto(`/events?region=cn-hangzhou&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin`);
    await expect(page.getByText("No events match these conditions.")).toBeVisible();
  });

  await test.step("the failed one carries its error code", async () => {
    await page.goto(`/events?region=ap-southeast-1&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin&errorCode=*`);
    await expectParam(page, "errorCode", "*");
    await expect(rowToggles(page)).toHaveCount(1);
    const toggle = rowToggles(page).first();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const detail = detailPanel(page);
    await expect(detail.getByRole("note")).toContainText("InvalidPassword");
    await expect(detail.getByRole("link", { name: user.username, exact: true })).toBeVisible();
    await expect(detail.getByTestId("json-view")).toContainText('"loginResult"');
    await shot(page, "auth-consolesignin-failed");
  });

  await test.step("the successful one has no error", async () => {
    await page.goto(`/events?region=ap-southeast-1&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin`);
    await expect(rowToggles(page)).toHaveCount(2);
    const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("button", { name: /^Details of ConsoleSignin/ }) });
    await expect(rows.filter({ hasNotText: "Error" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Error" })).toHaveCount(1);
  });
});

test("the admin's own sign-in is listed as a ConsoleSignin event of admin", async ({ page }) => {
  await signIn(page, "admin", "trailkeeper-admin");
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/events?region=ap-southeast-1&user=admin&eventName=ConsoleSignin&range=1h");
  await expect(rowToggles(page).first()).toBeVisible();
  await rowToggles(page).first().click();
  await expect(detailPanel(page).getByRole("link", { name: "admin", exact: true })).toBeVisible();
  await expect(detailPanel(page).getByTestId("json-view")).toContainText('"ConsoleSignin"');
});
