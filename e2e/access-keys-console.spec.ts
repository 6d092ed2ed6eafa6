// AccessKeys in the console: a user manages their own pairs (secret shown once, the key signs API calls,
// disable and delete take effect at once); a non-admin cannot touch another user's key even with a forged
// form; an admin manages any user's keys.
import RPCClient from "@alicloud/pop-core";
import { expect, test, type Page } from "@playwright/test";
import { cli, shot, SIGNED_OUT, storageStateFor, uniqueName } from "./fixtures";

const ENDPOINT = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}/openapi`;
const PAGE = "/account/access-keys";

interface KeyPair {
  accessKeyId: string;
  accessKeySecret: string;
}

function client(k: KeyPair): RPCClient {
  return new RPCClient({ accessKeyId: k.accessKeyId, accessKeySecret: k.accessKeySecret, endpoint: ENDPOINT, apiVersion: "2020-07-06" });
}

async function apiError(k: KeyPair): Promise<string> {
  try {
    await client(k).request("LookupEvents", { MaxResults: 1 }, { method: "POST" });
  } catch (e) {
    return String((e as { code?: string }).code);
  }
  throw new Error("LookupEvents succeeded; an error was expected");
}

function cliKey(user: string): KeyPair {
  const out = cli(["access-key", "create", "--user", user, "--json"]);
  return JSON.parse(out.trim().split("\n").reverse().find((l) => l.startsWith("{"))!) as KeyPair;
}

function keyRow(page: Page, accessKeyId: string) {
  return page.getByRole("row").filter({ hasText: accessKeyId });
}

/** Creates a key with the form and reads the one-time panel. */
async function createInConsole(page: Page, button: string): Promise<KeyPair> {
  await page.getByRole("button", { name: button }).click();
  const panel = page.getByRole("region", { name: "New AccessKey" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("You will not see it again");
  const accessKeyId = (await panel.getByTestId("new-key-id").textContent())!;
  const accessKeySecret = (await panel.getByTestId("new-key-secret").textContent())!;
  expect(accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
  expect(accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
  return { accessKeyId, accessKeySecret };
}

test.describe("as the auditor", () => {
  test.use({ storageState: storageStateFor("auditor") });

  test("creates a key, sees the secret once, uses it, disables, enables and deletes it", async ({ page }) => {
    await page.goto("/events");
    await page.getByRole("banner").getByRole("link", { name: "AccessKeys" }).click();
    await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
    await expect(page.getByRole("heading", { name: "Your AccessKeys" })).toBeVisible();
    // Non-admins get no owner selector.
    await expect(page.getByLabel("Show keys of")).toHaveCount(0);

    const key = await test.step("create: the secret is shown with copy buttons", async () => {
      const k = await createInConsole(page, "Create AccessKey for me");
      await expect(keyRow(page, k.accessKeyId)).toContainText("Active");
      await expect(keyRow(page, k.accessKeyId)).toContainText("never");
      await page.getByRole("region", { name: "New AccessKey" }).getByRole("button", { name: "Copy secret" }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(k.accessKeySecret);
      await shot(page, "access-keys-created");
      return k;
    });

    await test.step("a reload never shows the secret again", async () => {
      await page.reload();
      await expect(keyRow(page, key.accessKeyId)).toBeVisible();
      await expect(page.getByRole("region", { name: "New AccessKey" })).toHaveCount(0);
      expect(await page.content()).not.toContain(key.accessKeySecret);
    });

    await test.step("the key signs API calls, and its last use shows", async () => {
      const res = await client(key).request<{ RequestId: string; Events: unknown[] }>("LookupEvents", { MaxResults: 1 }, { method: "POST" });
      expect(res.RequestId).toBeTruthy();
      await page.reload();
      await expect(keyRow(page, key.accessKeyId).getByRole("cell").nth(3)).not.toHaveText("never");
    });

    await test.step("disabled, the API refuses it; enabled, it works again", async () => {
      await page.getByRole("button", { name: `Disable ${key.accessKeyId}` }).click();
      await expect(keyRow(page, key.accessKeyId)).toContainText("Inactive");
      expect(await apiError(key)).toBe("InvalidAccessKeyId.Inactive");
      await shot(page, "access-keys-disabled");
      await page.getByRole("button", { name: `Enable ${key.accessKeyId}` }).click();
      await expect(keyRow(page, key.accessKeyId)).toContainText("Active");
      await client(key).request("LookupEvents", { MaxResults: 1 }, { method: "POST" });
    });

    await test.step("delete asks first, then the key is gone", async () => {
      await page.getByRole("button", { name: `Delete ${key.accessKeyId}`, exact: true }).click();
      await expect(keyRow(page, key.accessKeyId)).toContainText("Delete for good?");
      await shot(page, "access-keys-confirm-delete", { fullPage: false });
      await keyRow(page, key.accessKeyId).getByRole("button", { name: "Cancel" }).click();
      await expect(keyRow(page, key.accessKeyId)).toContainText("Active");
      await page.getByRole("button", { name: `Delete ${key.accessKeyId}`, exact: true }).click();
      await page.getByRole("button", { name: `Confirm delete ${key.accessKeyId}` }).click();
      await expect(keyRow(page, key.accessKeyId)).toHaveCount(0);
      expect(await apiError(key)).toBe("InvalidAccessKeyId.NotFound");
    });

    await test.step("each change is a RAM event by the auditor", async () => {
      await page.goto(`/events?region=ap-southeast-1&range=1h&service=Ram&user=auditor&resourceName=${key.accessKeyId}`);
      const results = page.getByRole("region", { name: "Results" });
      await expect(results.getByRole("button", { name: /^Details of UpdateAccessKey/ })).toHaveCount(2);
      await expect(results.getByRole("button", { name: /^Details of DeleteAccessKey/ })).toHaveCount(1);
      await expect(results.getByRole("button", { name: /^Details of CreateAccessKey/ })).toHaveCount(1);
    });
  });

  test("cannot see or manage the admin's key, even with a forged form", async ({ page }) => {
    const adminKey = cliKey("admin");
    const ownKey = cliKey("auditor");

    await page.goto(`${PAGE}?user=admin`);
    await expect(page.getByRole("status")).toHaveText("Only administrators can see other users' AccessKeys; showing your own.");
    await expect(page.getByText(adminKey.accessKeyId)).toHaveCount(0);
    await expect(keyRow(page, ownKey.accessKeyId)).toBeVisible();

    await test.step("a disable form pointed at the admin's key is refused", async () => {
      const row = keyRow(page, ownKey.accessKeyId);
      await row.locator('input[name="accessKeyId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), adminKey.accessKeyId);
      await row.getByRole("button", { name: `Disable ${ownKey.accessKeyId}` }).click();
      await expect(row.getByRole("alert")).toHaveText(`AccessKey ${adminKey.accessKeyId} is not yours: only an administrator can manage other users' AccessKeys.`);
      await shot(page, "access-keys-forged-refused");
    });

    await test.step("a create form naming the admin is refused", async () => {
      await page.locator("form").filter({ has: page.getByRole("button", { name: "Create AccessKey for me" }) }).evaluate((form) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "username";
        input.value = "admin";
        form.appendChild(input);
      });
      await page.getByRole("button", { name: "Create AccessKey for me" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Only an administrator can create AccessKeys for other users." })).toBeVisible();
    });

    // The admin's key is untouched and still works.
    const res = await client(adminKey).request<{ RequestId: string }>("LookupEvents", { MaxResults: 1 }, { method: "POST" });
    expect(res.RequestId).toBeTruthy();
    expect(cli(["access-key", "list", "--user", "admin"])).toMatch(new RegExp(`${adminKey.accessKeyId}.*Active`));
  });
});

test.describe("as the admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("manages another user's keys and lists everyone's", async ({ page }) => {
    await page.goto(PAGE);
    await page.getByLabel("Show keys of").selectOption("security");
    await expect(page).toHaveURL(/\?user=security$/);
    await expect(page.getByRole("heading", { name: "AccessKeys of security" })).toBeVisible();
    await expect(page.getByLabel("Owner")).toHaveValue("security");

    const key = await createInConsole(page, "Create AccessKey");
    await expect(page.getByRole("region", { name: "New AccessKey" })).toContainText(`for security`);
    await expect(keyRow(page, key.accessKeyId)).toContainText("security");
    await shot(page, "access-keys-admin-user");

    await page.getByRole("button", { name: `Disable ${key.accessKeyId}` }).click();
    await expect(keyRow(page, key.accessKeyId)).toContainText("Inactive");
    expect(await apiError(key)).toBe("InvalidAccessKeyId.Inactive");

    await page.getByLabel("Show keys of").selectOption("*");
    await expect(page.getByRole("heading", { name: "AccessKeys of all users" })).toBeVisible();
    await expect(keyRow(page, key.accessKeyId)).toContainText("security");
    await shot(page, "access-keys-admin-all");

    await page.getByRole("button", { name: `Delete ${key.accessKeyId}`, exact: true }).click();
    await page.getByRole("button", { name: `Confirm delete ${key.accessKeyId}` }).click();
    await expect(keyRow(page, key.accessKeyId)).toHaveCount(0);
    expect(await apiError(key)).toBe("InvalidAccessKeyId.NotFound");

    await page.goto(`${PAGE}?user=nobody-like-this`);
    await expect(page.getByRole("status")).toHaveText("There is no console user nobody-like-this; showing your own AccessKeys.");
  });
});

test.describe("as a new security user", () => {
  test.use({ storageState: SIGNED_OUT });

  test("starts from an empty list and creates a first key", async ({ page }) => {
    const username = uniqueName("sec-keys");
    cli(["user", "create", "--username", username, "--password", "a-long-password", "--role", "security"]);
    await page.goto("/login");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await page.goto(PAGE);
    await expect(page.getByText("You have no AccessKeys yet.")).toBeVisible();
    await shot(page, "access-keys-empty");
    const key = await createInConsole(page, "Create AccessKey for me");
    await expect(keyRow(page, key.accessKeyId)).toContainText("Active");
    await expect(page.getByText("You have no AccessKeys yet.")).toHaveCount(0);
  });
});
