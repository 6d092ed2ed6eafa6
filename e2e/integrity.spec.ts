// The Integrity console in the browser: an admin opens /integrity, runs "Verify now" on a trail and sees
// the result; downloads the public keys (the same text as `digest public-key --all`); opens a delivered
// event and verifies it. An auditor is refused the page and the key download.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cli, craftEvent, ingest, shot, storageStateFor, uniqueName } from "./fixtures";

test.describe("as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("Verify now, the public keys, and Verify this event", async ({ page, request }) => {
    const bucket = uniqueName("e2e-int");
    const trail = uniqueName("e2e_int").replace(/-/g, "_");
    const user = uniqueName("e2e-integrity");
    const bucketDir = path.join(process.env.TRAILKEEPER_E2E_DATA_DIR!, "buckets", bucket);

    await test.step("the page says what it shows before any trail has a destination", async () => {
      await page.goto("/integrity");
      await expect(page.getByRole("heading", { name: "Integrity", level: 1 })).toBeVisible();
      await expect(page.getByRole("region", { name: "Signing keys" })).toBeVisible();
      if (await page.getByText("No trail to verify").isVisible()) await shot(page, "integrity-empty");
    });

    const event = craftEvent({ user, region: "cn-hangzhou", eventName: uniqueName("E2eIntegrity") });
    await test.step("a trail delivers an event to its bucket and log store", async () => {
      cli(["bucket", "create", "--name", bucket]);
      cli(["trail", "create", "--name", trail, "--home-region", "cn-hangzhou", "--bucket", bucket, "--log-store", "--start-logging"]);
      await ingest(request, [event]);
      const delivered = () => fs.existsSync(bucketDir) && (fs.readdirSync(bucketDir, { recursive: true }) as string[]).some((f) => f.endsWith(".gz"));
      await expect.poll(delivered, { timeout: 15_000 }).toBe(true);
    });

    await test.step("Verify now runs in the worker and shows its result", async () => {
      await page.goto("/integrity");
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: trail, exact: true }) });
      await expect(row).toContainText("Never verified.");
      // The first digest comes when the current period (an hour) ends: usually after this test.
      await expect(row.getByText(/No digest yet|Bucket /).first()).toBeVisible();
      await row.getByRole("button", { name: `Verify trail ${trail} now` }).click();
      await expect(row.getByText("OK", { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(row).toContainText("by admin");
      await expect(row).toContainText(`Trail ${trail}:`);
      await expect(row).toContainText("no problems.");
      await shot(page, "integrity-verified");
    });

    await test.step("the public keys download as `digest public-key --all` prints them", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "All keys (PEM)" }).click()]);
      const file = await download.path();
      expect(fs.readFileSync(file, "utf8")).toBe(cli(["digest", "public-key", "--all"]));
      expect(download.suggestedFilename()).toBe("trailkeeper-digest-public-keys.pem");
      const current = await page.request.get("/api/integrity/public-keys");
      expect(current.status()).toBe(200);
      expect(await current.text()).toBe(cli(["digest", "public-key"]));
    });

    await test.step("the event's page names its file and verifies it", async () => {
      await page.goto(`/events/${event.eventId}`);
      const panel = page.getByRole("region", { name: "Delivery and integrity" });
      await expect(panel).toContainText(`File of trail ${trail} in bucket ${bucket}`);
      await expect(panel).toContainText("AliyunLogs/Actiontrail/cn-hangzhou/");
      await expect(panel).toContainText(`Log store actiontrail_${trail}`);
      await panel.getByRole("button", { name: "Verify this event" }).click();
      await expect(panel.getByRole("status")).toContainText("Verified: every check passed");
      const checks = panel.getByRole("list", { name: "Verification checks" });
      await expect(checks).toContainText("The event's exact bytes");
      await expect(checks).toContainText("the file holds the event's stored JSON byte for byte");
      await expect(checks).toContainText("SHA-256 of the file");
      await shot(page, "integrity-event-detail");
    });

    cli(["trail", "delete", trail]);
  });
});

test.describe("as the auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("the Integrity page and the key download are refused", async ({ page }) => {
    await page.goto("/integrity");
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrity" })).toHaveCount(0);
    expect((await page.request.get("/api/integrity/public-keys")).status()).toBe(403);
  });
});
