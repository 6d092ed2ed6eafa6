// Issue 5's "done when": from the dashboard, a security reviewer goes from a spike to the user behind it,
// to their AccessKey, its IPs and the resources it changed, in a few clicks.
import { expect, test } from "@playwright/test";
import { craftEvent, detailPanel, ingest, rowToggle, shot, storageStateFor, uniqueIp, uniqueName } from "./fixtures";

test.use({ storageState: storageStateFor("security") });

test("dashboard spike → user → AccessKey → its IPs → the resource it deleted", async ({ page, request }) => {
  const region = "eu-west-1";
  const user = uniqueName("spike-user");
  const ak = uniqueName("LTAI5tSpike");
  const ip = uniqueIp();
  const instance = uniqueName("i-spike");
  const resource = { type: "ACS::ECS::Instance", name: instance };
  // A burst of 40 reads in the last ten minutes, then the deletion of one instance.
  const burst = Array.from({ length: 40 }, (_, i) =>
    craftEvent({ user, accessKeyId: ak, sourceIp: ip, region, eventRW: "Read", eventName: "DescribeInstances", agoMs: 600_000 - i * 10_000 }),
  );
  const deletion = craftEvent({ user, accessKeyId: ak, sourceIp: ip, region, eventName: "DeleteInstance", resource, agoMs: 30_000 });
  await ingest(request, [...burst, deletion]);

  await test.step("the dashboard's top users show the spike; its bar opens the user's events", async () => {
    await page.goto(`/dashboard?region=${region}`);
    const bar = page.getByRole("figure", { name: "Top users", exact: true }).getByRole("link", { name: `${user}: 41 events` });
    await expect(bar).toBeVisible();
    await shot(page, "journey-dashboard");
    await bar.click();
    await expect(page).toHaveURL(/\/events\?/);
    expect(new URL(page.url()).searchParams.get("user")).toBe(user);
  });

  await test.step("the event's user link opens what the user did", async () => {
    await rowToggle(page, deletion).click();
    await detailPanel(page).getByRole("link", { name: user, exact: true }).click();
    await expect(page.getByRole("heading", { name: user, level: 1 })).toBeVisible();
  });

  await test.step("the user's AccessKey opens the key's audit with its IP", async () => {
    await page.getByRole("region", { name: "AccessKeys used", exact: true }).getByRole("link", { name: ak, exact: true }).click();
    await expect(page.getByRole("heading", { name: ak, level: 1 })).toBeVisible();
    const ips = page.getByRole("region", { name: "Source IPs", exact: true });
    await expect(ips.getByRole("row").filter({ has: page.getByRole("cell", { name: ip, exact: true }) }).getByRole("link", { name: "41" })).toBeVisible();
    await shot(page, "journey-access-key");
  });

  await test.step("the resource it touched opens the resource's lifecycle, ending in its deletion", async () => {
    await page.getByRole("region", { name: "Resources touched", exact: true }).getByRole("link", { name: instance, exact: true }).click();
    await expect(page).toHaveURL(/\/resources\?/);
    const table = page.getByRole("table", { name: "Events that referenced the resource" });
    await expect(table.getByRole("button", { name: /^Details of DeleteInstance/ })).toBeVisible();
    await expect(table.getByText("Delete", { exact: true })).toHaveCount(1);
    await shot(page, "journey-resource");
  });
});
