// Attacks on sign-in, over real HTTP and in Chromium: guessing passwords (per username and address, per
// address, in parallel bursts), telling unknown usernames from known ones by time, flooding the audit
// trail with failures, and the published demo passwords on a console other machines can reach.
//
// Every attacker here has an address of its own (198.51.100.x / 203.0.113.x), sent as X-Forwarded-For to
// a second server on the same store that trusts 127.0.0.1 as its proxy: the rest of the suite signs in
// from 127.0.0.1 and must never meet these lockouts.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { cli, detailPanel, e2eEnv, ROOT, rowToggles, shot, SIGNED_OUT, uniqueName } from "./fixtures";
import { freshDataDir, serverForTests, startServer } from "./servers";

const PROXIED_PORT = 3121;
const DEMO_PORT = 3122;

const proxied = serverForTests({ port: PROXIED_PORT, env: { TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32" } });

// Addresses handed out once each in this run.
let nextHost = 10 + Math.floor(Math.random() * 100);
function attackerIp(net: "198.51.100" | "203.0.113" = "198.51.100"): string {
  nextHost += 1;
  return `${net}.${nextHost}`;
}

function createUser(role: "admin" | "auditor" = "auditor") {
  const username = uniqueName("e2e-attack");
  const password = `pw-${uniqueName("x")}`;
  cli(["user", "create", "--username", username, "--password", password, "--role", role]);
  return { username, password };
}

/** An HTTP client of the proxied server that claims to be `ip` (believed: the peer is a trusted proxy). */
function clientFrom(playwright: PlaywrightWorkerArgs["playwright"], ip: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: proxied().url, extraHTTPHeaders: { "X-Forwarded-For": ip }, storageState: SIGNED_OUT });
}

interface SigninAnswer {
  status: number;
  retryAfter: string | undefined;
  error: string | null;
  ms: number;
}

/** What the sign-in form sends: a CSRF token, then the credentials with json=true. */
async function postSignin(client: APIRequestContext, username: string, password: string): Promise<SigninAnswer> {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const started = performance.now();
  const res = await client.post("/api/auth/callback/credentials", { form: { username, password, csrfToken, callbackUrl: "/dashboard", json: "true" } });
  const ms = performance.now() - started;
  const body = (await res.json()) as { url?: string; error?: string };
  const error = res.status() === 429 ? (body.error ?? null) : body.url ? new URL(body.url, proxied().url).searchParams.get("error") : null;
  return { status: res.status(), retryAfter: res.headers()["retry-after"], error, ms };
}

test("5 wrong passwords for one username from one address: that pair is refused with 429 and Retry-After, the right password included", async ({ playwright }) => {
  const user = createUser();
  const ip = attackerIp();
  const attacker = await clientFrom(playwright, ip);
  for (let i = 1; i <= 5; i++) {
    const r = await postSignin(attacker, user.username, `guess-${i}-password`);
    expect(r, `attempt ${i}`).toMatchObject({ status: 401, error: "CredentialsSignin" });
  }
  const refused = await postSignin(attacker, user.username, user.password);
  expect(refused).toMatchObject({ status: 429, error: "TooManyAttempts" });
  expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(50);
  expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);

  // The same user from another address is not locked out.
  const elsewhere = await clientFrom(playwright, attackerIp());
  expect(await postSignin(elsewhere, user.username, user.password)).toMatchObject({ status: 200, error: null });
  await attacker.dispose();
  await elsewhere.dispose();
});

test("50 failures from one address across usernames: the address is refused for every username", async ({ playwright }) => {
  test.setTimeout(120_000);
  const ip = attackerIp("203.0.113");
  const attacker = await clientFrom(playwright, ip);
  const prefix = uniqueName("nobody");
  for (let i = 0; i < 50; i++) {
    const r = await postSignin(attacker, `${prefix}-${i}`, "password-guess");
    expect(r.status, `attempt ${i + 1}`).toBe(401);
  }
  const user = createUser();
  const refused = await postSignin(attacker, user.username, user.password);
  expect(refused).toMatchObject({ status: 429, error: "TooManyAttempts" });
  expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  await attacker.dispose();
});

test("a parallel burst is counted before any password is checked: 5 get an answer, the rest 429", async ({ playwright }) => {
  const user = createUser();
  const attacker = await clientFrom(playwright, attackerIp());
  const { csrfToken } = (await (await attacker.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const statuses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      attacker
        .post("/api/auth/callback/credentials", { form: { username: user.username, password: `burst-${i}-guess`, csrfToken, json: "true" } })
        .then((r) => r.status()),
    ),
  );
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  await attacker.dispose();
});

test("an unknown username answers like a known one with a wrong password, in about the same time", async ({ playwright }) => {
  const user = createUser();
  // One address per kind, four attempts each: below every limit.
  const known = await clientFrom(playwright, attackerIp());
  const unknown = await clientFrom(playwright, attackerIp());
  const ghost = uniqueName("ghost-user");
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  for (let i = 0; i < 4; i++) {
    const a = await postSignin(known, user.username, "wrong-password-1");
    const b = await postSignin(unknown, ghost, "wrong-password-1");
    expect([a.status, a.error]).toEqual([401, "CredentialsSignin"]);
    expect([b.status, b.error]).toEqual([a.status, a.error]);
    knownMs.push(a.ms);
    unknownMs.push(b.ms);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  // Loose on purpose (a shared machine): without the dummy hash an unknown name skips bcrypt's ~60 ms and
  // answers in a fraction of the time; with it, both do the same work.
  expect(median(unknownMs), `known ${knownMs.map(Math.round)} ms, unknown ${unknownMs.map(Math.round)} ms`).toBeGreaterThan(0.6 * median(knownMs));
  await known.dispose();
  await unknown.dispose();
});

test("a flood of failures from one address is one ConsoleSignin event for its minute, with the count", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const ip = attackerIp();
  const names = [createUser().username, uniqueName("ghost-a"), uniqueName("ghost-b")];
  // All twelve inside one UTC minute.
  const second = new Date().getUTCSeconds();
  if (second > 40) await page.waitForTimeout((61 - second) * 1000);
  const attacker = await clientFrom(playwright, ip);
  for (let i = 0; i < 12; i++) expect((await postSignin(attacker, names[i % 3], `flood-${i}-guess`)).status).toBe(401);
  await attacker.dispose();

  // The main server's worker records the minute once it is over (the page is the admin's, as always).
  const url = `/events?region=ap-southeast-1&range=1h&eventName=ConsoleSignin&sourceIp=${ip}`;
  await expect(async () => {
    await page.goto(url);
    await expect(rowToggles(page)).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 100_000, intervals: [5_000] });
  await rowToggles(page).first().click();
  const json = detailPanel(page).getByTestId("json-view");
  await expect(json).toContainText('"failedAttempts": 12');
  await expect(json).toContainText('"loginResult": "Failure"');
  for (const name of names) await expect(json).toContainText(`"${name}"`);
  await expect(detailPanel(page).getByRole("note")).toContainText("InvalidPassword");
  await shot(page, "attack-signin-flood-event");
  // Still one a little later: nothing else arrives for that minute.
  await page.waitForTimeout(4_000);
  await page.goto(url);
  await expect(rowToggles(page)).toHaveCount(1);
});

test("the sign-in form says when to try again, and counts down", async ({ browser }) => {
  const user = createUser();
  const context = await browser.newContext({ baseURL: proxied().url, storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": attackerIp() } });
  const page = await context.newPage();
  await page.goto("/login");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Password").fill(`typo-${i}-password`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText("The username or password is incorrect.");
  }
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText("Too many failed sign-ins. Try again in 1 minute.");
  const waiting = page.getByRole("button", { name: /^Try again in 0:[0-5]\d$/ });
  await expect(waiting).toBeDisabled();
  const first = await waiting.textContent();
  await expect(waiting).not.toHaveText(first!, { timeout: 5_000 });
  await expect(page).toHaveURL(/\/login/);
  await shot(page, "login-throttled");
  await context.close();
});

/** The operator CLI against another store (the demo server's). */
function cliOn(dataDir: string, args: string[], stdin: string): string {
  return execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["cli/index.ts", ...args], {
    cwd: ROOT,
    env: { ...e2eEnv(), TRAILKEEPER_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "trailkeeper.db")}` },
    encoding: "utf8",
    input: stdin,
  });
}

test("a demo user's published password does not sign in once the console listens beyond loopback; the page says how to fix it", async ({ browser, playwright }) => {
  test.setTimeout(420_000);
  const dataDir = freshDataDir("demo-host");
  // First start on loopback: the demo users are created, as on a laptop.
  const laptop = await startServer({ port: DEMO_PORT, dataDir, env: { TRAILKEEPER_SEED_EVENTS: "0" } });
  await laptop.stop();
  const exposed = await startServer({ port: DEMO_PORT, dataDir, env: { HOST: "0.0.0.0", TRAILKEEPER_SEED_EVENTS: "0" } });
  try {
    await test.step("over HTTP: refused with its own error", async () => {
      const client = await playwright.request.newContext({ baseURL: exposed.url, storageState: SIGNED_OUT });
      const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await client.post("/api/auth/callback/credentials", { form: { username: "admin", password: "trailkeeper-admin", csrfToken, json: "true" } });
      expect(res.status()).toBe(401);
      const { url } = (await res.json()) as { url: string };
      expect(new URL(url, exposed.url).searchParams.get("error")).toBe("DemoPasswordRefused");
      await client.dispose();
    });

    const context = await browser.newContext({ baseURL: exposed.url, storageState: SIGNED_OUT });
    const page = await context.newPage();
    await test.step("in the browser: the form says why and how to set a password", async () => {
      await page.goto("/login");
      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill("trailkeeper-admin");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("alert").filter({ hasText: /\S/ });
      await expect(alert).toContainText("admin still has the published demo password");
      await expect(alert).toContainText("npm run cli -- user set-password --username admin");
      await expect(page).toHaveURL(/\/login/);
      await shot(page, "login-demo-password-refused");
    });

    await test.step("the advice works: a password set with the CLI signs in", async () => {
      expect(cliOn(dataDir, ["user", "set-password", "--username", "admin"], "a-real-admin-password\n")).toContain("Set a new password for admin");
      await page.getByLabel("Password").fill("a-real-admin-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/dashboard/);
    });
    await context.close();
  } finally {
    await exposed.stop();
  }
});
