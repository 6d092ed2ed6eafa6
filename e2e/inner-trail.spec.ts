// The inner trail in the console (docs/inner-trail.md): created and started with the CLI, shown on the
// trails page with its logging state and log store; its log store opens in the Event Detail Query with
// Trailkeeper's own records (the CLI's StartInnerTrailLogging among them) and none of the seeded events.
// It deletes its inner trail at the end: the API examples create their own later.
import { expect, test } from "@playwright/test";
import { cli, resultsSection, shot } from "./fixtures";

const NAME = "e2e-inner-trail";
const STORE = `innertrail_${NAME}`;

test("the trails page shows the inner trail; its log store holds Trailkeeper's own records only", async ({ page }) => {
  await test.step("none yet", async () => {
    await page.goto("/trails");
    await expect(page.getByRole("region", { name: "Inner trail" })).toContainText("No inner trail.");
  });

  await test.step("created and started with the CLI, shown with its state and log store", async () => {
    expect(cli(["trail", "inner", "create", "--name", NAME])).toContain(`Created inner trail ${NAME}`);
    expect(cli(["trail", "inner", "start", NAME])).toContain("is logging");
    await page.goto("/trails");
    const section = page.getByRole("region", { name: "Inner trail" });
    await expect(section.getByRole("link", { name: NAME, exact: true })).toHaveAttribute("href", `/trails/${NAME}`);
    await expect(section.getByText("Logging", { exact: true })).toBeVisible();
    await expect(section.getByRole("link", { name: STORE, exact: true })).toBeVisible();
    // Not a row of the trail table.
    await expect(page.getByRole("region", { name: "Trail list" }).getByText(NAME)).toHaveCount(0);
    await shot(page, "inner-trail-section");
  });

  await test.step("its log store is a source of the Event Detail Query, with the CLI's record in it", async () => {
    // The worker delivers within a few seconds.
    await expect(async () => {
      await page.goto(`/events?logStore=${STORE}&region=all&range=1h`);
      await expect(resultsSection(page).getByText("StartInnerTrailLogging").first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await shot(page, "inner-trail-log-store");
    // The seeded demo events (origin seed) are in the query store, never in the inner trail's log store.
    await page.goto(`/events?origin=seed&region=all&range=7d`);
    await expect(resultsSection(page).getByRole("button", { name: /^Details of / }).first()).toBeVisible();
    await page.goto(`/events?logStore=${STORE}&origin=seed&region=all&range=7d`);
    await expect(resultsSection(page).getByText("No events match these conditions.")).toBeVisible();
  });

  await test.step("deleted with the CLI", async () => {
    expect(cli(["trail", "inner", "delete", NAME])).toContain(`Deleted inner trail ${NAME}`);
    await page.goto("/trails");
    await expect(page.getByRole("region", { name: "Inner trail" })).toContainText("No inner trail.");
  });
});
