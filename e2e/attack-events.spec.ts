// Hostile events over real HTTP and in Chromium: deep and duplicate-key events refused beside their valid
// neighbours; a 512 KB event and one stored with 20,000 levels before the limit open, copy and export.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeEvent } from "../tests/helpers/events";
import { craftEvent, e2eEnv, ingestToken, ROOT, shot, uniqueName } from "./fixtures";

function storeDirectly(rawEvents: string[]): void {
  const out = execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["e2e/store-events-directly.ts"], {
    cwd: ROOT,
    env: e2eEnv(),
    input: rawEvents.join("\n"),
    encoding: "utf8",
  });
  expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ stored: rawEvents.length });
}

/** An event text whose requestParameters are `levels` arrays deep. */
function deepText(user: string, levels: number): { id: string; text: string } {
  const e = craftEvent({ user, extra: { requestParameters: "__DEEP__" } });
  return { id: String(e.eventId), text: JSON.stringify(e).replace('"__DEEP__"', `${"[".repeat(levels)}${"]".repeat(levels)}`) };
}

test("a deep event and a duplicate-key event are refused one by one; their neighbours are stored", async ({ request }) => {
  const user = uniqueName("attack-events");
  const before = craftEvent({ user });
  const after = craftEvent({ user });
  const deep = deepText(user, 20_000);
  const dup = craftEvent({ user, eventName: "DeleteInstance" });
  const dupText = JSON.stringify(dup).replace(/}$/, ',"eventName":"DescribeRegions"}');
  const res = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${ingestToken()}`, "Content-Type": "application/json" },
    data: `{"events":[${JSON.stringify(before)},${deep.text},${dupText},${JSON.stringify(after)}]}`,
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({
    accepted: 2,
    duplicates: 0,
    failed: [
      { index: 1, eventId: deep.id, errors: ["requestParameters: nested 20001 levels deep; at most 64 are accepted"] },
      { index: 2, eventId: String(dup.eventId), errors: ['"eventName" appears twice'] },
    ],
  });
  const export_ = await request.get(`/api/v1/events/export?format=json&region=cn-hangzhou&range=1h&user=${encodeURIComponent(user)}`);
  const exported = (await export_.json()) as { eventId: string }[];
  expect(exported.map((e) => e.eventId).sort()).toEqual([String(before.eventId), String(after.eventId)].sort());
});

test("a 512 KB event opens on its page, shows its last value and copies byte for byte", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = uniqueName("attack-big");
  const items = Array.from({ length: 14_500 }, (_, i) => ({ Id: `i-${i}`, N: i, Ok: true }));
  const event = craftEvent({ user, extra: { requestParameters: { Items: items } } });
  const text = JSON.stringify(event);
  expect(text.length).toBeGreaterThan(500_000);
  expect(text.length).toBeLessThan(512 * 1024);
  const res = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${ingestToken()}`, "Content-Type": "application/json" },
    data: `{"events":[${text}]}`,
  });
  expect((await res.json()).accepted).toBe(1);

  await page.goto(`/events/${String(event.eventId)}`);
  const view = page.getByTestId("json-view");
  await expect(view).toContainText('"Id": "i-14499"');
  await expect(view.getByRole("note")).toHaveCount(0);
  await page.getByRole("button", { name: /copy/i }).first().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBe(text.length);
  expect(copied === text).toBe(true);
  await shot(page, "attack-big-event", { fullPage: false });

  await test.step("in the list its row carries no text; opening the row fetches it", async () => {
    const list = await request.get(`/events?region=cn-hangzhou&range=1h&user=${encodeURIComponent(user)}`);
    expect((await list.text()).length).toBeLessThan(text.length / 2);
    await page.goto(`/events?region=cn-hangzhou&range=1h&user=${encodeURIComponent(user)}`);
    const toggle = page.getByRole("button", { name: /^Details of / });
    await toggle.click();
    await expect(page.getByTestId("json-view")).toContainText('"Id": "i-14499"');
    await page.getByRole("button", { name: /copy/i }).first().click();
    expect((await page.evaluate(() => navigator.clipboard.readText())) === text).toBe(true);
  });
});

test("an event stored with 20,000 levels before the limit opens, expands in the list and exports whole", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = uniqueName("attack-old-deep");
  const deep = deepText(user, 20_000);
  storeDirectly([deep.text, JSON.stringify(makeEvent({ userIdentity: { type: "ram-user", userName: user } }))]);

  await test.step("its permanent page shows what fits and says the rest is not shown", async () => {
    await page.goto(`/events/${deep.id}`);
    const view = page.getByTestId("json-view");
    await expect(view).toContainText('"requestParameters": [');
    await expect(view.getByRole("note")).toContainText("lines are not shown. Copy gives the whole event exactly as stored.");
    await shot(page, "attack-old-deep-event", { fullPage: false });
  });

  await test.step("the list expands it and the page stays responsive", async () => {
    await page.goto(`/events?region=cn-hangzhou&range=1h&user=${encodeURIComponent(user)}`);
    const toggle = page.getByRole("button", { name: /^Details of / }).first();
    await expect(page.getByRole("button", { name: /^Details of / })).toHaveCount(2);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("json-view")).toBeVisible();
  });

  await test.step("the JSON export carries the stored text unchanged", async () => {
    const res = await request.get(`/api/v1/events/export?format=json&region=cn-hangzhou&range=1h&user=${encodeURIComponent(user)}`);
    expect(res.status()).toBe(200);
    const body = await res.text();
    expect(body.includes(deep.text)).toBe(true);
  });
});
