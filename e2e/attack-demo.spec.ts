// Attack: sign in with the README's demo passwords on a server others can reach. `npm start` with HOST
// set to a non-loopback address creates no demo users (nor token, nor fake events) on a new store, says
// how to create the first admin, and names the demo users of an older store that cannot sign in.
// The fresh store is also where the file modes of a first `npm start` are checked.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./fixtures";
import { freshDataDir, startServer } from "./servers";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

const mode = (file: string) => fs.statSync(file).mode & 0o777;

test.use({ storageState: SIGNED_OUT });

test("HOST=0.0.0.0 on a new store: no demo users, no demo events, the admin sign-in fails; data/ is private", async ({ page }) => {
  test.setTimeout(240_000);
  const root = freshDataDir("public");
  // Paths that do not exist yet: npm start creates them.
  const dataDir = path.join(root, "data");
  const keyFile = path.join(root, "secrets", "server-key");
  const server = await startServer({
    port: BASE_PORT + 2,
    dataDir,
    // No NEXTAUTH_SECRET: the session secret is generated into data/ as on a real first start.
    env: { HOST: "0.0.0.0", TRAILKEEPER_DEMO: undefined, NEXTAUTH_SECRET: undefined, TRAILKEEPER_SECRET_KEY_FILE: keyFile },
  });
  try {
    await test.step("it answers on 127.0.0.1 and its log says how to create the first admin", async () => {
      const out = server.output();
      expect(out).toContain("Trailkeeper web server listening on http://0.0.0.0:");
      expect(out).toContain("No console users yet. As the console listens on 0.0.0.0 (HOST), which other machines can reach, no demo users,\ndemo ingest token or demo events were created");
      expect(out).toContain("npm run cli -- user create --username NAME --role admin");
      expect(out).not.toContain("Demo sign-ins");
      expect(out).not.toContain("Demo ingest token");
      expect(out).not.toContain("trailkeeper-admin");
    });

    await test.step("the store holds no users, tokens or events", () => {
      const db = new Database(path.join(dataDir, "trailkeeper.db"), { readonly: true });
      try {
        const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        expect({ users: count("users"), tokens: count("ingest_tokens"), events: count("events") }).toEqual({ users: 0, tokens: 0, events: 0 });
      } finally {
        db.close();
      }
    });

    await test.step("signing in as admin / trailkeeper-admin fails", async () => {
      await page.goto(`${server.url}/login`);
      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill("trailkeeper-admin");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
      await page.goto(`${server.url}/dashboard`);
      await expect(page).toHaveURL(/\/login/);
    });

    await test.step("data/ is 0700; the database, its -wal/-shm, the session secret and the server key outside data/ are 0600", () => {
      const files = Object.fromEntries(
        ["", "trailkeeper.db", "trailkeeper.db-wal", "trailkeeper.db-shm", "auth-secret"].map((f) => [f || "data/", mode(path.join(dataDir, f))]),
      );
      expect(files).toEqual({ "data/": 0o700, "trailkeeper.db": 0o600, "trailkeeper.db-wal": 0o600, "trailkeeper.db-shm": 0o600, "auth-secret": 0o600 });
      expect([mode(keyFile), mode(path.dirname(keyFile))]).toEqual([0o600, 0o700]);
      expect(fs.existsSync(path.join(dataDir, "server-key"))).toBe(false);
      expect(server.output()).toContain(`Server key: ${keyFile} (new)`);
    });
  } finally {
    await server.stop();
  }
});

test("a store made on loopback, restarted with HOST=0.0.0.0: the start log names the demo users that cannot sign in", async () => {
  test.setTimeout(240_000);
  // The main e2e store was created by a loopback start, so it holds the demo users on their demo passwords.
  const server = await startServer({ port: BASE_PORT + 3, env: { HOST: "0.0.0.0", TRAILKEEPER_DEMO: undefined } });
  try {
    const out = server.output();
    expect(out).toContain("These demo users still have their published demo password and cannot sign in, because the console listens on 0.0.0.0 (HOST), which other machines can reach:\n  admin, auditor, security");
    for (const name of ["admin", "auditor", "security"]) expect(out).toContain(`npm run cli -- user set-password --username ${name}`);
    expect(out).not.toContain("Demo sign-ins");
    expect(out).not.toContain("trailkeeper-admin");
  } finally {
    await server.stop();
  }
});
