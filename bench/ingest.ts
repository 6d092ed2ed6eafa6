// Ingestion: the product path (generated events through ingestEvents, batches of 1,000, as the HTTP
// API calls it after parsing) and its floors: the same rows by plain prepared INSERTs, 1,000 per
// transaction, into a second database with the same schema and indexes (what the schema costs; on
// PostgreSQL the product's own unnest INSERT statements sent by plain `pg`), and on SQLite the same rows
// appended to tables without any index (what this machine's SQLite costs at all).
import type Database from "better-sqlite3";
import pg from "pg";
import { unnestInsert } from "@/lib/db/pg-bulk";
import { ingestEvents, MAX_EVENTS_PER_CALL, validateEvents, type RawEventInput } from "@/lib/events/ingest";
import { loadSensitiveNames, sensitivityRule } from "@/lib/events/sensitive-catalog";
import { generateEvents } from "@/lib/seed/generate-events";
import { sampleLoad } from "./machine";

export interface GenerationSpec {
  count: number;
  end: Date;
  days: number;
  seed: number;
  /**
   * Concurrent ingestEvents callers (default 1), as concurrent API clients: one validates its batch
   * while another's transaction runs. Batches are handed out in order; stores still serialise on the chain.
   */
  clients?: number;
}

export interface IngestResult {
  events: number;
  /** Events per ingestEvents call. */
  batchSize: number;
  /** Time inside ingestEvents (validation, normalisation and the transaction), generation excluded. */
  seconds: number;
  eventsPerSec: number;
  /** Generating the events and JSON.stringify-ing them, measured apart and not counted above. */
  generationSeconds: number;
  failed: number;
  duplicates: number;
  /** validateEvents alone (zod + normalisation) on a sample, microseconds per event: part of `seconds`. */
  validateMicrosPerEvent: number;
  /** analyzeDatabase() after the load (not part of `seconds`); absent with --no-analyze. */
  analyzeSeconds?: number;
  /** Concurrent callers (GenerationSpec.clients); `seconds` is then wall time, not summed call time. */
  clients: number;
}

export interface FloorResult {
  events: number;
  resources: number;
  seconds: number;
  eventsPerSec: number;
}

function progress(label: string, done: number, total: number, started: number): void {
  sampleLoad();
  const s = (performance.now() - started) / 1000;
  process.stderr.write(`\r  ${label}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${s.toFixed(0)} s)   `);
  if (done === total) process.stderr.write("\n");
}

/** `batchSize`: events per ingestEvents call (1,000, the API's limit, unless --ingest-batch says). */
export async function ingestThroughProduct(spec: GenerationSpec, batchSize = MAX_EVENTS_PER_CALL): Promise<IngestResult> {
  const clients = Math.max(1, spec.clients ?? 1);
  let ingestMs = 0;
  let generateMs = 0;
  let failed = 0;
  let duplicates = 0;
  let done = 0;
  const started = performance.now();
  const step = Math.max(batchSize, Math.round(spec.count / 20 / batchSize) * batchSize);
  const events = generateEvents(spec);
  let validateSample = 0;
  let validateMs = 0;
  const nextBatch = (): RawEventInput[] => {
    const t = performance.now();
    const batch: RawEventInput[] = [];
    for (let r = events.next(); !r.done; r = events.next()) {
      batch.push({ value: r.value, raw: JSON.stringify(r.value) });
      if (batch.length === batchSize) break;
    }
    generateMs += performance.now() - t;
    return batch;
  };
  const ingest = async (batch: RawEventInput[]) => {
    const result = await ingestEvents(batch);
    failed += result.failed.length;
    duplicates += result.duplicates;
    if (failed && result.failed.length) console.error(`  failed: ${JSON.stringify(result.failed[0]).slice(0, 300)}`);
    done += batch.length;
    if (done % step === 0 || done === spec.count) progress("ingestEvents", done, spec.count, started);
    else sampleLoad();
  };
  for (;;) {
    // Generation is untimed: the next `clients` batches are made first, then ingested at once.
    const round: RawEventInput[][] = [];
    for (let c = 0; c < clients; c++) {
      const batch = nextBatch();
      if (batch.length) round.push(batch);
    }
    if (round.length === 0) break;
    const before = done;
    const t = performance.now();
    await Promise.all(round.map(ingest));
    ingestMs += performance.now() - t;
    // Validation alone, on every 10th batch (untimed above, so it does not inflate the ingest figure).
    if (Math.floor(before / (batchSize * 10)) !== Math.floor(done / (batchSize * 10)) || before === 0) {
      const rule = sensitivityRule(await loadSensitiveNames());
      const v = performance.now();
      validateEvents(round[0], rule);
      validateMs += performance.now() - v;
      validateSample += round[0].length;
    }
  }
  return {
    events: done,
    batchSize,
    seconds: ingestMs / 1000,
    eventsPerSec: done / (ingestMs / 1000),
    generationSeconds: generateMs / 1000,
    failed,
    duplicates,
    validateMicrosPerEvent: (validateMs * 1000) / Math.max(1, validateSample),
    clients,
  };
}

const EVENT_COLUMNS = [
  "event_id", "event_time", "query_region", "acs_region", "is_global", "service_name", "event_name",
  "event_type", "event_rw", "user_name", "user_type", "principal_id", "account_id", "access_key_id",
  "source_ip", "error_code", "sensitive", "request_id", "resource_type", "resource_name", "raw", "ingested_at",
];

/**
 * Copies the product database's events (in id order, so ids come out the same) and their resource
 * rows into `target` by plain prepared INSERTs, 1,000 events per transaction. Reading the source rows
 * is not timed; only the inserts and the commits are.
 */
export function ingestFloor(source: Database.Database, target: Database.Database): FloorResult {
  const readEvents = source.prepare(`SELECT id, ${EVENT_COLUMNS.join(", ")} FROM events WHERE id > ? ORDER BY id LIMIT ${MAX_EVENTS_PER_CALL}`).raw();
  const insertEvent = target.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(", ")}) VALUES (${EVENT_COLUMNS.map(() => "?").join(", ")})`);
  const insertResource = target.prepare(
    "INSERT INTO event_resources (event_pk, resource_type, resource_name, query_region, event_time) VALUES (?, ?, ?, ?, ?)",
  );
  const store = target.transaction((events: unknown[][], resources: unknown[][]) => {
    const newId = new Map<unknown, number | bigint>();
    for (const e of events) newId.set(e[0], insertEvent.run(...e.slice(1)).lastInsertRowid);
    for (const r of resources) insertResource.run(newId.get(r[0]), r[1], r[2], r[3], r[4]);
  });
  const result = copyTimed(source, readEvents, store, "raw INSERT floor");
  // The facet table is a few hundred rows; copied untimed so the floor database matches the product's.
  target.exec(`ATTACH DATABASE '${source.name.replace(/'/g, "''")}' AS src`);
  target.exec("INSERT OR IGNORE INTO event_facets (kind, value) SELECT kind, value FROM src.event_facets");
  target.exec("DETACH DATABASE src");
  return result;
}

/**
 * The physical floor: the same event and resource rows (all columns, in id order) appended by prepared
 * INSERTs, 1,000 events per transaction, to two tables of `target` with no index but the rowid: no
 * dedupe, no secondary index, no chain, rollups or last-used. Only the inserts and commits are timed.
 */
export function appendFloor(source: Database.Database, target: Database.Database): FloorResult {
  const columns = (source.prepare("SELECT name FROM pragma_table_info('events') WHERE name <> 'id' ORDER BY cid").all() as { name: string }[]).map((c) => c.name);
  target.exec(`CREATE TABLE events_append (id INTEGER PRIMARY KEY, ${columns.join(", ")})`);
  target.exec("CREATE TABLE event_resources_append (id INTEGER PRIMARY KEY, event_pk, resource_type, resource_name, query_region, event_time)");
  const readEvents = source.prepare(`SELECT id, ${columns.join(", ")} FROM events WHERE id > ? ORDER BY id LIMIT ${MAX_EVENTS_PER_CALL}`).raw();
  const insertEvent = target.prepare(`INSERT INTO events_append (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  const insertResource = target.prepare(
    "INSERT INTO event_resources_append (event_pk, resource_type, resource_name, query_region, event_time) VALUES (?, ?, ?, ?, ?)",
  );
  const store = target.transaction((events: unknown[][], resources: unknown[][]) => {
    for (const e of events) insertEvent.run(...e.slice(1));
    for (const r of resources) insertResource.run(...r);
  });
  return copyTimed(source, readEvents, store, "unindexed append floor");
}

/**
 * The SQLite floors' copy: `source`'s events in id order, 1,000 at a time (`readEvents`, id first), with
 * their resource rows, each batch handed to `store` (one transaction). Only `store` is timed.
 */
function copyTimed(
  source: Database.Database,
  readEvents: Database.Statement,
  store: (events: unknown[][], resources: unknown[][]) => void,
  label: string,
): FloorResult {
  const total = (source.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  const readResources = source.prepare(
    "SELECT event_pk, resource_type, resource_name, query_region, event_time FROM event_resources WHERE event_pk > ? AND event_pk <= ? ORDER BY id",
  ).raw();
  let ms = 0;
  let done = 0;
  let resources = 0;
  let lastId = 0;
  const started = performance.now();
  const step = Math.max(MAX_EVENTS_PER_CALL, Math.round(total / 20 / MAX_EVENTS_PER_CALL) * MAX_EVENTS_PER_CALL);
  for (;;) {
    const events = readEvents.all(lastId) as unknown[][];
    if (events.length === 0) break;
    const maxId = events[events.length - 1][0] as number;
    const res = readResources.all(lastId, maxId) as unknown[][];
    const t = performance.now();
    store(events, res);
    ms += performance.now() - t;
    lastId = maxId;
    done += events.length;
    resources += res.length;
    if (done % step === 0 || done === total) progress(label, done, total, started);
  }
  return { events: done, resources, seconds: ms / 1000, eventsPerSec: done / (ms / 1000) };
}

/**
 * PostgreSQL's floor: the product database's events copied in id order into `targetUrl` (same schema
 * and indexes) by plain `pg`, 1,000 events per transaction, with the product's own statement shapes
 * (lib/db/pg-bulk.ts unnestInsert: one array per column; the events' RETURNING id maps their resource
 * rows). No validation, chain, rollups, facets or last-used records: only the rows. Reading the
 * source is not timed.
 */
export async function ingestFloorPostgres(sourceUrl: string, targetUrl: string): Promise<FloorResult> {
  const source = new pg.Client({ connectionString: sourceUrl });
  const target = new pg.Client({ connectionString: targetUrl });
  await source.connect();
  await target.connect();
  try {
    const total = Number((await source.query("SELECT count(*) AS n FROM events")).rows[0].n);
    const typesOf = async (table: string) =>
      new Map((await target.query<{ name: string; type: string }>(
        "SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
        [table],
      )).rows.map((r) => [r.name, r.type]));
    const eventTypes = await typesOf("events");
    const resourceTypes = await typesOf("event_resources");
    const resourceColumns = ["event_pk", "resource_type", "resource_name", "query_region", "event_time"];
    let ms = 0;
    let done = 0;
    let resources = 0;
    let lastId = 0;
    const started = performance.now();
    const step = Math.max(MAX_EVENTS_PER_CALL, Math.round(total / 20 / MAX_EVENTS_PER_CALL) * MAX_EVENTS_PER_CALL);
    for (;;) {
      const events = (await source.query({ text: `SELECT id, ${EVENT_COLUMNS.join(", ")} FROM events WHERE id > $1 ORDER BY id LIMIT ${MAX_EVENTS_PER_CALL}`, values: [lastId], rowMode: "array" })).rows as unknown[][];
      if (events.length === 0) break;
      const maxId = Number(events[events.length - 1][0]);
      const res = (await source.query({
        text: "SELECT event_pk, resource_type, resource_name, query_region, event_time FROM event_resources WHERE event_pk > $1 AND event_pk <= $2 ORDER BY id",
        values: [lastId, maxId], rowMode: "array",
      })).rows as unknown[][];
      const t = performance.now();
      await target.query("BEGIN");
      const ins = unnestInsert({ table: "events", columns: EVENT_COLUMNS, returning: ["id", "event_id"] }, eventTypes, events.map((e) => e.slice(1)));
      const { rows } = await target.query(ins.text, ins.values);
      const byEventId = new Map(rows.map((r) => [String(r.event_id), Number(r.id)]));
      const newId = new Map(events.map((e) => [Number(e[0]), byEventId.get(String(e[1]))]));
      if (res.length) {
        const r = unnestInsert({ table: "event_resources", columns: resourceColumns }, resourceTypes, res.map((x) => [newId.get(Number(x[0])), ...x.slice(1)]));
        await target.query(r.text, r.values);
      }
      await target.query("COMMIT");
      ms += performance.now() - t;
      lastId = maxId;
      done += events.length;
      resources += res.length;
      if (done % step === 0 || done === total) progress("raw INSERT floor (pg, unnest)", done, total, started);
    }
    return { events: done, resources, seconds: ms / 1000, eventsPerSec: done / (ms / 1000) };
  } finally {
    await source.end();
    await target.end();
  }
}
