// Sessions against what happens to their user, in Chromium over real HTTP: disabled, demoted, a new
// password, signed out (and the old cookie replayed), idle; where a callbackUrl may send you; and Secure
// cookies when the client came over HTTPS through a trusted proxy.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { cli, detailPanel, rowToggles, shot, SIGNED_OUT, uniqueName } from "./fixtures";
import { serverForTests } from "./servers";

const SHORT_IDLE_PORT = 3123;

/** A console user of this test alone. */
function createUser(role: "admin" | "auditor" | "security" = "auditor") {
  const username = uniqueName("e2e-session");
  const password = `pw-${uniqueName("x")}`;
  cli(["user", "create", "--username", username, "--password", password, "--role", role]);
  return { username, password };
}

/** A browser of its own, signed in as `user` through the form (on `baseURL`, default the main server). */
async function signedIn(browser: Browser, user: { username: string; password: string }, baseURL?: string): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  return page;
}

function notice(page: Page) {
  return page.getByRole("status").filter({ hasText: /\S/ });
}

test("a user disabled in Settings is signed out at their next request, and told why", async ({ page, browser }) => {
  const user = createUser();
  const theirs = await signedIn(browser, user);

  await test.step("the admin disables them under Settings", async () => {
    await page.goto("/settings");
    const users = page.getByRole("region", { name: "Console users" });
    await users.getByRole("button", { name: `Manage ${user.username}` }).click();
    const panel = users.getByRole("group", { name: `Manage ${user.username}` });
    await panel.getByRole("button", { name: "Disable user" }).click();
    await expect(panel.getByRole("status")).toHaveText(`Disabled ${user.username}; their sessions have ended.`);
    await expect(users.getByRole("row").filter({ hasText: user.username }).getByText("Disabled", { exact: true })).toBeVisible();
    await shot(page, "settings-user-disabled");
  });

  await test.step("their next page is the sign-in page with the reason", async () => {
    await theirs.goto("/events");
    await expect(theirs).toHaveURL(/\/login\?ended=disabled/);
    await expect(notice(theirs)).toHaveText("Your account was disabled. Ask an administrator to enable it.");
    await shot(theirs, "login-notice-disabled");
  });

  await test.step("their API calls are refused too", async () => {
    const res = await theirs.request.get("/api/v1/events/export?format=json&range=1h");
    expect(res.status()).toBe(401);
    expect((await res.json()).message).toBe("Your account was disabled. Ask an administrator to enable it. Sign in again.");
  });

  await test.step("and they cannot sign in again", async () => {
    await theirs.getByLabel("Username").fill(user.username);
    await theirs.getByLabel("Password").fill(user.password);
    await theirs.getByRole("button", { name: "Sign in" }).click();
    await expect(theirs.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("This account is disabled. Ask an administrator to enable it.");
  });

  await test.step("the change is an UpdateConsoleUser event by the admin", async () => {
    await page.goto(`/events?region=cn-hangzhou&range=1h&eventName=UpdateConsoleUser&user=admin&resourceName=${encodeURIComponent(user.username)}`);
    await rowToggles(page).first().click();
    const json = detailPanel(page).getByTestId("json-view");
    await expect(json).toContainText('"Status": "Disabled"');
    await expect(json).toContainText('"sourceIpAddress": "127.0.0.1"');
  });
  await theirs.context().close();
});

test("Settings changes a role, sets a password and deletes a user after a typed confirmation", async ({ page, browser }) => {
  const user = createUser("admin");
  const theirs = await signedIn(browser, user);
  await theirs.goto("/settings");
  await expect(theirs.getByRole("heading", { name: "Settings" })).toBeVisible();

  await page.goto("/settings");
  const users = page.getByRole("region", { name: "Console users" });
  await users.getByRole("button", { name: `Manage ${user.username}` }).click();
  const panel = users.getByRole("group", { name: `Manage ${user.username}` });

  await test.step("a new role is in force at their next request", async () => {
    await panel.getByLabel("Role").selectOption("auditor");
    await panel.getByRole("button", { name: "Change role" }).click();
    await expect(panel.getByRole("status")).toHaveText(`${user.username} is now auditor (was admin).`);
    await theirs.goto("/settings");
    await expect(theirs).toHaveURL(/\/forbidden/);
    await expect(theirs.getByRole("banner").getByText("auditor", { exact: true })).toBeVisible();
  });

  await test.step("a new password ends their session", async () => {
    await panel.getByLabel("New password").fill("short");
    await panel.getByRole("button", { name: "Set password" }).click();
    await expect(panel.getByRole("alert")).toHaveText("password must be at least 8 characters");
    await panel.getByLabel("New password").fill("a-new-long-password");
    await panel.getByRole("button", { name: "Set password" }).click();
    await expect(panel.getByRole("status")).toHaveText(`Set a new password for ${user.username}; their sessions have ended.`);
    await theirs.goto("/dashboard");
    await expect(notice(theirs)).toHaveText("Your password was changed. Sign in with the new password.");
  });

  await test.step("delete asks for the username first", async () => {
    await panel.getByRole("button", { name: "Delete user…" }).click();
    await panel.getByLabel(`Username to confirm deleting ${user.username}`).fill("not-the-name");
    await panel.getByRole("button", { name: `Delete ${user.username}` }).click();
    await expect(panel.getByRole("alert")).toHaveText(`Type ${user.username} to confirm the deletion.`);
    await shot(page, "settings-user-manage");
    await panel.getByLabel(`Username to confirm deleting ${user.username}`).fill(user.username);
    await panel.getByRole("button", { name: `Delete ${user.username}` }).click();
    await expect(users.getByRole("status")).toHaveText(`Deleted ${user.username}.`);
    await expect(users.getByRole("cell", { name: user.username, exact: true })).toHaveCount(0);
  });
  await theirs.context().close();
});

test("the account page changes your own password with the current one, then asks you to sign in again", async ({ browser }) => {
  const user = createUser("security");
  const page = await signedIn(browser, user);
  await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Signed in as ${user.username}` })).toBeVisible();
  await expect(page.getByText(/it ends after .+ without activity, and at .+ at the latest/)).toBeVisible();

  await test.step("the current password is checked, and the new ones must agree", async () => {
    await page.getByLabel("Current password").fill("not-my-password");
    await page.getByLabel("New password", { exact: true }).fill("my-new-password-1");
    await page.getByLabel("Repeat the new password").fill("my-new-password-1");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is incorrect.")).toBeVisible();
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill("my-new-password-1");
    await page.getByLabel("Repeat the new password").fill("my-new-password-2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The two new passwords differ.")).toBeVisible();
    await shot(page, "account-page");
  });

  await test.step("the change signs you out everywhere; the new password signs in", async () => {
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill("my-new-password-1");
    await page.getByLabel("Repeat the new password").fill("my-new-password-1");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/login\?ended=password/);
    await expect(notice(page)).toHaveText("Your password was changed. Sign in with the new password.");
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill("my-new-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
  });
  await page.context().close();
});

test("signing out is recorded as ConsoleSignout, and the old cookie no longer opens anything", async ({ page, browser }) => {
  const user = createUser();
  const theirs = await signedIn(browser, user);
  const cookies = await theirs.context().cookies();
  await theirs.getByRole("button", { name: "Sign out" }).click();
  await expect(theirs).toHaveURL(/\/login/);
  await theirs.context().close();

  await test.step("replaying the cookie saved before signing out lands on /login", async () => {
    const replay = await browser.newContext({ storageState: SIGNED_OUT });
    await replay.addCookies(cookies);
    const p = await replay.newPage();
    await p.goto("/events");
    await expect(p).toHaveURL(/\/login\?ended=signout/);
    await expect(notice(p)).toHaveText("You signed out.");
    await replay.close();
  });

  await test.step("the ConsoleSignout event names the user, the address and the browser", async () => {
    await page.goto(`/events?region=ap-southeast-1&range=1h&eventName=ConsoleSignout&user=${encodeURIComponent(user.username)}`);
    await expect(rowToggles(page)).toHaveCount(1);
    await rowToggles(page).first().click();
    const json = detailPanel(page).getByTestId("json-view");
    await expect(json).toContainText('"sourceIpAddress": "127.0.0.1"');
    await expect(json).toContainText("HeadlessChrome");
  });
});

test("a callbackUrl off the console's origin goes to the dashboard; one on it is kept", async ({ browser }) => {
  const user = createUser();
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/\\example.org")}`);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/dashboard/);

  // Signed in, /login sends you straight to the callbackUrl it accepts.
  for (const hostile of ["/\\example.org", "//example.org", "https://evil.example/", "javascript:alert(document.domain)", "/\\/example.org/x"]) {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(hostile)}`);
    await expect(page, hostile).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
  }
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/events?region=cn-shanghai")}`);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/events\?region=cn-shanghai/);
  await context.close();
});

test.describe("on a server with a 15-second idle limit that trusts 127.0.0.1 as its proxy", () => {
  const server = serverForTests({ port: SHORT_IDLE_PORT, env: { TRAILKEEPER_SESSION_IDLE_MINUTES: "0.25", TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32" } }, 300_000);

  test("a session idle past the limit ends, and the sign-in page says so", async ({ browser }) => {
    const user = createUser();
    const page = await signedIn(browser, user, server().url);
    // Used within the limit: still in.
    await page.waitForTimeout(3_000);
    await page.goto("/events");
    await expect(page.getByRole("heading", { name: "Event Detail Query" })).toBeVisible();
    await page.waitForTimeout(17_000);
    await page.goto("/events");
    await expect(page).toHaveURL(/\/login\?ended=idle/);
    await expect(notice(page)).toHaveText("Your session ended after 15 seconds without activity.");
    await shot(page, "login-notice-idle");
    await page.context().close();
  });

  test("session cookies are Secure when the client came over HTTPS through the trusted proxy, and only then", async ({ playwright }) => {
    const user = createUser();
    async function cookiesOf(baseURL: string, headers: Record<string, string>) {
      const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers, storageState: SIGNED_OUT });
      const csrf = await client.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await client.post("/api/auth/callback/credentials", { form: { username: user.username, password: user.password, csrfToken, json: "true" } });
      expect(res.status()).toBe(200);
      const setCookies = [...csrf.headersArray(), ...res.headersArray()].filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
      await client.dispose();
      return setCookies;
    }
    const https = await cookiesOf(server().url, { "X-Forwarded-Proto": "https" });
    const session = https.find((c) => c.startsWith("next-auth.session-token="));
    expect(session, https.join("\n")).toMatch(/;\s*Secure/i);
    expect(https.find((c) => c.startsWith("next-auth.csrf-token="))).toMatch(/;\s*Secure/i);

    const plain = await cookiesOf(server().url, {});
    expect(plain.find((c) => c.startsWith("next-auth.session-token="))).not.toMatch(/;\s*Secure/i);
    // The main server trusts no proxy: a client's own X-Forwarded-Proto is not believed.
    const claimed = await cookiesOf(test.info().project.use.baseURL!, { "X-Forwarded-Proto": "https" });
    expect(claimed.find((c) => c.startsWith("next-auth.session-token="))).not.toMatch(/;\s*Secure/i);
  });
});
