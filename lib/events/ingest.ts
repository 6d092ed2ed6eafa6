import { lastUsedRows, upsertLastUsed } from "@/lib/access-keys/last-used";
import { impersonationProblems } from "@/lib/audit/own-sources";
import { refreshPlannerStatisticsAfter } from "@/lib/db";
import { transaction, tx } from "@/lib/db/sql";
import { addToDelta, applyRollupDelta, emptyDelta } from "@/lib/rollups/rollups";
import { appendBlock, leafHash, lockChainHead, type BlockLeaf, type LeafValues } from "@/lib/integrity/store-chain";
import { normalizeEvent, type NormalizedEvent } from "./normalize";
import { jsonStructureProblems } from "@/lib/json/structure";
import { retentionChecker } from "./ingest-retention";
import { originColumns, UNKNOWN_ORIGIN, type EventOrigin } from "./origin";
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

export const EVENT_COLUMNS = [
  "event_id", "event_time", "query_region", "acs_region", "is_global", "service_name", "event_name",
  "event_type", "event_rw", "user_name", "user_type", "principal_id", "account_id", "access_key_id",
  "source_ip", "error_code", "sensitive", "request_id", "resource_type", "resource_name", "raw", "ingested_at",
  "origin", "origin_channel", "ingest_token_id", "ingest_token_label", "role_name",
] as const;
const RESOURCE_COLUMNS = ["event_pk", "resource_type", "resource_name", "query_region", "event_time"] as const;

export interface IngestOptions {
  /**
   * Who sent the events (docs/provenance.md). Every product caller says; one that does not is recorded
   * as "unknown", like the rows stored before provenance, and is checked as an outsider would be.
   */
  origin?: EventOrigin;
  /** The time retention is measured from (tests pass their own). */
  now?: Date;
}

/**
 * Validates each event on its own; a bad event never costs a good one. `origin` decides whether an event
 * may carry Trailkeeper's own sources: only Trailkeeper's own records (origin self) may.
 */
export function validateEvents(
  inputs: RawEventInput[],
  isSensitive: ReturnType<typeof sensitivityRule>,
  origin: EventOrigin = UNKNOWN_ORIGIN,
): { valid: NormalizedEvent[]; failed: IngestFailure[]; validIndex: number[] } {
  const valid: NormalizedEvent[] = [];
  const validIndex: number[] = [];
  const failed: IngestFailure[] = [];
  // Imports and the seed are the operator's own data; a token is the outside world (docs/provenance.md).
  const outsider = origin.kind === "token" || origin.kind === "unknown";
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
    if (!parsed.ok) {
      failed.push({ index, eventId, errors: parsed.errors });
      return;
    }
    const posing = outsider ? impersonationProblems(parsed.event) : [];
    if (posing.length) {
      failed.push({ index, eventId, errors: posing });
      return;
    }
    valid.push(normalizeEvent(parsed.event, input.raw, isSensitive));
    validIndex.push(index);
  });
  return { valid, failed, validIndex };
}

/**
 * Stores validated events in one transaction: events (skipping eventIds already stored), their
 * referenced resources, the facet values the filters suggest, the store chain's block of the new
 * events (lib/integrity/store-chain.ts; docs/store-chain.md) and their AccessKeys' last-used records
 * (lib/access-keys/last-used.ts) and the dashboard's rollups (lib/rollups/rollups.ts). Returns how many
 * were new.
 */
export async function storeEvents(events: NormalizedEvent[], origin: EventOrigin = UNKNOWN_ORIGIN): Promise<number> {
  if (events.length === 0) return 0;
  const ingestedAt = new Date().toISOString();
  // The same eventId twice in one batch: the first one wins, as it would across calls.
  const unique = new Map<string, NormalizedEvent>();
  for (const e of events) if (!unique.has(e.row.eventId)) unique.set(e.row.eventId, e);
  const batch = [...unique.values()];
  const values = batch.map(({ row }) => rowValues(row, ingestedAt, origin));
  const inserted = await transaction(function* () {
    // Before the insert: a second ingesting process waits here, so blocks follow the id order.
    const head = yield* lockChainHead();
    const { returned } = yield* tx.insert(
      { table: "events", columns: EVENT_COLUMNS, onConflict: "(event_id) DO NOTHING", returning: ["id", "event_id"] },
      values,
    );
    const index = new Map(batch.map((e, i) => [e.row.eventId, i]));
    const resources: unknown[][] = [];
    const leaves: BlockLeaf[] = [];
    const stored: NormalizedEvent[] = [];
    for (const r of returned) {
      const i = index.get(String(r.event_id))!;
      const e = batch[i];
      stored.push(e);
      const pk = Number(r.id);
      for (const ref of e.resources) resources.push([pk, ref.type, ref.name, e.row.queryRegion, e.row.eventTime]);
      if (head) leaves.push([pk, e.row.eventId, leafHash(pk, columnValues(values[i]))]);
    }
    yield* tx.insert({ table: "event_resources", columns: RESOURCE_COLUMNS }, resources);
    yield* tx.insert({ table: "event_facets", columns: ["kind", "value"], onConflict: "(kind, value) DO NOTHING" }, facetPairs(batch));
    yield* appendBlock(head, leaves, ingestedAt);
    // Only the events new to the store count: a duplicate was counted when it was first stored.
    yield* upsertLastUsed(lastUsedRows(stored, new Date(ingestedAt)));
    // The dashboard's rollups count the same new rows (a late event just adds to its old hour and day).
    yield* applyRollupDelta(addToDelta(emptyDelta(), stored.map((e) => e.row)));
    return returned.length;
  }, { bulk: true });
  // Without fresh statistics SQLite may walk the time index for a rare user instead of the user index.
  refreshPlannerStatisticsAfter(inserted);
  return inserted;
}

function rowValues(row: NormalizedEvent["row"], ingestedAt: string, origin: EventOrigin): unknown[] {
  return [
    row.eventId, row.eventTime, row.queryRegion, row.acsRegion, row.isGlobal, row.serviceName, row.eventName,
    row.eventType, row.eventRW, row.userName, row.userType, row.principalId, row.accountId, row.accessKeyId,
    row.sourceIp, row.errorCode, row.sensitive, row.requestId, row.resourceType, row.resourceName, row.raw, ingestedAt,
    ...originColumns(origin), row.roleName,
  ];
}

/** A row's values by column name: what the chain's leaf reads (store-chain.ts LEAF_COLUMNS). */
function columnValues(values: unknown[]): LeafValues {
  const record: Record<string, unknown> = {};
  EVENT_COLUMNS.forEach((c, i) => (record[c] = values[i]));
  return record as LeafValues;
}

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

/**
 * Validates and stores a batch with its origin; what the ingestion API, the self-audit, the CLI import
 * and the seed all call. An event older than the query store's retention is stored only if a log store
 * takes it (ingest-retention.ts).
 */
export async function ingestEvents(inputs: RawEventInput[], options: IngestOptions = {}): Promise<IngestResult> {
  const origin = options.origin ?? UNKNOWN_ORIGIN;
  const isSensitive = sensitivityRule(await loadSensitiveNames());
  const checked = validateEvents(inputs, isSensitive, origin);
  let { valid, failed } = checked;
  const tooOld = await retentionChecker(valid.map((e) => e.row), options.now ?? new Date());
  if (tooOld) {
    const kept: NormalizedEvent[] = [];
    failed = [...failed];
    valid.forEach((e, i) => {
      const error = tooOld(e.row);
      if (error) failed.push({ index: checked.validIndex[i], eventId: e.row.eventId, errors: [error] });
      else kept.push(e);
    });
    valid = kept;
    failed.sort((a, b) => a.index - b.index);
  }
  const stored = await storeEvents(valid, origin);
  return { accepted: valid.length, duplicates: valid.length - stored, failed };
}
