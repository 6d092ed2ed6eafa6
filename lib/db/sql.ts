// The one way domain code runs SQL of its own (aggregates, keyset pages, bulk inserts): statements are
// written once with Prisma's `sql` tag, and this module runs them on whichever store DATABASE_URL names.
// SQLite: on the direct better-sqlite3 connection with a cached prepared statement per SQL text (the
// Prisma adapter prepares each statement anew, about 0.2 ms a query; see sqliteDriver in ./index.ts).
// PostgreSQL: through Prisma's $queryRaw/$executeRaw. The few fragments that differ between the two
// are in `dialectSql`; domain code never asks which store it is on.
import { Prisma } from "@/generated/prisma/client";
import { dialect, prisma, sqliteDriver, sqliteStatement, tuneDatabase, whenUnlocked } from "./index";
import { pgBulkEnabled, pgTransaction } from "./pg-bulk";

export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
/** SQL text made in code (column lists of a spec), never from input. */
export const rawSql = Prisma.raw;
export type Sql = Prisma.Sql;
export type DbRecord = Record<string, unknown>;

/** What runs statements: the store itself, or an open transaction. */
export interface SqlRunner {
  all<T = DbRecord>(q: Sql): Promise<T[]>;
  one<T = DbRecord>(q: Sql): Promise<T | undefined>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(q: Sql): Promise<number>;
  /**
   * How insertRows writes many rows here: one cached single-row statement per row (the SQLite driver:
   * no statement of a new shape per batch size, and no round trips to save) or multi-row statements.
   */
  readonly bulk: "per-row" | "multi-row";
}

/** A Prisma interactive transaction client (prisma.$transaction(async (tx) => …)). */
export type PrismaTx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** better-sqlite3 binds no booleans: they are stored as 1/0, as SQLite itself does. */
function sqliteValues(values: unknown[]): unknown[] {
  return values.some((v) => typeof v === "boolean") ? values.map((v) => (typeof v === "boolean" ? Number(v) : v)) : values;
}

function sqliteRunner(): SqlRunner {
  return {
    bulk: "per-row",
    all: <T>(q: Sql) => whenUnlocked(() => sqliteStatement(q.sql).all(...sqliteValues(q.values)) as T[]),
    one: <T>(q: Sql) => whenUnlocked(() => sqliteStatement(q.sql).get(...sqliteValues(q.values)) as T | undefined),
    run: (q: Sql) => whenUnlocked(() => sqliteStatement(q.sql).run(...sqliteValues(q.values)).changes),
  };
}

/** Statements inside a Prisma transaction (either store): what code that shares one with Prisma calls uses. */
export function txRunner(tx: PrismaTx): SqlRunner {
  return {
    bulk: "multi-row",
    all: <T>(q: Sql) => tx.$queryRaw<T[]>(q),
    one: async <T>(q: Sql) => (await tx.$queryRaw<T[]>(q))[0],
    run: (q: Sql) => tx.$executeRaw(q),
  };
}

/** The store: every statement of domain code not inside a transaction goes through this. */
export const db: SqlRunner = {
  get bulk() {
    return dialect() === "sqlite" ? "per-row" : "multi-row";
  },
  async all<T>(q: Sql) {
    if (dialect() === "sqlite") return sqliteRunner().all<T>(q);
    await tuneDatabase();
    return prisma.$queryRaw<T[]>(q);
  },
  async one<T>(q: Sql) {
    return (await db.all<T>(q))[0];
  },
  async run(q: Sql) {
    if (dialect() === "sqlite") return sqliteRunner().run(q);
    await tuneDatabase();
    return prisma.$executeRaw(q);
  },
};

// ---------------------------------------------------------------------------------------------------
// Transactions. better-sqlite3 is synchronous, and so is its wait for a lock: a SQLite write transaction
// that yields to the event loop while it holds the lock lets another connection of this process (Prisma's)
// block the whole thread waiting for that lock, which then never comes (measured: concurrent API calls
// stalled 10 s and failed). So transaction work is a generator of statements: on SQLite the layer runs
// it to the end inside one synchronous better-sqlite3 transaction; on PostgreSQL it awaits each statement
// in a Prisma transaction. Domain code writes it once: `const rows = yield* tx.all(q)`.

export type Instruction =
  | { op: "all"; q: Sql }
  | { op: "run"; q: Sql }
  | { op: "insert"; spec: InsertSpec; rows: readonly (readonly unknown[])[] };

export type TxWork<T> = Generator<Instruction, T, unknown>;

/** The statements of transaction work: `yield*` each. */
export const tx = {
  *all<T = DbRecord>(q: Sql): Generator<Instruction, T[], unknown> {
    return (yield { op: "all", q }) as T[];
  },
  *one<T = DbRecord>(q: Sql): Generator<Instruction, T | undefined, unknown> {
    return ((yield { op: "all", q }) as T[])[0];
  },
  *run(q: Sql): Generator<Instruction, number, unknown> {
    return (yield { op: "run", q }) as number;
  },
  /** insertRows inside the transaction. */
  *insert(spec: InsertSpec, rows: readonly (readonly unknown[])[]): Generator<Instruction, InsertResult, unknown> {
    return (yield { op: "insert", spec, rows }) as InsertResult;
  },
};

function runSqliteSync(i: Instruction): unknown {
  if (i.op === "all") return sqliteStatement(i.q.sql).all(...sqliteValues(i.q.values));
  if (i.op === "run") return sqliteStatement(i.q.sql).run(...sqliteValues(i.q.values)).changes;
  return sqliteInsertSync(i.spec, i.rows);
}

/**
 * insertRows on the SQLite driver: one prepared single-row statement per spec, its text made once, each
 * row bound as it is. Building a Prisma Sql object per row cost more than SQLite's insert of a small row
 * (the rollups and last-used upsert about eight rows per event; docs/ingestion-speed.md).
 */
function sqliteInsertSync(spec: InsertSpec, rows: readonly (readonly unknown[])[]): InsertResult {
  const returned: DbRecord[] = [];
  let inserted = 0;
  if (rows.length === 0) return { inserted, returned };
  const shape = sqliteInsertShape(spec);
  const st = sqliteStatement(shape.text);
  const width = spec.columns.length;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`insertRows: a row of ${row.length} values for ${width} columns of ${spec.table}`);
    const values = sqliteValues(row as unknown[]);
    if (shape.fromRowid) {
      const r = st.run(...values);
      if (r.changes === 1) {
        returned.push(shape.fromRowid(Number(r.lastInsertRowid), row));
        inserted++;
      }
    } else if (spec.returning?.length) {
      const got = st.get(...values) as DbRecord | undefined;
      if (got) {
        returned.push(got);
        inserted++;
      }
    } else inserted += st.run(...values).changes;
  }
  return { inserted, returned };
}

interface SqliteInsertShape {
  text: string;
  /**
   * Set when the statement runs without its RETURNING: the record of an inserted row is made from its
   * rowid and the values bound (measured 1.6-2x cheaper on the events table; docs/ingestion-speed.md).
   */
  fromRowid?: (rowid: number, row: readonly unknown[]) => DbRecord;
}

const insertShapes = new Map<string, SqliteInsertShape>();

/** The table's INTEGER PRIMARY KEY column (the rowid's alias), or undefined. */
function rowidColumn(table: string): string | undefined {
  const cols = sqliteDriver().pragma(`table_info(${table})`) as { name: string; type: string; pk: number }[];
  const pk = cols.filter((c) => c.pk > 0);
  return pk.length === 1 && pk[0].type.toUpperCase() === "INTEGER" ? pk[0].name : undefined;
}

/**
 * The single-row INSERT of a spec (names checked as insertStatements does), made once per spec. An insert
 * that only inserts (no conflict clause, or DO NOTHING) and returns only the rowid column and columns it
 * binds runs without RETURNING: a row is inserted exactly when changes = 1, and its record is its
 * lastInsertRowid and the values bound.
 */
function sqliteInsertShape(spec: InsertSpec): SqliteInsertShape {
  const key = `${spec.table}\u0000${spec.columns.join(",")}\u0000${spec.onConflict ?? ""}\u0000${(spec.returning ?? []).join(",")}`;
  let shape = insertShapes.get(key);
  if (shape) return shape;
  checkIdentifiers(spec);
  const head = `INSERT INTO ${spec.table} (${spec.columns.join(", ")}) VALUES (${spec.columns.map(() => "?").join(", ")})${
    spec.onConflict ? ` ON CONFLICT ${spec.onConflict}` : ""}`;
  const returning = spec.returning ?? [];
  const insertOnly = !spec.onConflict || /\bDO\s+NOTHING\s*$/i.test(spec.onConflict);
  const rowid = returning.length && insertOnly ? rowidColumn(spec.table) : undefined;
  if (rowid && returning.every((c) => c === rowid || spec.columns.includes(c))) {
    const picks = returning.map((c) => [c, c === rowid ? -1 : spec.columns.indexOf(c)] as const);
    shape = {
      text: head,
      fromRowid: (id, row) => Object.fromEntries(picks.map(([c, at]) => [c, at < 0 ? id : row[at]])),
    };
  } else shape = { text: returning.length ? `${head} RETURNING ${returning.join(", ")}` : head };
  // Specs are constants of the code: a handful of shapes. The cap only guards against surprises.
  if (insertShapes.size >= 200) insertShapes.clear();
  insertShapes.set(key, shape);
  return shape;
}

/**
 * Runs transaction work as one write transaction. SQLite: BEGIN IMMEDIATE (the writer lock at once, so
 * it never fails half-way on a lock upgrade) on the driver connection, synchronously to the end.
 * PostgreSQL: a Prisma interactive transaction, or with `bulk` (ingestion) one on a plain pg
 * connection whose inserts each bind one array per column (pg-bulk.ts).
 */
export async function transaction<T>(work: () => TxWork<T>, options: { timeoutMs?: number; bulk?: boolean } = {}): Promise<T> {
  if (dialect() === "sqlite") {
    // Run again from the start while another connection holds the writer lock (BEGIN IMMEDIATE refused):
    // the work is a fresh generator each time.
    return whenUnlocked(() =>
      sqliteDriver()
        .transaction(() => {
          const gen = work();
          let step = gen.next();
          while (!step.done) step = gen.next(runSqliteSync(step.value));
          return step.value;
        })
        .immediate(),
    );
  }
  // Ingestion's bulk writes: on a plain pg connection, inserts as unnest arrays (./pg-bulk.ts).
  if (options.bulk && pgBulkEnabled()) return pgTransaction(work);
  await tuneDatabase();
  return prisma.$transaction(
    async (ptx) => {
      const runner = txRunner(ptx);
      const gen = work();
      let step = gen.next();
      while (!step.done) {
        const i = step.value;
        const result = i.op === "all" ? await runner.all(i.q) : i.op === "run" ? await runner.run(i.q) : await insertRows(runner, i.spec, i.rows);
        step = gen.next(result);
      }
      return step.value;
    },
    { timeout: options.timeoutMs ?? 120_000, maxWait: 30_000 },
  );
}

/** `(a, b, c), (d, e, f)`: the rows of a multi-row VALUES list. */
export function valuesRows(rows: readonly (readonly unknown[])[]): Sql {
  return join(rows.map((r) => sql`(${join(r as unknown[])})`));
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The names of a spec go into SQL text: each must be a plain identifier. */
function checkIdentifiers(spec: InsertSpec): void {
  for (const name of [spec.table, ...spec.columns, ...(spec.returning ?? [])]) {
    if (!IDENTIFIER.test(name)) throw new Error(`insertRows: not an identifier: ${name}`);
  }
}

export interface InsertSpec {
  table: string;
  columns: readonly string[];
  /** What follows ON CONFLICT, e.g. "(event_id) DO NOTHING". */
  onConflict?: string;
  /** Columns of the inserted rows to return. */
  returning?: readonly string[];
}

// Rows per multi-row INSERT: with 22 columns, 8,800 bound values, under SQLite's 32,766 and PostgreSQL's 65,535.
const MULTI_ROW_VALUES = 8_800;

export interface InsertResult {
  inserted: number;
  returned: DbRecord[];
}

function insertStatements(spec: InsertSpec, rows: readonly (readonly unknown[])[], rowsPerStatement: number): Sql[] {
  checkIdentifiers(spec);
  const head = Prisma.raw(`INSERT INTO ${spec.table} (${spec.columns.join(", ")}) VALUES `);
  const tail = Prisma.raw(
    `${spec.onConflict ? ` ON CONFLICT ${spec.onConflict}` : ""}${spec.returning?.length ? ` RETURNING ${spec.returning.join(", ")}` : ""}`,
  );
  const out: Sql[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) out.push(sql`${head}${valuesRows(rows.slice(start, start + rowsPerStatement))}${tail}`);
  return out;
}

/**
 * Inserts rows (each in `spec.columns` order): how many were inserted (a conflict that does nothing
 * inserts none) and, with `returning`, their records. One cached single-row statement per row where
 * the runner is the SQLite driver (no statement of a new shape per batch size, no round trips to save),
 * multi-row statements elsewhere.
 */
export async function insertRows(runner: SqlRunner, spec: InsertSpec, rows: readonly (readonly unknown[])[]): Promise<InsertResult> {
  const perStatement = runner.bulk === "per-row" ? 1 : Math.max(1, Math.floor(MULTI_ROW_VALUES / spec.columns.length));
  const returned: DbRecord[] = [];
  let inserted = 0;
  for (const q of insertStatements(spec, rows, perStatement)) {
    if (spec.returning?.length) {
      const got = await runner.all(q);
      returned.push(...got);
      inserted += got.length;
    } else inserted += await runner.run(q);
  }
  return { inserted, returned };
}

/** COUNT(*) and SUM() come back as numbers (SQLite) or bigints (PostgreSQL). */
export function num(v: unknown): number {
  return typeof v === "bigint" ? Number(v) : Number(v ?? 0);
}

/**
 * A DateTime column's value to bind in raw SQL, as the store keeps it: Prisma's SQLite adapter writes ISO
 * 8601 text ending "+00:00" (so text comparison is time order only in that one form); PostgreSQL takes
 * the Date.
 */
export function dbTimestamp(d: Date): string | Date {
  return dialect() === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d;
}

/** A DateTime column read by raw SQL: ISO text (SQLite) or a Date (PostgreSQL); null stays null. */
export function dateOf(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}

/** Booleans come back as 1/0 (SQLite) or true/false (PostgreSQL). */
export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n;
}

/** The fragments that are written differently on the two stores. */
export const dialectSql = {
  /** A top-level string field of a JSON text column, as text. */
  jsonText(column: Sql, key: string): Sql {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`jsonText: not a plain key: ${key}`);
    return dialect() === "sqlite" ? sql`json_extract(${column}, ${Prisma.raw(`'$.${key}'`)})` : sql`(${column}::json ->> ${Prisma.raw(`'${key}'`)})`;
  },
  /**
   * SQLite's INDEXED BY, where its planner picks the wrong index for a query (PostgreSQL's planner needs
   * no such hint: nothing).
   */
  indexedBy(index: string): Sql {
    if (!/^[a-z_]+$/.test(index)) throw new Error(`indexedBy: not an index name: ${index}`);
    return dialect() === "sqlite" ? Prisma.raw(`INDEXED BY ${index}`) : empty;
  },
  /**
   * Inside a transaction: no other transaction writes `table` until this one ends, reads go on. SQLite's
   * write transactions already hold its one writer lock (a statement that does nothing); PostgreSQL:
   * LOCK TABLE … IN SHARE MODE.
   */
  lockAgainstWrites(table: string): Sql {
    if (!IDENTIFIER.test(table)) throw new Error(`lockAgainstWrites: not a table name: ${table}`);
    return dialect() === "sqlite" ? sql`SELECT 1` : Prisma.raw(`LOCK TABLE ${table} IN SHARE MODE`);
  },
};

/**
 * The highest id of `table` below which no row can still appear. SQLite has one writer at a time, so
 * ids become visible in order and MAX(id) is safe. PostgreSQL hands out ids before commit: a transaction
 * holding a lower id may commit after a higher one is visible, so the MAX(id) seen in a snapshot is safe
 * only once every transaction in progress in that snapshot has ended. Undefined if that takes longer
 * than `waitMs`.
 */
export async function committedIdHorizon(table: "events" | "log_store_events", waitMs = 2_000): Promise<number | undefined> {
  const max = sql`SELECT COALESCE(MAX(id), 0) AS "maxId" FROM ${Prisma.raw(table)}`;
  if (dialect() === "sqlite") return num((await db.one<{ maxId: unknown }>(max))?.maxId);
  const row = await db.one<{ maxId: unknown; xids: string[] | null }>(
    sql`SELECT (${max}) AS "maxId", ARRAY(SELECT x::text FROM pg_snapshot_xip(pg_current_snapshot()) AS x) AS xids`,
  );
  const xids = row?.xids ?? [];
  const deadline = Date.now() + waitMs;
  while (xids.length) {
    const r = await db.one<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM unnest(${xids}::text[]) AS x WHERE pg_xact_status(x::xid8) = 'in progress'`);
    if (num(r?.n) === 0) break;
    // Ingestion transactions are short: wait a moment rather than a whole worker tick.
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return num(row?.maxId);
}
