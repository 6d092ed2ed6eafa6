// Signs each demo user in through the login form once and saves the session for the specs.
import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { DEMO_USERS, storageStateFor } from "./fixtures";

for (const { username, password } of DEMO_USERS) {
  setup(`sign in as ${username}`, async ({ page }) => {
    fs.mkdirSync(path.dirname(storageStateFor(username)), { recursive: true });
    await page.goto("/login");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard(\?|$)/);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(username) });
  });
}
