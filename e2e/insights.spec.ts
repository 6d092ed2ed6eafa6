// Insights end to end: IP lists edited in the console, an alert rule on UnusualSourceIp pointed at a
// webhook receiver started here, a sign-in from a new IP ingested for a user with history; the insight
// shows on /insights and the receiver gets a correctly signed request, visible in the rule's history.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { craftEvent, ingest, shot, storageStateFor, uniqueIp, uniqueName } from "./fixtures";

interface Received {
  timestamp: string;
  signature: string;
  body: string;
}

test("IP lists: a bad CIDR says what is wrong; entries are added and removed", async ({ page }) => {
  await page.goto("/insights/ip-lists");
  await expect(page.getByRole("heading", { name: "IP lists" })).toBeVisible();
  const allow = page.getByRole("form", { name: "Add to the allow list" });
  const deny = page.getByRole("form", { name: "Add to the deny list" });

  await test.step("bad input is refused with the reason", async () => {
    await allow.getByLabel("IP address or CIDR block").fill("10.0.0.1/8");
    await allow.getByRole("button", { name: "Add to allow list" }).click();
    await expect(allow.getByText("10.0.0.1/8 has host bits set: the network of /8 is 10.0.0.0/8.")).toBeVisible();
    await expect(allow.getByLabel("IP address or CIDR block")).toHaveValue("10.0.0.1/8");
    await deny.getByLabel("IP address or CIDR block").fill("2001:db8::/129");
    await deny.getByRole("button", { name: "Add to deny list" }).click();
    await expect(deny.getByText("The prefix length /129 is too long for an IPv6 address: at most /128.")).toBeVisible();
    await shot(page, "insights-ip-lists-errors");
  });

  const v6 = `2001:db8:${crypto.randomBytes(2).toString("hex")}::/48`.replace(/:0+([0-9a-f])/g, ":$1");
  const v4 = `${uniqueIp().split(".").slice(0, 3).join(".")}.0/24`;
  await test.step("entries are added to each list", async () => {
    await allow.getByLabel("IP address or CIDR block").fill(v4);
    await allow.getByLabel("Note (optional)").fill("<b>office</b>");
    await allow.getByRole("button", { name: "Add to allow list" }).click();
    await expect(page.getByRole("status").getByText(`Added ${v4} to the allow list.`)).toBeVisible();
    await deny.getByLabel("IP address or CIDR block").fill(v6);
    await deny.getByRole("button", { name: "Add to deny list" }).click();
    const denySection = page.getByRole("region", { name: "Deny list" });
    await expect(denySection.getByRole("cell", { name: v6, exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Allow list" }).getByRole("cell", { name: "<b>office</b>" })).toBeVisible();
    await shot(page, "insights-ip-lists");
  });

  await test.step("and removed", async () => {
    await page.getByRole("button", { name: `Remove ${v4} from the allow list` }).click();
    await expect(page.getByRole("cell", { name: v4, exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: `Remove ${v6} from the deny list` }).click();
    await expect(page.getByRole("cell", { name: v6, exact: true })).toHaveCount(0);
  });

  await test.step("each change is audited as a ModifyInsightStrategy event", async () => {
    await page.goto("/events?region=cn-hangzhou&eventName=ModifyInsightStrategy&range=1h");
    const rows = page.getByRole("region", { name: "Results" }).getByRole("button", { name: /^Details of ModifyInsightStrategy at / });
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
  });
});

test("an UnusualSourceIp insight is shown and sent to a signed webhook", async ({ page, request }) => {
  // The webhook retry waits its back-off, and the insight page waits for the insight events: 2 minutes.
  test.setTimeout(120_000);
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ timestamp: String(req.headers["x-trailkeeper-timestamp"]), signature: String(req.headers["x-trailkeeper-signature"]), body });
      // The first notification about our user fails: the worker must retry it.
      const ours = received.filter((r) => JSON.parse(r.body).insight?.subject === user);
      res.statusCode = ours.length === 1 && JSON.parse(body).insight?.subject === user ? 500 : 200;
      res.end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trailkeeper`;
  const user = uniqueName("ins-user");
  const homeIp = uniqueIp();
  const newIp = uniqueIp();
  const ruleName = uniqueName("new-ip");

  try {
    let secret = "";
    await test.step("a rule with a bad URL and no event condition is refused with reasons", async () => {
      await page.goto("/alerts/new");
      await page.getByLabel("Rule name").fill(ruleName);
      await page.getByLabel("Webhook URL").fill("ftp://example.com/hook");
      await page.getByRole("radio", { name: "Events matching conditions" }).check();
      await page.getByRole("button", { name: "Create rule" }).click();
      await expect(page.getByText("Only http:// and https:// URLs can receive webhooks.")).toBeVisible();
      await expect(page.getByText("Give at least one event condition: a rule on every event would flood the webhook.")).toBeVisible();
      // What was typed stays, to be corrected.
      await expect(page.getByLabel("Rule name")).toHaveValue(ruleName);
      await expect(page.getByLabel("Webhook URL")).toHaveValue("ftp://example.com/hook");
      await expect(page.getByRole("radio", { name: "Events matching conditions" })).toBeChecked();
      await shot(page, "alerts-new-errors");
    });

    await test.step("define the rule", async () => {
      await page.goto("/alerts/new");
      await page.getByLabel("Rule name").fill(ruleName);
      await page.getByLabel("Webhook URL").fill(hookUrl);
      await page.getByRole("radio", { name: "Insights" }).check();
      await page.getByLabel("Insight type").selectOption("UnusualSourceIp");
      await page.getByRole("button", { name: "Create rule" }).click();
      await expect(page.getByText(`Created rule ${ruleName}.`)).toBeVisible();
      secret = (await page.getByTestId("rule-secret").textContent()) ?? "";
      expect(secret).toMatch(/^whsec_/);
      await shot(page, "alerts-rule-created");
      await page.goto("/events?region=cn-hangzhou&eventName=CreateAlertRule&range=1h");
      await expect(page.getByRole("region", { name: "Results" }).getByRole("button", { name: /^Details of CreateAlertRule at / }).first()).toBeVisible();
    });

    await test.step("a user with history signs in from a new IP", async () => {
      const history = Array.from({ length: 25 }, (_, i) => craftEvent({ user, sourceIp: homeIp, agoMs: (i + 1) * 3 * 3_600_000, eventName: "DescribeInstances", eventRW: "Read" }));
      await ingest(request, history);
      await ingest(request, [craftEvent({ user, sourceIp: newIp, agoMs: 5_000, eventName: "ConsoleSignin", eventType: "ConsoleSignin", service: "AasSub", isGlobal: true })]);
    });

    let insightId = 0;
    const ours = () => received.filter((r) => JSON.parse(r.body).insight?.subject === user);
    const expectSigned = (req: Received) => {
      const expected = `sha256=${crypto.createHmac("sha256", secret).update(`${req.timestamp}.${req.body}`).digest("hex")}`;
      expect(req.signature).toBe(expected);
      expect(Math.abs(Date.now() / 1000 - Number(req.timestamp))).toBeLessThan(120);
    };
    await test.step("the receiver gets a correctly signed request within seconds", async () => {
      await expect.poll(() => ours().length, { timeout: 30_000, message: "webhook for the new insight" }).toBeGreaterThanOrEqual(1);
      const req = ours()[0];
      expectSigned(req);
      const payload = JSON.parse(req.body);
      expect(payload).toMatchObject({ kind: "insight", rule: { name: ruleName }, insight: { type: "UnusualSourceIp", subjectKind: "user", sourceIp: newIp, region: "ap-southeast-1" } });
      insightId = payload.insight.id;
    });

    await test.step("the failed attempt shows in the rule's history, with its retry", async () => {
      await page.goto("/alerts");
      await page.getByRole("link", { name: ruleName }).click();
      const row = page.getByRole("region", { name: "Delivery history" }).getByTestId("alert-delivery").filter({ hasText: `Insight #${insightId}` });
      await expect(row).toContainText("HTTP 500");
      if (ours().length === 1) {
        await expect(row).toContainText("Retrying");
        await expect(row).toContainText("next try");
        await shot(page, "alerts-rule-retrying");
      }
    });

    await test.step("the insight shows on /insights with a link to its events", async () => {
      await page.goto(`/insights?subject=${encodeURIComponent(user)}`);
      const link = page.getByRole("link", { name: `User ${user} called from ${newIp}, not seen for it in the previous 30 days.` });
      await expect(link).toBeVisible();
      await shot(page, "insights-list");
      await link.click();
      await expect(page.getByRole("heading", { name: "Unusual source IP" })).toBeVisible();
      // The insight as ActionTrail's insight events (Start and End), written by the insight step.
      await expect(async () => {
        await page.reload();
        const json = page.getByRole("region", { name: "Insight event" }).getByTestId("json-view");
        await expect(json).toHaveCount(2, { timeout: 1_000 });
        await expect(json.first()).toContainText('"eventCategory": "Insight"');
        await expect(json.first()).toContainText('"state": "Start"');
        await expect(json.last()).toContainText('"state": "End"');
      }).toPass({ timeout: 20_000 });
      await shot(page, "insights-detail");
      const events = page.getByRole("link", { name: "View the events" });
      const href = new URL((await events.getAttribute("href"))!, "http://x");
      expect(Object.fromEntries(href.searchParams)).toMatchObject({ region: "ap-southeast-1", user, sourceIp: newIp });
      await events.click();
      await expect(page.getByRole("heading", { name: "Event Detail Query" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Results" }).getByRole("button", { name: /^Details of ConsoleSignin at / })).toHaveCount(1);
    });

    await test.step("the retry succeeds, signed again, and the history says so", async () => {
      await expect.poll(() => ours().length, { timeout: 45_000, message: "the retried webhook" }).toBe(2);
      const retry = ours()[1];
      expectSigned(retry);
      expect(retry.body).toBe(ours()[0].body);
      await page.goto("/alerts");
      await expect(page.getByRole("region", { name: "Alert rules" }).getByRole("row").filter({ hasText: ruleName })).toContainText("Any insight of type UnusualSourceIp");
      await shot(page, "alerts-list");
      await page.getByRole("link", { name: ruleName }).click();
      const history = page.getByRole("region", { name: "Delivery history" });
      const row = history.getByTestId("alert-delivery").filter({ hasText: `Insight #${insightId}` });
      await expect(row).toContainText("Delivered");
      await expect(row).toContainText("HTTP 500");
      await expect(row).toContainText("HTTP 200");
      await shot(page, "alerts-rule-history");
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("an insight search with no match shows the designed empty state", async ({ page }) => {
  await page.goto(`/insights?subject=${uniqueName("nobody")}&type=ApiErrorRateAnomaly`);
  await expect(page.getByText("No insights match these conditions")).toBeVisible();
  await expect(page.getByLabel("Type")).toHaveValue("ApiErrorRateAnomaly");
  await shot(page, "insights-empty");
});

test.describe("as an auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("insights, IP lists and alerts are not offered", async ({ page }) => {
    for (const path of ["/insights", "/insights/ip-lists", "/alerts"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/forbidden/);
    }
  });
});

test.describe("as a security user", () => {
  test.use({ storageState: storageStateFor("security") });

  test("IP lists are editable and alert rules are read-only", async ({ page }) => {
    await page.goto("/insights/ip-lists");
    await expect(page.getByRole("form", { name: "Add to the deny list" })).toBeVisible();
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { name: "Tracking alerts" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Create rule" })).toHaveCount(0);
    await page.goto("/alerts/new");
    await expect(page).toHaveURL(/\/forbidden/);
  });
});
