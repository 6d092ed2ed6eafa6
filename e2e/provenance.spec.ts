// Provenance over real HTTP and in Chromium (docs/provenance.md): events sent with an ingest token show
// that token as their origin, a forged self-audit event is refused beside a stored neighbour, the
// ingestToken filter narrows the page and the export, and a legal hold set on the trail page is shown
// there and recorded as the console's own event.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { makeEvent } from "../tests/helpers/events";
import { cli, detailPanel, expectRows, openEvents, rowToggles, shot, uniqueName } from "./fixtures";

function createToken(label: string): { id: string; token: string } {
  const out = cli(["ingest-token", "create", "--label", label, "--json"]);
  return JSON.parse(out.trim().split("\n").reverse().find((l) => l.trim().startsWith("{"))!) as { id: string; token: string };
}

async function post(request: APIRequestContext, token: string, events: unknown[]) {
  const res = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: JSON.stringify({ events }),
  });
  return { status: res.status(), body: (await res.json()) as { accepted: number; failed: { index: number; errors: string[] }[] } };
}

test("an event sent with a token shows the token as its origin; the filter finds that token's events", async ({ page, request }) => {
  const label = uniqueName("e2e-forwarder");
  const token = createToken(label);
  const user = uniqueName("e2e-prov");
  const first = makeEvent({ eventName: uniqueName("ProvFirst"), userIdentity: { type: "ram-user", userName: user } });
  const second = makeEvent({ eventName: uniqueName("ProvSecond"), eventRW: "Read", userIdentity: { type: "ram-user", userName: user } });
  const forged = makeEvent({ eventSource: "trailkeeper-console", userIdentity: { type: "console-user", userName: "admin" } });
  // Another token's event of the same user: the token filter leaves it out.
  const elsewhere = makeEvent({ eventName: uniqueName("ProvElsewhere"), userIdentity: { type: "ram-user", userName: user } });

  await test.step("ingest over HTTP: the forgery is refused, its neighbours stored", async () => {
    const { status, body } = await post(request, token.token, [first, forged, second]);
    expect(status).toBe(200);
    expect(body.accepted).toBe(2);
    expect(body.failed).toHaveLength(1);
    expect(body.failed[0].index).toBe(1);
    expect(body.failed[0].errors[0]).toContain('eventSource: "trailkeeper-console" is Trailkeeper\'s own event source');
    expect((await post(request, createToken(uniqueName("e2e-other")).token, [elsewhere])).body.accepted).toBe(1);
  });

  await test.step("the event detail names the token", async () => {
    await page.goto(`/events/${first.eventId}`);
    const origin = page.getByTestId("event-origin");
    await expect(origin).toContainText(`Originingest token ${label} (${token.id})`);
    await shot(page, "provenance-event-detail");
  });

  await test.step("its filter link lists that token's events only", async () => {
    await page.getByRole("link", { name: "Filter events by this ingest token" }).click();
    await expect(page).toHaveURL(new RegExp(`ingestToken=${token.id}`));
    await expectRows(page, [first, second], [elsewhere]);
  });

  await test.step("the page URL and the export take ingestToken", async () => {
    await openEvents(page, { region: "all", range: "1h", user, ingestToken: token.id });
    await expectRows(page, [first, second], [elsewhere]);
    await expect(page.getByLabel("Ingest token ID")).toHaveValue(token.id);
    await shot(page, "provenance-events-by-token");
    // The form's Origin: token keeps both events, self none of them.
    await page.getByLabel("Origin", { exact: true }).selectOption("self");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/origin=self/);
    await expectRows(page, []);
    const res = await page.request.get(`/api/v1/events/export?format=json&region=all&range=1h&ingestToken=${token.id}`);
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { eventId: string }[]).map((e) => e.eventId).sort()).toEqual([first.eventId, second.eventId].sort());
  });
});

test("a legal hold set on the trail page is shown there and recorded as the console's own event", async ({ page }) => {
  const trail = uniqueName("hold");
  cli(["trail", "create", "--name", trail, "--home-region", "cn-hangzhou", "--log-store", "--start-logging"]);
  try {
    await page.goto(`/trails/${trail}`);
    const card = page.getByRole("region", { name: "Log store retention" });
    await expect(card).toContainText("180 days");
    await expect(card).toContainText("Off");
    await card.getByRole("button", { name: "Set legal hold" }).click();
    await expect(card).toContainText("by admin");
    await expect(card).toContainText("Stopped: nothing is purged until the hold is lifted");
    await expect(card.getByRole("button", { name: "Lift legal hold" })).toBeVisible();
    await shot(page, "provenance-trail-legal-hold");

    await test.step("the edit form refuses a log store retention under 180 days on the server too", async () => {
      await page.goto(`/trails/${trail}/edit`);
      await page.waitForLoadState("networkidle");
      const retention = page.getByLabel("Log store retention (days)");
      // The field's min stops a browser; the server's own refusal is what a bypassed form meets.
      await retention.evaluate((el) => el.removeAttribute("min"));
      await retention.fill("30");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText("must be at least 180 days: a log store keeps events for at least six months")).toBeVisible();
    });

    await openEvents(page, { region: "all", range: "1h", eventName: "SetTrailLegalHold", origin: "self", resourceName: trail });
    await expect(rowToggles(page)).toHaveCount(1);
    await rowToggles(page).first().click();
    await expect(detailPanel(page).getByTestId("event-origin")).toContainText("OriginTrailkeeper console");
    await openEvents(page, { region: "all", range: "1h", eventName: "SetTrailLegalHold", origin: "token", resourceName: trail });
    await expectRows(page, []);
  } finally {
    // A trail under legal hold cannot be deleted: lift the hold first.
    cli(["trail", "legal-hold", trail, "--off"]);
    cli(["trail", "delete", trail]);
  }
});
