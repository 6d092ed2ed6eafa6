// Attack: a client names its own source address with X-Forwarded-For / X-Real-IP (or a forged copy of
// the web server's own peer header). Over real HTTP, the recorded address is the connection's peer
// unless that peer is a trusted proxy (TRAILKEEPER_TRUSTED_PROXIES); then the right-most hop that is not
// one. Also: the web server, killed, is restarted by `npm start`.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { cli, SIGNED_OUT, uniqueName } from "./fixtures";
import { serverForTests } from "./servers";

const PROXIED_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;

/** A console user of this test alone (CLI), so its events are easy to find. */
function createUser(role: "admin" | "auditor" = "admin") {
  const username = uniqueName("e2e-addr");
  const password = `pw-${uniqueName("x")}`;
  cli(["user", "create", "--username", username, "--password", password, "--role", role]);
  return { username, password };
}

/** Signs in through the form of the server at `baseURL`, every request carrying `headers`. */
async function signInWithHeaders(browser: Browser, baseURL: string, user: { username: string; password: string }, headers: Record<string, string>): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: SIGNED_OUT, extraHTTPHeaders: headers });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard(\?|$)/);
  return page;
}

/** The events of `user` named `eventName`, read through the console's JSON export as the admin. */
async function exportedEvents(admin: Page, query: Record<string, string>): Promise<Record<string, unknown>[]> {
  const res = await admin.request.get(`/api/v1/events/export?${new URLSearchParams({ format: "json", range: "1h", ...query })}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Record<string, unknown>[];
}

const FORGED = {
  "X-Forwarded-For": "203.0.113.66",
  "X-Real-IP": "203.0.113.67",
  // The header scripts/web-server.ts writes the peer into: a client's copy must be dropped.
  "X-Trailkeeper-Peer": "guessed-token 203.0.113.68",
};

test("without trusted proxies a forged X-Forwarded-For / X-Real-IP is ignored: the sign-in is recorded from 127.0.0.1", async ({ browser, page, baseURL }) => {
  const user = createUser("auditor");
  const signedIn = await signInWithHeaders(browser, baseURL!, user, FORGED);
  await signedIn.context().close();

  await page.goto("/events");
  const signins = await exportedEvents(page, { region: "ap-southeast-1", user: user.username, eventName: "ConsoleSignin" });
  expect(signins).toHaveLength(1);
  expect(signins[0].sourceIpAddress).toBe("127.0.0.1");
});

test.describe.serial("behind a trusted proxy (an extra server with TRAILKEEPER_TRUSTED_PROXIES=127.0.0.1/32)", () => {
  const proxied = serverForTests({ port: PROXIED_PORT, env: { TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32" } });

  test("the start log names the trusted proxies", () => {
    expect(proxied().output()).toContain("Trusted proxies (TRAILKEEPER_TRUSTED_PROXIES): 127.0.0.1/32");
  });

  test("sign-ins, console changes and refused ingestion are recorded from the right-most untrusted hop", async ({ browser, page }) => {
    const user = createUser("admin");
    const headers = { "X-Forwarded-For": "203.0.113.9, 198.51.100.23", "X-Real-IP": "203.0.113.67" };
    const viaProxy = await signInWithHeaders(browser, proxied().url, user, headers);

    await test.step("a console change: create an ingest token in Settings", async () => {
      await viaProxy.goto("/settings");
      const tokens = viaProxy.getByRole("region", { name: "Ingest tokens" });
      await tokens.getByLabel("Label (optional)").fill(uniqueName("addr"));
      await tokens.getByRole("button", { name: "Create token" }).click();
      await expect(tokens.locator("code").filter({ hasText: /^tk_/ })).toBeVisible();
    });

    await test.step("an ingestion call with a bad token is logged with the same address", async () => {
      const res = await viaProxy.request.post("/api/v1/events", { headers: { Authorization: "Bearer tk_not-a-token", "Content-Type": "application/json" }, data: "{}" });
      expect(res.status()).toBe(401);
      await expect.poll(() => proxied().output(), { timeout: 10_000 }).toContain("[ingest] refused a call from 198.51.100.23: unknown or revoked ingest token");
    });
    await viaProxy.context().close();

    await page.goto("/events");
    const signins = await exportedEvents(page, { region: "ap-southeast-1", user: user.username, eventName: "ConsoleSignin" });
    expect(signins.map((e) => e.sourceIpAddress)).toEqual(["198.51.100.23"]);
    const changes = await exportedEvents(page, { region: "cn-hangzhou", user: user.username, eventName: "CreateIngestToken" });
    expect(changes.map((e) => e.sourceIpAddress)).toEqual(["198.51.100.23"]);
  });

  test("a request straight from the proxy (no X-Forwarded-For) is recorded as the proxy", async ({ browser, page }) => {
    const user = createUser("auditor");
    const direct = await signInWithHeaders(browser, proxied().url, user, {});
    await direct.context().close();
    await page.goto("/events");
    const signins = await exportedEvents(page, { region: "ap-southeast-1", user: user.username, eventName: "ConsoleSignin" });
    expect(signins.map((e) => e.sourceIpAddress)).toEqual(["127.0.0.1"]);
  });

  test("a killed web server is restarted by npm start, which says so", async () => {
    test.setTimeout(120_000);
    const listening = /Trailkeeper web server listening on http:\/\/127\.0\.0\.1:\d+ \(pid (\d+)\)/g;
    const pids = () => [...proxied().output().matchAll(listening)].map((m) => Number(m[1]));
    expect(pids()).toHaveLength(1);
    const [pid] = pids();
    process.kill(pid, "SIGKILL");

    await expect.poll(() => proxied().output(), { timeout: 10_000 }).toContain("Web server exited (SIGKILL); restarting in 1 s");
    await expect.poll(() => pids().length, { timeout: 90_000 }).toBe(2);
    expect(pids()[1]).not.toBe(pid);
    const res = await fetch(`${proxied().url}/login`);
    expect(res.status).toBe(200);
  });
});
