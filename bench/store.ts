// The store a benchmark run measures: SQLite files (bench/database.ts) or PostgreSQL databases on the
// throwaway server the tests use (scripts/pg-test-server.sh, or --pg-url), one fresh database per use.
// `FloorDb` is the floors' connection: the same SQL text and values the product runs, sent by the plain
// driver on a second connection (better-sqlite3 read-only, prepared on every call; `pg`, one unnamed
// statement per call), so a floor differs from the product only in the code path.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { fileSizeMiB, migrateSqliteFile, openReadOnly } from "./database";

export type StoreKind = "sqlite" | "postgres";

const ROOT = path.resolve(__dirname, "..");

/** A statement as Prisma's sql tag builds it: `sql` with ? (SQLite), `text` with $1 (PostgreSQL). */
export interface SqlLike {
  sql: string;
  text: string;
  values: readonly unknown[];
}

export interface FloorDb {
  kind: StoreKind;
  /** Runs a statement the product built (the floor of a query case). */
  run(q: SqlLike): Promise<Record<string, unknown>[]>;
  /** Plain SQL with @name parameters (the mix's sampling queries), on either store. */
  query(text: string, params?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  /** The plan of a statement, one line per step. */
  explain(q: SqlLike): Promise<string[]>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** @name parameters as positional ones: `?` with an array (SQLite) or `$n` (PostgreSQL). */
export function positional(text: string, params: Record<string, unknown>, kind: StoreKind): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const out = text.replace(/@([a-z_][a-z0-9_]*)/gi, (_, name: string) => {
    if (!(name in params)) throw new Error(`bench: no value for @${name}`);
    values.push(params[name]);
    return kind === "sqlite" ? "?" : `$${values.length}`;
  });
  return { text: out, values };
}

function sqliteFloor(file: string, cacheSize?: number): FloorDb {
  const db = openReadOnly(file, cacheSize);
  return {
    kind: "sqlite",
    run: async (q) => db.prepare(q.sql).all(...(q.values as unknown[])) as Record<string, unknown>[],
    query: async (text, params = {}) => {
      const p = positional(text, params, "sqlite");
      return db.prepare(p.text).all(...p.values) as Record<string, unknown>[];
    },
    explain: async (q) => {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.values as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, -1]]);
      return rows.map((r) => {
        const d = (depth.get(r.parent) ?? -1) + 1;
        depth.set(r.id, d);
        return `${"  ".repeat(d)}${r.detail}`;
      });
    },
    count: async (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    close: async () => void db.close(),
  };
}

async function pgFloor(url: string): Promise<FloorDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    kind: "postgres",
    run: async (q) => (await client.query(q.text, q.values as unknown[])).rows,
    query: async (text, params = {}) => {
      const p = positional(text, params, "postgres");
      return (await client.query(p.text, p.values)).rows;
    },
    explain: async (q) => (await client.query(`EXPLAIN ${q.text}`, q.values as unknown[])).rows.map((r) => String(r["QUERY PLAN"])),
    count: async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n),
    close: () => client.end(),
  };
}

/** One database of a run: its URL for lib/db, and how to drop it. */
export interface BenchDatabase {
  url: string;
  /** A floor connection to it (SQLite: read-only, with the product's page cache when given). */
  floor(cacheSize?: number): Promise<FloorDb>;
  sizeMiB(): Promise<number>;
  drop(): Promise<void>;
  /** Where it is, to print for --keep. */
  where: string;
}

export interface BenchStore {
  kind: StoreKind;
  /** A fresh, fully migrated, empty database. */
  fresh(label: string): Promise<BenchDatabase>;
  /** Drops every database it made (unless kept) and anything else it holds. */
  close(keep: boolean): Promise<void>;
  /** The server's version, for the machine line. */
  version(): Promise<string>;
}

function sqliteStore(): BenchStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-bench-"));
  let template: string | undefined;
  return {
    kind: "sqlite",
    async fresh(label) {
      if (!template) {
        template = path.join(dir, "template.db");
        migrateSqliteFile(template);
      }
      const file = path.join(dir, `${label}.db`);
      fs.copyFileSync(template, file);
      return {
        url: `file:${file}`,
        where: file,
        floor: async (cacheSize) => sqliteFloor(file, cacheSize),
        sizeMiB: async () => fileSizeMiB(file),
        drop: async () => {
          for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
        },
      };
    },
    async close(keep) {
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
    async version() {
      const db = new Database(":memory:");
      const { v } = db.prepare("SELECT sqlite_version() AS v").get() as { v: string };
      db.close();
      return `SQLite ${v}`;
    },
  };
}

/** The admin URL: --pg-url, else the tests' throwaway server (started if it is not running). */
export function pgAdminUrl(given?: string): string {
  if (given) return given;
  return execFileSync("bash", [path.join(ROOT, "scripts", "pg-test-server.sh")], { encoding: "utf8" }).trim();
}

function pgStore(adminUrl: string): BenchStore {
  const prefix = `tk_bench_${process.pid}_`;
  const made: string[] = [];
  let template: string | undefined;
  const admin = async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  };
  const urlOf = (name: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    kind: "postgres",
    async fresh(label) {
      if (!template) {
        template = `${prefix}template`;
        await admin((c) => c.query(`CREATE DATABASE ${template}`));
        made.push(template);
        execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy", "--config", "prisma/postgres/prisma.config.ts"], {
          cwd: ROOT, env: { ...process.env, DATABASE_URL: urlOf(template) }, stdio: "pipe",
        });
      }
      if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`bench: not a database label: ${label}`);
      const name = `${prefix}${label}`;
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      });
      made.push(name);
      return pgDatabase(urlOf(name), () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))));
    },
    async close(keep) {
      await admin(async (c) => {
        for (const name of made) if (!keep || name === template) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
    version: () => admin(async (c) => `PostgreSQL ${(await c.query("SHOW server_version")).rows[0].server_version}`),
  };
}

/** A PostgreSQL database kept from an earlier run (--keep): queried as it is, never dropped. */
export function existingPgDatabase(url: string): BenchDatabase {
  return pgDatabase(url, async () => {});
}

/** A PostgreSQL database of the bench at `url`, dropped by `drop`. */
function pgDatabase(url: string, drop: () => Promise<void>): BenchDatabase {
  return {
    url,
    where: url,
    floor: () => pgFloor(url),
    sizeMiB: async () => {
      const f = await pgFloor(url);
      const [r] = await f.query("SELECT pg_database_size(current_database()) AS b");
      await f.close();
      return Math.round(Number(r.b) / 2 ** 20);
    },
    drop,
  };
}

export function openStore(kind: StoreKind, pgUrl?: string): BenchStore {
  return kind === "sqlite" ? sqliteStore() : pgStore(pgAdminUrl(pgUrl));
}
