// Role checks: admin-only pages refuse other roles; the export route refuses requests without a session.
import { expect, test } from "@playwright/test";
import { shot, SIGNED_OUT, storageStateFor } from "./fixtures";

test.describe("as the auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("/settings is refused with the forbidden page", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByText("auditor (auditor)")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
    await shot(page, "roles-auditor-forbidden");
  });

  test("the auditor may still read and export events", async ({ page }) => {
    await page.goto("/events");
    await expect(page.getByRole("heading", { name: "Event Detail Query" })).toBeVisible();
    const res = await page.request.get("/api/v1/events/export?format=json&region=cn-hangzhou&range=1h");
    expect(res.status()).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });
});

test.describe("as the security user", () => {
  test.use({ storageState: storageStateFor("security") });

  test("/settings is refused with the forbidden page", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
});

test.describe("as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("/settings opens", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeVisible();
  });
});

test.describe("without a session", () => {
  test.use({ storageState: SIGNED_OUT });

  test("the export route answers 401 JSON", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
    for (const format of ["csv", "json"]) {
      const res = await api.get(`/api/v1/events/export?format=${format}&region=cn-hangzhou`, { maxRedirects: 0 });
      expect(res.status(), `format=${format}`).toBe(401);
      expect(res.headers()["content-type"]).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: "Unauthorized" });
    }
    await api.dispose();
  });

  test("/settings sends a signed-out visitor to /login", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login/);
  });
});
