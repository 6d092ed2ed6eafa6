// Prepares the real databases the integration tests use: a migrated SQLite template file and, on a
// PostgreSQL server on 127.0.0.1 (started here if TEST_PG_URL is not given), a migrated template database.
// Each test file then copies a template, so every file starts from an empty, fully migrated store.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(__dirname, "..");

function prismaDeploy(env: Record<string, string>, config?: string) {
  const args = ["prisma", "migrate", "deploy", ...(config ? ["--config", config] : [])];
  execFileSync("npx", args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
}

export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-test-"));
  const template = path.join(dir, "template.db");
  prismaDeploy({ DATABASE_URL: `file:${template}` });
  process.env.TEST_SQLITE_TEMPLATE = template;
  process.env.TEST_TMP_DIR = dir;

  if (process.env.TEST_PG === "0") return;
  const adminUrl =
    process.env.TEST_PG_URL ??
    execFileSync("bash", [path.join(ROOT, "scripts", "pg-test-server.sh")], { encoding: "utf8" }).trim();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const templateDb = `tk_template_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
  await admin.query(`CREATE DATABASE ${templateDb}`);
  const u = new URL(adminUrl);
  u.pathname = `/${templateDb}`;
  prismaDeploy({ DATABASE_URL: u.toString() }, "prisma/postgres/prisma.config.ts");
  await admin.end();
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = templateDb;

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tk_test_${process.pid}_%' OR datname = $1`, [templateDb]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.end();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
