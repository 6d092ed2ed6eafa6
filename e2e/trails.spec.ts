// Trails (admin): a bucket and a trail created in the browser, logging stopped and started, edited, the
// status page with its chart and destinations, a history job, and deletion with confirmation. The
// auditor sees trails read-only.
import { expect, test } from "@playwright/test";
import { cli, shot, storageStateFor, uniqueName } from "./fixtures";

test("an admin manages a trail from bucket to deletion", async ({ page }) => {
  const bucket = uniqueName("e2e-bkt");
  const trail = uniqueName("e2e_trail");

  await test.step("the bucket form refuses a bad name, then adds a local bucket", async () => {
    await page.goto("/trails/buckets");
    await expect(page.getByRole("heading", { name: "Buckets", exact: true, level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "New bucket" });
    await form.getByLabel("Bucket name").fill("Bad_Bucket");
    await form.getByRole("button", { name: "Add bucket" }).click();
    await expect(form.getByText("may contain only lowercase letters, digits and hyphens")).toBeVisible();
    await form.getByLabel("Bucket name").fill(bucket);
    await form.getByRole("button", { name: "Add bucket" }).click();
    await expect(form.getByRole("status")).toHaveText(`Created bucket ${bucket}.`);
    await expect(page.getByRole("region", { name: "Buckets" }).getByText(bucket, { exact: true })).toBeVisible();
    await form.getByLabel("Kind").selectOption("s3");
    await form.getByRole("button", { name: "Add bucket" }).click();
    await expect(form.getByText("is required for an S3 bucket (e.g. us-east-1)")).toBeVisible();
    await shot(page, "trails-buckets");
  });

  await test.step("the create form shows a field error beside the name first", async () => {
    await page.goto("/trails/new");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Trail name", { exact: true }).fill("1-starts-with-digit");
    await page.getByRole("button", { name: "Create trail" }).click();
    await expect(page.getByText("must start with a letter")).toBeVisible();
    await expect(page.getByText("a trail needs at least one destination")).toBeVisible();
    await expect(page.getByLabel("Trail name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await shot(page, "trails-new-errors");
  });

  await test.step("a valid trail is created, logging, and opens on its status page", async () => {
    await page.getByLabel("Trail name", { exact: true }).fill(trail);
    await page.getByLabel("Home region", { exact: true }).selectOption("cn-hangzhou");
    await page.getByLabel("OSS bucket", { exact: true }).selectOption(bucket);
    await page.getByLabel("Key prefix (optional)").fill("audit");
    await page.getByLabel("Deliver to the log store").check();
    await expect(page.getByLabel("Start logging now")).toBeChecked();
    await shot(page, "trails-new-form");
    await page.getByRole("button", { name: "Create trail" }).click();
    await expect(page).toHaveURL(new RegExp(`/trails/${trail}$`));
    await expect(page.getByRole("heading", { name: trail, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Logging status" }).getByText("Logging", { exact: true })).toBeVisible();
  });

  await test.step("the status page shows the destinations and the chart", async () => {
    const oss = page.getByRole("article", { name: "Object storage (OSS)" });
    await expect(oss.getByText(`${bucket}/audit/AliyunLogs/Actiontrail/<region>/YYYY/MM/DD/`)).toBeVisible();
    await expect(page.getByRole("article", { name: "Log store" }).getByText(`actiontrail_${trail}`)).toBeVisible();
    await expect(page.getByTestId("deliveries-chart").locator("svg").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Latest deliveries" })).toBeVisible();
    await shot(page, "trails-status");
  });

  await test.step("the list shows the trail with its destinations and status", async () => {
    await page.goto("/trails");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: trail, exact: true }) });
    await expect(row).toContainText("China (Hangzhou)");
    await expect(row).toContainText(`OSS ${bucket}/audit`);
    await expect(row).toContainText(`Log store actiontrail_${trail}`);
    await expect(row).toContainText("All regions");
    await expect(row).toContainText("Logging");
    await shot(page, "trails-list");
    await row.getByRole("link", { name: trail, exact: true }).click();
    await expect(page.getByRole("heading", { name: trail, level: 1 })).toBeVisible();
  });

  await test.step("stop and start logging", async () => {
    const status = page.getByRole("region", { name: "Logging status" });
    await page.getByRole("button", { name: "Stop logging" }).click();
    await expect(status.getByText("Stopped", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Start logging" })).toBeVisible();
    await page.getByRole("button", { name: "Start logging" }).click();
    await expect(status.getByText("Logging", { exact: true })).toBeVisible();
  });

  await test.step("edit: write events of the home region only", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: `Edit trail ${trail}` })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Event type", { exact: true }).selectOption("Write");
    await page.getByLabel("Home region only (cn-hangzhou)").check();
    await page.getByLabel("Key prefix (optional)").fill("/abs");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("must not start with /")).toBeVisible();
    await page.getByLabel("Key prefix (optional)").fill("audit");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/trails/${trail}$`));
    await expect(page.getByText("China (Hangzhou) · write events · cn-hangzhou only")).toBeVisible();
  });

  await test.step("a history job starts and shows its progress bar", async () => {
    const jobs = page.getByRole("region", { name: "History delivery jobs" });
    await jobs.getByRole("button", { name: "Deliver last 90 days" }).click();
    await expect(jobs.getByRole("status")).toContainText("Started history job");
    await expect(jobs.getByRole("progressbar").first()).toBeVisible();
    await shot(page, "trails-history-job");
    // Leave no job running for other tests (one job at a time in the account). The delivery worker
    // may finish the job before the click lands; either way it ends.
    const cancel = jobs.getByRole("button", { name: /^Cancel history job/ });
    if (await cancel.count()) await cancel.first().click().catch(() => {});
    await expect(jobs.getByText(/^(Cancelled|Finished)$/).first()).toBeVisible();
    await expect(jobs.getByRole("button", { name: /^Delete history job/ }).first()).toBeVisible();
  });

  await test.step("delete asks for the name first", async () => {
    await page.getByRole("link", { name: "Delete" }).click();
    await expect(page.getByRole("heading", { name: `Delete trail ${trail}?` })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.getByLabel(`Type ${trail} to confirm`).fill("not-the-name");
    await page.getByRole("button", { name: "Delete trail" }).click();
    await expect(page.getByText(`type ${trail} exactly to confirm`)).toBeVisible();
    await shot(page, "trails-delete-confirm");
    await page.getByLabel(`Type ${trail} to confirm`).fill(trail);
    await page.getByRole("button", { name: "Delete trail" }).click();
    await expect(page).toHaveURL(/\/trails\?deleted=/);
    await expect(page.getByRole("status")).toHaveText(`Deleted trail ${trail}.`);
    await expect(page.getByRole("link", { name: trail, exact: true })).toHaveCount(0);
  });

  await test.step("the changes are Actiontrail events by the admin", async () => {
    await page.goto(`/events?region=cn-hangzhou&range=1h&service=Actiontrail&eventName=DeleteTrail&user=admin`);
    await page.getByRole("button", { name: /^Details of DeleteTrail/ }).first().click();
    await expect(page.getByTestId("json-view")).toContainText(`"Name": "${trail}"`);
  });
});

test.describe("as the auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("trails are read-only", async ({ page }) => {
    const trail = uniqueName("ro_trail");
    cli(["trail", "create", "--name", trail, "--home-region", "cn-beijing", "--log-store", "--start-logging"]);
    await page.goto("/trails");
    await expect(page.getByRole("heading", { name: "Trails", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: trail, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Create trail" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Buckets" })).toHaveCount(0);
    await shot(page, "trails-auditor-list");

    await page.getByRole("link", { name: trail, exact: true }).click();
    await expect(page.getByRole("heading", { name: trail, level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: /logging/i })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Deliver last 90 days" })).toHaveCount(0);

    for (const path of ["/trails/new", `/trails/${trail}/edit`, `/trails/${trail}/delete`, "/trails/buckets"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/forbidden/);
    }
    cli(["trail", "delete", trail]);
  });
});
