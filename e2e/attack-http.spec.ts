// Attacks over real HTTP and in Chromium on what the console sends and where the worker connects:
// security headers on pages, /login, route handlers and the export (each exactly once); no CSP violation
// anywhere in the console while a deliberately injected handler is refused; HSTS only when a trusted
// proxy says the client used HTTPS; webhooks to 169.254.169.254 and 127.0.0.1 refused by the worker of a
// server that does not allow them, with "blocked address" in the rule's history and never the receiver's
// answer; an export recorded as an ExportEvents event with its count.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIResponse, type Browser, type ConsoleMessage, type Page } from "@playwright/test";
import { craftEvent, ingest, SIGNED_OUT, shot, uniqueName } from "./fixtures";
import { freshDataDir, startServer, type ExtraServer } from "./servers";

const HSTS_PORT = 3141;
const WEBHOOK_PORT = 3142;
const ROUTE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Each security header exactly once (a header set in two places would be sent twice). */
function securityHeaders(res: APIResponse): Record<string, string> {
  const out: Record<string, string> = {};
  const names = ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy", "strict-transport-security"];
  for (const name of names) {
    const values = res.headersArray().filter((h) => h.name.toLowerCase() === name);
    expect(values.length, `${name} sent ${values.length} times on ${res.url()}`).toBeLessThanOrEqual(1);
    if (values[0]) out[name] = values[0].value;
  }
  return out;
}

function expectStaticHeaders(h: Record<string, string>) {
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["strict-transport-security"]).toBeUndefined();
}

/** A page's CSP: scripts by this response's nonce only, no framing; returns the nonce. */
function expectPageCsp(csp: string | undefined): string {
  expect(csp).toBeDefined();
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/.exec(csp!)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  return nonce!;
}

async function signIn(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: SIGNED_OUT });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("trailkeeper-admin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard(\?|$)/);
  return page;
}

test("pages, /login, route handlers and the export send every security header once, pages with a fresh nonce on every script", async ({ request, playwright, baseURL }) => {
  await test.step("a console page", async () => {
    const res = await request.get("/dashboard");
    expect(res.status()).toBe(200);
    const h = securityHeaders(res);
    expectStaticHeaders(h);
    const nonce = expectPageCsp(h["content-security-policy"]);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s, "every script carries the response's nonce").toContain(`nonce="${nonce}"`);
    // A nonce is used once: the next response has another.
    const again = expectPageCsp(securityHeaders(await request.get("/dashboard"))["content-security-policy"]);
    expect(again).not.toBe(nonce);
  });

  await test.step("the sign-in page, signed out", async () => {
    const anonymous = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
    const res = await anonymous.get("/login");
    expect(res.status()).toBe(200);
    const h = securityHeaders(res);
    expectStaticHeaders(h);
    const nonce = expectPageCsp(h["content-security-policy"]);
    for (const s of (await res.text()).match(/<script\b[^>]*>/g) ?? []) expect(s).toContain(`nonce="${nonce}"`);
    // The sign-in redirect of a protected page is covered too, and keeps its redirect.
    const redirect = await anonymous.get("/trails", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers().location).toMatch(/^\/login\?callbackUrl=/);
    expect(securityHeaders(redirect)["content-security-policy"]).toBe(ROUTE_CSP);
    // A route handler answering JSON, refused: the strict policy.
    const json = await anonymous.post("/api/v1/events", { data: "{}", headers: { "Content-Type": "application/json" } });
    expect(json.status()).toBe(401);
    expect(json.headers()["content-type"]).toContain("application/json");
    const jh = securityHeaders(json);
    expectStaticHeaders(jh);
    expect(jh["content-security-policy"]).toBe(ROUTE_CSP);
    // The compatible API (XML) at /openapi and at the bare host.
    for (const path of ["/openapi?Action=DescribeRegions&Format=XML", "/?Action=DescribeRegions&Format=XML"]) {
      const api = await anonymous.get(path);
      expect(api.status()).toBe(400);
      const ah = securityHeaders(api);
      expectStaticHeaders(ah);
      expect(ah["content-security-policy"]).toBe(ROUTE_CSP);
    }
    await anonymous.dispose();
  });

  await test.step("the export (CSV)", async () => {
    const res = await request.get("/api/v1/events/export?format=csv&range=1h&user=nobody-here");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const h = securityHeaders(res);
    expectStaticHeaders(h);
    expect(h["content-security-policy"]).toBe(ROUTE_CSP);
    // Static files: the fixed headers (a policy on a script file is not applied to it, so none is sent).
    const html = await (await request.get("/dashboard")).text();
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    const asset = await request.get(chunk);
    expect(asset.status()).toBe(200);
    expectStaticHeaders(securityHeaders(asset));
  });
});

test("no CSP violation on any console page, while an injected inline handler is refused", async ({ page }) => {
  // About 30 page loads, each waiting for the network to go idle: 2 minutes on a loaded machine.
  test.setTimeout(300_000);
  const violations: string[] = [];
  const errors: string[] = [];
  const onConsole = (msg: ConsoleMessage) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  };
  page.on("console", onConsole);
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));

  const visit = async (path: string) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // Hydrated: a client component answers (the user menu is rendered by React on the client too).
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  };
  /** The first link of a list matching `href`, followed if there is one (detail pages of demo data). */
  const followFirst = async (href: RegExp) => {
    const all = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const target = all.find((h) => href.test(h));
    if (target) await visit(target);
    return target;
  };

  await test.step("every page of the sidebar, by client-side navigation", async () => {
    await visit("/dashboard");
    for (const label of ["Event Detail Query", "Insights", "AccessKey audit", "Resources", "Trails", "Alerts", "Sensitive operations", "Settings", "API reference", "Dashboard"]) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
      await page.waitForLoadState("networkidle");
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    }
  });

  await test.step("detail pages, forms and charts", async () => {
    await visit("/dashboard");
    // A chart's tooltip renders inline styles on hover.
    const chart = page.locator(".recharts-surface").first();
    if (await chart.count()) await chart.hover({ position: { x: 80, y: 40 } });
    await visit("/events?range=7d");
    const toggle = page.getByRole("region", { name: "Results" }).getByRole("button", { name: /^Details of / }).first();
    await toggle.click();
    await expect(page.getByTestId("json-view").first()).toBeVisible();
    expect(await followFirst(/^\/events\/[^?]+$/)).toBeTruthy();
    await visit("/events?range=7d");
    await toggle.click();
    expect(await followFirst(/^\/users\//)).toBeTruthy();
    await visit("/access-keys");
    await followFirst(/^\/access-keys\/[^/?]+/);
    await visit("/insights");
    await followFirst(/^\/insights\/\d+/);
    await visit("/trails");
    await followFirst(/^\/trails\/(?!new|buckets)[^/?]+$/);
    for (const path of ["/trails/new", "/trails/buckets", "/alerts/new", "/insights/ip-lists", "/settings", "/account/access-keys", "/docs/api", "/forbidden?need=admin"]) await visit(path);
    await visit("/alerts");
    await followFirst(/^\/alerts\/\d+/);
    await page.goto("/no-such-page");
    await expect(page.getByText("Page not found")).toBeVisible();
  });

  await test.step("the sign-in page", async () => {
    const context = await page.context().browser()!.newContext({ storageState: SIGNED_OUT, baseURL: new URL(page.url()).origin });
    const login = await context.newPage();
    login.on("console", (m) => /Content Security Policy/i.test(m.text()) && violations.push(`/login: ${m.text()}`));
    await login.goto("/login");
    await login.waitForLoadState("networkidle");
    await login.getByLabel("Username").fill("admin");
    await login.getByLabel("Password").fill("not-the-password");
    await login.getByRole("button", { name: "Sign in" }).click();
    await expect(login.getByRole("alert")).toBeVisible();
    await context.close();
  });

  expect(violations, violations.join("\n")).toEqual([]);
  expect(errors, errors.join("\n")).toEqual([]);

  await test.step("the guard itself: markup injected into a page cannot run a handler", async () => {
    await visit("/dashboard");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="data:," alt="" onerror="window.__injected = true">'));
    await expect.poll(() => violations.length, { message: "the refused inline handler is reported" }).toBeGreaterThan(0);
    expect(violations.join("\n")).toMatch(/inline event handler/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });
});

test.describe("HSTS", () => {
  let proxied: ExtraServer | undefined;
  // A store of its own: a second `npm start` on the main store would migrate it while the main worker writes.
  const dataDir = freshDataDir("hsts");
  test.afterAll(async () => {
    await proxied?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("only when a trusted proxy says the client used HTTPS", async ({ playwright, baseURL }) => {
    test.setTimeout(240_000);
    await test.step("a client without a trusted proxy cannot ask for it", async () => {
      const direct = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
      for (const path of ["/login", "/api/v1/events"]) {
        const res = await direct.get(path, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9" } });
        expect(res.headers()["strict-transport-security"], path).toBeUndefined();
        expect(res.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
      }
      await direct.dispose();
    });

    await test.step("behind a trusted proxy (127.0.0.1/32): HSTS with https, none with http or nothing", async () => {
      proxied = await startServer({ port: HSTS_PORT, dataDir, worker: false, env: { TRAILKEEPER_TRUSTED_PROXIES: "127.0.0.1/32" } });
      const viaProxy = await playwright.request.newContext({ baseURL: proxied.url, storageState: SIGNED_OUT });
      for (const path of ["/login", "/api/v1/events", "/trails"]) {
        const res = await viaProxy.get(path, { headers: { "X-Forwarded-Proto": "https" }, maxRedirects: 0 });
        const h = securityHeaders(res);
        expect(h["strict-transport-security"], path).toBe("max-age=31536000");
        expect(h["x-frame-options"]).toBe("DENY");
        if (path === "/login") expect(h["content-security-policy"]).toContain("upgrade-insecure-requests");
      }
      for (const proto of ["http", undefined]) {
        const res = await viaProxy.get("/login", { headers: proto ? { "X-Forwarded-Proto": proto } : {} });
        expect(res.headers()["strict-transport-security"], `X-Forwarded-Proto ${proto}`).toBeUndefined();
        expect(res.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
      }
      await viaProxy.dispose();
    });
  });
});

test.describe("webhooks to internal addresses", () => {
  let server: ExtraServer | undefined;
  let receiver: http.Server | undefined;
  const dataDir = freshDataDir("outbound");
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  test("are refused by a worker that does not allow them: 'blocked address' in the rule's history, never the receiver's answer", async ({ browser }) => {
    test.setTimeout(300_000);
    let hits = 0;
    receiver = http.createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("INTERNAL-ADMIN-PANEL v2.3 (do not expose)");
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    const loopbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const metadataUrl = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";
    const eventName = uniqueName("E2eBlockedHook");
    const rules: { name: string; url: string; reason: string; id?: string }[] = [
      { name: uniqueName("metadata"), url: metadataUrl, reason: "blocked address (169.254.169.254 is a link-local address)" },
      { name: uniqueName("loopback"), url: loopbackUrl, reason: "blocked address (127.0.0.1 is a loopback address)" },
    ];

    let token = "";
    await test.step("an operator who once allowed both addresses saves two rules", async () => {
      server = await startServer({ port: WEBHOOK_PORT, dataDir, worker: false, env: { TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS: "169.254.169.254,127.0.0.1" } });
      token = /Demo ingest token \(shown once\): (\S+)/.exec(server.output())?.[1] ?? "";
      expect(token).toMatch(/^tk_/);
      const page = await signIn(browser, server.url);
      for (const rule of rules) {
        await page.goto("/alerts/new");
        await page.getByLabel("Rule name").fill(rule.name);
        await page.getByLabel("Webhook URL").fill(rule.url);
        await page.getByRole("radio", { name: "Events matching conditions" }).check();
        await page.getByLabel("Event Name", { exact: true }).fill(eventName);
        await page.getByRole("button", { name: "Create rule" }).click();
        await expect(page.getByText(`Created rule ${rule.name}.`)).toBeVisible();
      }
      await page.context().close();
      await server.stop();
    });

    await test.step("restarted without the allow list, the console refuses such a URL when it is typed in", async () => {
      server = await startServer({ port: WEBHOOK_PORT, dataDir, worker: true, env: { TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS: "" } });
      const page = await signIn(browser, server.url);
      await page.goto("/alerts/new");
      await page.getByLabel("Rule name").fill(uniqueName("typed"));
      await page.getByLabel("Webhook URL").fill("http://[::ffff:169.254.169.254]/latest");
      await page.getByRole("radio", { name: "Events matching conditions" }).check();
      await page.getByLabel("Event Name", { exact: true }).fill(eventName);
      await page.getByRole("button", { name: "Create rule" }).click();
      await expect(page.getByText(/^::ffff:a9fe:a9fe is a link-local address .*, which webhooks may not reach\. To allow it, add ::ffff:a9fe:a9fe to TRAILKEEPER_ALLOWED_OUTBOUND_HOSTS/)).toBeVisible();
      await shot(page, "attack-alert-rule-blocked-url");
      await page.goto("/trails/buckets");
      const form = page.getByRole("form", { name: "New bucket" });
      await form.getByLabel("Bucket name").fill(uniqueName("internal").toLowerCase());
      await form.getByLabel("Kind").selectOption("s3");
      await form.getByLabel("Endpoint URL").fill("http://10.0.0.5:9000");
      await form.getByLabel("Region").fill("us-east-1");
      await form.getByLabel("Access key ID").fill("AKIAEXAMPLE");
      await form.getByLabel("Secret access key").fill("secret-value");
      await form.getByRole("button", { name: "Add bucket" }).click();
      await expect(form.getByText("10.0.0.5 is a private address, which S3 endpoints may not reach.", { exact: false })).toBeVisible();
      await shot(page, "attack-bucket-blocked-endpoint");
      await page.context().close();
    });

    await test.step("a matching event: the worker refuses both webhooks at send time", async () => {
      const page = await signIn(browser, server!.url);
      const res = await page.request.post("/api/v1/events", {
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        data: JSON.stringify({ events: [craftEvent({ user: uniqueName("hook-user"), eventName, agoMs: 1_000 })] }),
      });
      expect(res.status()).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: 1, failed: [] });
      for (const rule of rules) {
        await page.goto("/alerts");
        await page.goto((await page.getByRole("link", { name: rule.name }).getAttribute("href"))!);
        await expect(page.getByRole("heading", { name: rule.name, level: 1 })).toBeVisible();
        const history = page.getByRole("region", { name: "Delivery history" });
        await expect(async () => {
          await page.reload();
          await expect(history.getByTestId("alert-delivery").first()).toContainText(rule.reason, { timeout: 2_000 });
        }).toPass({ timeout: 60_000 });
        await expect(history).toContainText("no response");
        await expect(page.locator("body")).not.toContainText("INTERNAL-ADMIN-PANEL");
        if (rule.url === metadataUrl) await shot(page, "attack-alert-history-blocked");
      }
      expect(hits, "nothing reached the receiver on 127.0.0.1").toBe(0);
      await page.context().close();
    });
  });
});

test("an export is recorded as an ExportEvents event with its filters and the number of events exported", async ({ page, request }) => {
  const user = uniqueName("exported-user");
  await ingest(request, Array.from({ length: 7 }, (_, i) => craftEvent({ user, agoMs: (i + 1) * 60_000 })));
  await page.goto(`/events?region=cn-hangzhou&range=1h&user=${user}`);
  await page.waitForLoadState("networkidle");
  const link = page.getByRole("region", { name: "Results" }).getByRole("link", { name: "Download CSV" });
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(await file.failure()).toBeNull();

  // The record is written before the download's last byte: it is there when the download is.
  const res = await request.get("/api/v1/events/export?format=json&region=all&range=1h&eventName=ExportEvents");
  const records = (await res.json()) as { userIdentity: { userName: string }; eventRW: string; requestParameters: { Format: string; Filters: Record<string, string> }; additionalEventData: Record<string, unknown> }[];
  const mine = records.filter((r) => r.requestParameters.Filters.user === user);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    eventRW: "Read",
    userIdentity: { userName: "admin" },
    requestParameters: { Format: "csv", Filters: { region: "cn-hangzhou", user } },
    additionalEventData: { ExportedEvents: 7, Completed: true },
  });
});
