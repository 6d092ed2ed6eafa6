import { dialect, prisma, sqliteStatement, sqliteDriver, tuneDatabase } from "@/lib/db";
import { normalizeEvent, type NormalizedEvent } from "./normalize";
import { jsonStructureProblems } from "@/lib/json/structure";
import { MAX_EVENT_CHARS, parseEvent } from "./schema";
import { loadSensitiveNames, sensitivityRule } from "./sensitive-catalog";

export const MAX_EVENTS_PER_CALL = 1_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** One event to ingest: its parsed value and its original JSON text, stored byte-for-byte. */
export interface RawEventInput {
  value: unknown;
  raw: string;
}

export interface IngestFailure {
  index: number;
  eventId?: string;
  errors: string[];
}

export interface IngestResult {
  /** Valid events: all of them are stored once this returns (new ones, and ones stored before). */
  accepted: number;
  /** Of the accepted, those whose eventId was already stored (ingestion is idempotent on eventId). */
  duplicates: number;
  failed: IngestFailure[];
}

const EVENT_COLUMNS = [
  "event_id", "event_time", "query_region", "acs_region", "is_global", "service_name", "event_name",
  "event_type", "event_rw", "user_name", "user_type", "principal_id", "account_id", "access_key_id",
  "source_ip", "error_code", "sensitive", "request_id", "resource_type", "resource_name", "raw", "ingested_at",
] as const;
const RESOURCE_COLUMNS = ["event_pk", "resource_type", "resource_name", "query_region", "event_time"] as const;

// Rows per INSERT: stays under SQLite's 32,766 bound parameters (and PostgreSQL's 65,535).
const EVENT_CHUNK = 400;
const RESOURCE_CHUNK = 2_000;

function placeholders(rowCount: number, columnCount: number, pg: boolean): string {
  const rows: string[] = [];
  let n = 0;
  for (let r = 0; r < rowCount; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columnCount; c++) cells.push(pg ? `$${++n}` : "?");
    rows.push(`(${cells.join(",")})`);
  }
  return rows.join(",");
}

/** Validates each event on its own; a bad event never costs a good one. */
export function validateEvents(
  inputs: RawEventInput[],
  isSensitive: ReturnType<typeof sensitivityRule>,
): { valid: NormalizedEvent[]; failed: IngestFailure[] } {
  const valid: NormalizedEvent[] = [];
  const failed: IngestFailure[] = [];
  inputs.forEach((input, index) => {
    const eventId = typeof (input.value as { eventId?: unknown })?.eventId === "string"
      ? ((input.value as { eventId: string }).eventId)
      : undefined;
    if (input.raw.length > MAX_EVENT_CHARS) {
      failed.push({ index, eventId, errors: [`event: is ${input.raw.length} characters; at most ${MAX_EVENT_CHARS} are accepted`] });
      return;
    }
    // Before the schema: a duplicate key would make the columns (from the parsed value) and the stored
    // text disagree, and a deep event would break every reader that walks it.
    const structure = jsonStructureProblems(input.raw);
    if (structure.length) {
      failed.push({ index, eventId, errors: structure });
      return;
    }
    const parsed = parseEvent(input.value);
    if (!parsed.ok) failed.push({ index, eventId, errors: parsed.errors });
    else valid.push(normalizeEvent(parsed.event, input.raw, isSensitive));
  });
  return { valid, failed };
}

/**
 * Stores validated events in one transaction: events (skipping eventIds already stored), their
 * referenced resources and the facet values the filters suggest. Returns how many were new.
 */
export async function storeEvents(events: NormalizedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  await tuneDatabase();
  const pg = dialect() === "postgres";
  const ingestedAt = new Date().toISOString();
  // The same eventId twice in one batch: the first one wins, as it would across calls.
  const unique = new Map<string, NormalizedEvent>();
  for (const e of events) if (!unique.has(e.row.eventId)) unique.set(e.row.eventId, e);
  const batch = [...unique.values()];
  if (!pg) return storeEventsSqlite(batch, ingestedAt);

  return prisma.$transaction(async (tx) => {
    let inserted = 0;
    for (let start = 0; start < batch.length; start += EVENT_CHUNK) {
      const chunk = batch.slice(start, start + EVENT_CHUNK);
      const params: unknown[] = [];
      for (const { row } of chunk) params.push(...rowValues(row, ingestedAt, pg));
      const sql =
        `INSERT INTO events (${EVENT_COLUMNS.join(",")}) VALUES ${placeholders(chunk.length, EVENT_COLUMNS.length, pg)} ` +
        `ON CONFLICT (event_id) DO NOTHING RETURNING id, event_id`;
      const returned = await tx.$queryRawUnsafe<{ id: number | bigint; event_id: string }[]>(sql, ...params);
      inserted += returned.length;

      const byId = new Map(chunk.map((e) => [e.row.eventId, e]));
      const resourceParams: unknown[] = [];
      let resourceRows = 0;
      const flush = async () => {
        if (resourceRows === 0) return;
        await tx.$executeRawUnsafe(
          `INSERT INTO event_resources (${RESOURCE_COLUMNS.join(",")}) VALUES ${placeholders(resourceRows, RESOURCE_COLUMNS.length, pg)}`,
          ...resourceParams,
        );
        resourceParams.length = 0;
        resourceRows = 0;
      };
      for (const { id, event_id } of returned) {
        const e = byId.get(event_id)!;
        for (const r of e.resources) {
          resourceParams.push(Number(id), r.type, r.name, e.row.queryRegion, e.row.eventTime);
          if (++resourceRows >= RESOURCE_CHUNK) await flush();
        }
      }
      await flush();
    }
    await recordFacets(tx, batch, pg);
    return inserted;
  }, { timeout: 120_000, maxWait: 30_000 });
}

function rowValues(row: NormalizedEvent["row"], ingestedAt: string, pg: boolean): unknown[] {
  return [
    row.eventId, row.eventTime, row.queryRegion, row.acsRegion, pg ? row.isGlobal : Number(row.isGlobal),
    row.serviceName, row.eventName, row.eventType, row.eventRW, row.userName, row.userType, row.principalId,
    row.accountId, row.accessKeyId, row.sourceIp, row.errorCode, pg ? row.sensitive : Number(row.sensitive),
    row.requestId, row.resourceType, row.resourceName, row.raw, ingestedAt,
  ];
}

const SQLITE_EVENT_INSERT = `INSERT INTO events (${EVENT_COLUMNS.join(",")}) VALUES ${placeholders(1, EVENT_COLUMNS.length, false)} ON CONFLICT (event_id) DO NOTHING RETURNING id`;
const SQLITE_RESOURCE_INSERT = `INSERT INTO event_resources (${RESOURCE_COLUMNS.join(",")}) VALUES ${placeholders(1, RESOURCE_COLUMNS.length, false)}`;
const SQLITE_FACET_INSERT = `INSERT INTO event_facets (kind, value) VALUES (?, ?) ON CONFLICT (kind, value) DO NOTHING`;

/** Planner statistics are refreshed (PRAGMA optimize) after this many new events. */
const OPTIMIZE_EVERY = 50_000;
let insertedSinceOptimize = 0;

/** SQLite: one transaction on the direct connection, through cached single-row statements. */
function storeEventsSqlite(batch: NormalizedEvent[], ingestedAt: string): number {
  const inserted = insertSqlite(batch, ingestedAt);
  insertedSinceOptimize += inserted;
  if (insertedSinceOptimize >= OPTIMIZE_EVERY) {
    insertedSinceOptimize = 0;
    // Without fresh statistics SQLite may walk the time index for a rare user instead of the user index.
    sqliteDriver().pragma("optimize");
  }
  return inserted;
}

function insertSqlite(batch: NormalizedEvent[], ingestedAt: string): number {
  const statements = {
    event: sqliteStatement(SQLITE_EVENT_INSERT),
    resource: sqliteStatement(SQLITE_RESOURCE_INSERT),
    facet: sqliteStatement(SQLITE_FACET_INSERT),
  };
  return sqliteDriver().transaction(() => {
    let inserted = 0;
    for (const { row, resources } of batch) {
      const got = statements.event.get(...rowValues(row, ingestedAt, false)) as { id: number } | undefined;
      if (!got) continue;
      inserted++;
      for (const r of resources) statements.resource.run(got.id, r.type, r.name, row.queryRegion, row.eventTime);
    }
    for (const [kind, value] of facetPairs(batch)) statements.facet.run(kind, value);
    return inserted;
  }).immediate();
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** The distinct (kind, value) facet pairs of a batch: service names, event names, resource types. */
function facetPairs(events: NormalizedEvent[]): [string, string][] {
  const values = new Set<string>();
  for (const { row, resources } of events) {
    values.add(`service\u0000${row.serviceName}`);
    values.add(`eventName\u0000${row.eventName}`);
    for (const r of resources) values.add(`resourceType\u0000${r.type}`);
  }
  return [...values].map((v) => v.split("\u0000") as [string, string]);
}

async function recordFacets(tx: Tx, events: NormalizedEvent[], pg: boolean): Promise<void> {
  const pairs = facetPairs(events);
  for (let start = 0; start < pairs.length; start += 1_000) {
    const chunk = pairs.slice(start, start + 1_000);
    await tx.$executeRawUnsafe(
      `INSERT INTO event_facets (kind, value) VALUES ${placeholders(chunk.length, 2, pg)} ON CONFLICT (kind, value) DO NOTHING`,
      ...chunk.flat(),
    );
  }
}

/** Validates and stores a batch; what the ingestion API, the CLI import and the seed all call. */
export async function ingestEvents(inputs: RawEventInput[]): Promise<IngestResult> {
  const isSensitive = sensitivityRule(await loadSensitiveNames());
  const { valid, failed } = validateEvents(inputs, isSensitive);
  const stored = await storeEvents(valid);
  return { accepted: valid.length, duplicates: valid.length - stored, failed };
}
