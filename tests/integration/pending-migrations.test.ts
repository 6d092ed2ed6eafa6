// `npm start` skips `prisma migrate deploy` when the store has every migration (lib/db/migrations.ts):
// the SQLite migration engine cannot run while another process has the file open.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, prisma } from "@/lib/db";
import { migrationsDir, pendingMigrations } from "@/lib/db/migrations";
import { STORES, useFreshDatabase } from "../helpers/db";

const ROOT = path.resolve(__dirname, "../..");

describe.each(STORES)("pending migrations on %s", (store) => {
  afterAll(async () => {
    await disconnectDb();
  });

  it("are none on a migrated store, the ones whose record is missing otherwise", async () => {
    const url = await useFreshDatabase(store);
    const dir = migrationsDir(ROOT, url);
    const all = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(all.length).toBeGreaterThan(5);
    expect(await pendingMigrations(dir)).toEqual([]);

    const newest = all[all.length - 1];
    await prisma.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = '${newest}'`);
    expect(await pendingMigrations(dir)).toEqual([newest]);
  });
});

describe("pending migrations on a new SQLite file", () => {
  it("are all of them", async () => {
    await disconnectDb();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, "new-")), "t.db")}`;
    try {
      const dir = migrationsDir(ROOT, process.env.DATABASE_URL);
      expect(await pendingMigrations(dir)).toEqual(fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort());
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = previous;
    }
  });
});
