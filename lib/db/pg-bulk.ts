// PostgreSQL only: transaction work (lib/db/sql.ts TxWork) run on a plain `pg` connection of pgPool("bulk"),
// with every multi-row insert as ONE statement that binds one array per column and unnests them:
//   INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::integer[]) ON CONFLICT … RETURNING …
// A 1,000-row batch of 27 columns is then 27 parameters instead of 27,000 (no parameter limit, one
// plan shape whatever the batch size, far less for the server to parse), and no Prisma adapter sits in
// between. Ingestion's transaction (storeEvents) runs here; everything else keeps Prisma's transactions.
// Kept apart from sql.ts so the SQLite paths there are untouched by it.
import type pg from "pg";
import { pgPool } from "./index";
import type { DbRecord, InsertResult, InsertSpec, Instruction, Sql, TxWork } from "./sql";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

// The benchmark compares this path with Prisma's transactions in alternate batches; nothing else turns it off.
let bulkEnabled = true;
export function setPgBulkEnabled(on: boolean): void {
  bulkEnabled = on;
}
export function pgBulkEnabled(): boolean {
  return bulkEnabled;
}

/** Column types by table, read once per pool from the catalogue (what each unnest array is cast to). */
const columnTypes = new WeakMap<pg.Pool, Map<string, Map<string, string>>>();

async function typesOf(pool: pg.Pool, client: pg.PoolClient, table: string): Promise<Map<string, string>> {
  let byTable = columnTypes.get(pool);
  if (!byTable) columnTypes.set(pool, (byTable = new Map()));
  let types = byTable.get(table);
  if (!types) {
    const { rows } = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [table],
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    byTable.set(table, types);
  }
  return types;
}

/** The unnest INSERT of `rows` (each in spec.columns order) and its one array per column. */
export function unnestInsert(spec: InsertSpec, types: Map<string, string>, rows: readonly (readonly unknown[])[]): { text: string; values: unknown[][] } {
  for (const name of [spec.table, ...spec.columns, ...(spec.returning ?? [])]) {
    if (!IDENTIFIER.test(name)) throw new Error(`insertRows: not an identifier: ${name}`);
  }
  const casts = spec.columns.map((c, i) => {
    const type = types.get(c);
    if (!type) throw new Error(`insertRows: ${spec.table} has no column ${c}`);
    return `$${i + 1}::${type}[]`;
  });
  const values = spec.columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const text =
    `INSERT INTO ${spec.table} (${spec.columns.join(", ")}) SELECT * FROM unnest(${casts.join(", ")})` +
    `${spec.onConflict ? ` ON CONFLICT ${spec.onConflict}` : ""}${spec.returning?.length ? ` RETURNING ${spec.returning.join(", ")}` : ""}`;
  return { text, values };
}

async function runInstruction(pool: pg.Pool, client: pg.PoolClient, i: Instruction): Promise<unknown> {
  if (i.op === "all") return (await client.query(textOf(i.q), i.q.values as unknown[])).rows as DbRecord[];
  if (i.op === "run") return (await client.query(textOf(i.q), i.q.values as unknown[])).rowCount ?? 0;
  if (i.rows.length === 0) return { inserted: 0, returned: [] } satisfies InsertResult;
  const q = unnestInsert(i.spec, await typesOf(pool, client, i.spec.table), i.rows);
  const result = await client.query(q.text, q.values);
  return { inserted: result.rowCount ?? 0, returned: i.spec.returning?.length ? (result.rows as DbRecord[]) : [] } satisfies InsertResult;
}

/** Prisma's Sql with PostgreSQL's $1 placeholders. */
function textOf(q: Sql): string {
  return q.text;
}

/**
 * Runs transaction work in one transaction on a pgPool("bulk") connection: BEGIN, each statement awaited,
 * COMMIT (ROLLBACK if the work or a statement throws). What comes back differs from Prisma's only in
 * that BIGINT and NUMERIC results are strings; the work read through Number()/num() either way.
 */
export async function pgTransaction<T>(work: () => TxWork<T>): Promise<T> {
  const pool = pgPool("bulk");
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const gen = work();
    let step = gen.next();
    while (!step.done) step = gen.next(await runInstruction(pool, client, step.value));
    await client.query("COMMIT");
    return step.value;
  } catch (e) {
    try {
      await client.query("ROLLBACK");
    } catch {
      // The connection itself failed: it is not given back to the pool.
      broken = true;
    }
    throw e;
  } finally {
    client.release(broken);
  }
}
