// The "Done when": an admin creates a local bucket and a trail with the log store in the browser,
// logging on; events are ingested; within seconds the bucket holds gzipped JSON-lines files with exactly
// those events under <prefix>/AliyunLogs/Actiontrail/<region>/<YYYY>/<MM>/<DD>/ (a global event under the
// home region), and the log store, chosen as the source of the events page, lists them.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { cli, craftEvent, expectRows, ingest, openEvents, shot, uniqueName } from "./fixtures";

const HOME = "cn-shenzhen";
const PREFIX = "delivered";

/** Every delivered line under a directory: { dir relative to the bucket, raw JSON line }. */
function deliveredLines(bucketDir: string): { dir: string; line: string }[] {
  if (!fs.existsSync(bucketDir)) return [];
  const out: { dir: string; line: string }[] = [];
  for (const entry of fs.readdirSync(bucketDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".gz")) continue;
    const file = path.join(entry.parentPath, entry.name);
    let text: string;
    try {
      text = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
    } catch {
      continue; // still being written
    }
    for (const line of text.split("\n")) if (line.trim()) out.push({ dir: path.relative(bucketDir, entry.parentPath), line });
  }
  return out;
}

test("a trail created in the browser delivers ingested events to its bucket and log store within seconds", async ({ page, request }) => {
  const bucket = uniqueName("e2e-dlv");
  const trail = uniqueName("e2e_dlv").replace(/-/g, "_");
  const user = uniqueName("e2e-delivered");
  const dataDir = process.env.TRAILKEEPER_E2E_DATA_DIR!;
  const bucketDir = path.join(dataDir, "buckets", bucket);

  await test.step("the admin adds a local bucket", async () => {
    await page.goto("/trails/buckets");
    await page.waitForLoadState("networkidle");
    const form = page.getByRole("form", { name: "New bucket" });
    await form.getByLabel("Bucket name").fill(bucket);
    await form.getByRole("button", { name: "Add bucket" }).click();
    await expect(form.getByRole("status")).toHaveText(`Created bucket ${bucket}.`);
  });

  await test.step("the admin creates a logging trail with the bucket and the log store", async () => {
    await page.goto("/trails/new");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Trail name", { exact: true }).fill(trail);
    await page.getByLabel("Home region", { exact: true }).selectOption(HOME);
    await page.getByLabel("OSS bucket", { exact: true }).selectOption(bucket);
    await page.getByLabel("Key prefix (optional)").fill(PREFIX);
    await page.getByLabel("Deliver to the log store").check();
    await expect(page.getByLabel("Start logging now")).toBeChecked();
    await page.getByRole("button", { name: "Create trail" }).click();
    await expect(page).toHaveURL(new RegExp(`/trails/${trail}$`));
    await expect(page.getByRole("region", { name: "Logging status" }).getByText("Logging", { exact: true })).toBeVisible();
  });

  const events = [
    craftEvent({ user, region: "cn-hangzhou", eventName: uniqueName("E2eDeliverA") }),
    craftEvent({ user, region: "cn-beijing", eventName: uniqueName("E2eDeliverB"), agoMs: 30_000 }),
    craftEvent({ user, region: "cn-hangzhou", isGlobal: true, service: "Ram", eventName: uniqueName("E2eDeliverGlobal"), agoMs: 45_000 }),
  ];
  const expectedDir = (e: Record<string, unknown>) => {
    const t = new Date(String(e.eventTime)).toISOString();
    const region = e.isGlobal === true ? HOME : String(e.acsRegion);
    return path.join(PREFIX, "AliyunLogs", "Actiontrail", region, t.slice(0, 4), t.slice(5, 7), t.slice(8, 10));
  };

  await test.step("ingested events land in the bucket within seconds, in the right paths, byte for byte", async () => {
    const ingestedAt = Date.now();
    await ingest(request, events);
    const ours = () =>
      deliveredLines(bucketDir)
        .filter(({ line }) => line.includes(user))
        .map(({ dir, line }) => ({ dir, line }))
        .sort((a, b) => a.line.localeCompare(b.line));
    const expected = events.map((e) => ({ dir: expectedDir(e), line: JSON.stringify(e) })).sort((a, b) => a.line.localeCompare(b.line));
    await expect.poll(ours, { timeout: 15_000, intervals: [250, 500, 1_000] }).toEqual(expected);
    const seconds = (Date.now() - ingestedAt) / 1_000;
    expect(seconds).toBeLessThan(15);
    // The global event sits under the home region's path.
    expect(ours().find((l) => l.line === JSON.stringify(events[2]))?.dir).toContain(`/Actiontrail/${HOME}/`);
  });

  await test.step("the log store, chosen as the source, lists them", async () => {
    await openEvents(page, { logStore: `actiontrail_${trail}`, region: "all", range: "1h", user });
    await expectRows(page, events);
    await expect(page.getByRole("region", { name: "Results" })).toContainText(`from the log store actiontrail_${trail}`);
    await shot(page, "trail-delivery-log-store");
  });

  cli(["trail", "delete", trail]);
});
