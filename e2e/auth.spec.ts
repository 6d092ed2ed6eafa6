// Sign-in, sign-out, the redirect of signed-out visitors, and the ConsoleSignin events sign-ins leave.
import { expect, test, type Page } from "@playwright/test";
import { cli, detailPanel, rowToggles, shot, SIGNED_OUT, uniqueName } from "./fixtures";

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
  // The cookie is gone, so no notice: nothing ended behind the user's back.
  await expect(page.getByRole("status")).toHaveCount(0);
});

// The suite's only failed sign-in from 127.0.0.1 (the throttle allows 5 per username and 50 per address in
// 15 minutes; e2e/attack-signin.spec.ts tests it from addresses of its own). Failures are recorded once
// per address and minute, so this one is alone in its minute and its event names this user.
test("a wrong password shows an alert; sign-ins are recorded as global ConsoleSignin events, the failed one after its minute", async ({ page }) => {
  test.setTimeout(150_000);
  const user = createUser();

  await test.step("fail once: an alert, and still on /login", async () => {
    await signIn(page, user.username, "not-the-password");
    await expect(signInAlert(page)).toHaveText("The username or password is incorrect.");
    await expect(page).toHaveURL(/\/login/);
    await shot(page, "auth-wrong-password");
  });

  await test.step("then sign in", async () => {
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
  });

  await test.step("the success is listed at once under ap-southeast-1 (global events), with no error", async () => {
    await page.goto(`/events?region=ap-southeast-1&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin`);
    await expect(rowToggles(page)).toHaveCount(1);
    await expect(page.getByRole("table").getByRole("row").filter({ has: page.getByRole("button", { name: /^Details of ConsoleSignin/ }) }).filter({ hasText: "Error" })).toHaveCount(0);
  });

  await test.step("the failure is listed once its minute is over (the worker records closed minutes every few seconds)", async () => {
    await expect(async () => {
      await page.goto(`/events?region=ap-southeast-1&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin&errorCode=*`);
      await expect(rowToggles(page)).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 100_000, intervals: [5_000] });
    const toggle = rowToggles(page).first();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const detail = detailPanel(page);
    await expect(detail.getByRole("note")).toContainText("InvalidPassword");
    await expect(detail.getByRole("link", { name: user.username, exact: true })).toBeVisible();
    await expect(detail.getByTestId("json-view")).toContainText('"loginResult": "Failure"');
    await expect(detail.getByTestId("json-view")).toContainText('"failedAttempts": 1');
    await shot(page, "auth-consolesignin-failed");
  });

  await test.step("and not under their acsRegion", async () => {
    await page.goto(`/events?region=cn-hangzhou&user=${encodeURIComponent(user.username)}&eventName=ConsoleSignin`);
    await expect(page.getByText("No events match these conditions.")).toBeVisible();
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
