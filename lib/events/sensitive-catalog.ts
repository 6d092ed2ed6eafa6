import { prisma } from "@/lib/db";
import { db, join, sql, transaction, tx, type Sql } from "@/lib/db/sql";
import { applyRollupDelta, sensitiveDelta } from "@/lib/rollups/rollups";
import { Prisma } from "@/generated/prisma/client";
import { CONSOLE_SIGNIN, DEFAULT_SENSITIVE_EVENT_NAMES, isSensitiveIn, ROOT_ACCOUNT } from "./sensitive-rule";

/** The catalogue changes rarely; ingestion re-reads it at most this often. */
const CACHE_MS = 5_000;
const INITIALISED_KEY = "sensitiveCatalogInitialised";

// On globalThis, not in module scope: Next bundles server actions and route handlers separately, each
// with its own copy of this module, and an edit in one must reach ingestion in the other at once.
// `generation` counts invalidations: a load that began before one must not cache what it read.
const shared = globalThis as unknown as {
  trailkeeperSensitiveCatalog?: { names: Set<string>; loadedAt: number };
  trailkeeperSensitiveGeneration?: number;
};

/** Writes the default catalogue once, the first time any process needs it. */
export async function ensureDefaults(): Promise<void> {
  const marker = await prisma.setting.findUnique({ where: { key: INITIALISED_KEY } });
  if (marker) return;
  const existing = new Set((await prisma.sensitiveAction.findMany({ select: { eventName: true } })).map((r) => r.eventName));
  const missing = DEFAULT_SENSITIVE_EVENT_NAMES.filter((d) => !existing.has(d.eventName));
  if (missing.length) await prisma.sensitiveAction.createMany({ data: missing.map((d) => ({ eventName: d.eventName, reason: d.reason })) });
  await prisma.setting.upsert({ where: { key: INITIALISED_KEY }, create: { key: INITIALISED_KEY, value: "1" }, update: {} });
}

export async function loadSensitiveNames(): Promise<Set<string>> {
  const cached = shared.trailkeeperSensitiveCatalog;
  if (cached && Date.now() - cached.loadedAt < CACHE_MS) return cached.names;
  const generation = shared.trailkeeperSensitiveGeneration ?? 0;
  await ensureDefaults();
  const rows = await prisma.sensitiveAction.findMany({ select: { eventName: true } });
  const names = new Set(rows.map((r) => r.eventName));
  if (generation === (shared.trailkeeperSensitiveGeneration ?? 0)) shared.trailkeeperSensitiveCatalog = { names, loadedAt: Date.now() };
  return names;
}

/** Forget the cached catalogue (after an edit, or between tests on different databases). */
export function invalidateSensitiveCatalog(): void {
  shared.trailkeeperSensitiveCatalog = undefined;
  shared.trailkeeperSensitiveGeneration = (shared.trailkeeperSensitiveGeneration ?? 0) + 1;
}

/**
 * The sensitivity rule: the event name is in the catalogue, or a failed console sign-in (a successful
 * one is routine), or root-account use (lib/events/sensitive-rule.ts sensitiveByRule).
 */
export function sensitivityRule(names: Set<string>) {
  return (eventName: string, errorCode: string | null, eventType: string, userType?: string | null): boolean =>
    isSensitiveIn(names, eventName, { errorCode, eventType, userType });
}

/** sensitiveByRule in SQL, over the stored columns (error_code and user_type are NULL when absent). */
const RULE_SQL = sql`(((event_name = ${CONSOLE_SIGNIN} OR event_type = ${CONSOLE_SIGNIN}) AND error_code IS NOT NULL) OR COALESCE(user_type, '') = ${ROOT_ACCOUNT})`;
/** Rows whose raw JSON may carry `"sensitive": true` themselves; only these need their JSON read. */
const MAY_CARRY_FLAG_SQL = Prisma.raw(`raw LIKE '%"sensitive"%'`);
const ID_CHUNK = 500;

/**
 * The regions events are stored under. Every events index leads with query_region, so naming them lets
 * an update by event name use events_region_name_time instead of reading the whole table. A loose index
 * scan: one index seek per region, whatever the table's size.
 */
async function storedRegions(): Promise<string[]> {
  const rows = await db.all<{ q: string | null }>(
    sql`WITH RECURSIVE r(q) AS (
       SELECT MIN(query_region) FROM events
       UNION ALL
       SELECT (SELECT MIN(query_region) FROM events WHERE query_region > r.q) FROM r WHERE r.q IS NOT NULL
     ) SELECT q FROM r WHERE q IS NOT NULL`,
  );
  return rows.map((r) => r.q!).filter(Boolean);
}

/**
 * Recomputes the `sensitive` column of the stored events named `eventName` after the catalogue gained
 * (`listed`) or lost it; returns how many rows changed. Log store rows need nothing: their sensitivity is
 * derived from the catalogue when they are read. Removing a name keeps the flag where a rule still holds
 * (failed sign-in, root account) or the event's own JSON says `"sensitive": true`.
 */
export async function reflagStoredEvents(eventName: string, listed: boolean): Promise<number> {
  const regions = await storedRegions();
  if (regions.length === 0) return 0;
  const inRegions = sql`query_region IN (${join(regions)}) AND event_name = ${eventName}`;
  if (listed) return reflag(sql`UPDATE events SET sensitive = TRUE WHERE ${inRegions} AND sensitive = FALSE`, 1);

  const stillByRule = sql`${inRegions} AND sensitive = TRUE AND NOT ${RULE_SQL}`;
  let changed = await reflag(sql`UPDATE events SET sensitive = FALSE WHERE ${stillByRule} AND NOT ${MAY_CARRY_FLAG_SQL}`, -1);
  // The few left mention "sensitive" somewhere in their JSON: keep those that set it to true at the top.
  const candidates = await db.all<{ id: number | bigint; raw: string }>(sql`SELECT id, raw FROM events WHERE ${stillByRule}`);
  const clear = candidates.filter((c) => !carriesOwnFlag(c.raw)).map((c) => Number(c.id));
  for (let i = 0; i < clear.length; i += ID_CHUNK) {
    changed += await reflag(sql`UPDATE events SET sensitive = FALSE WHERE id IN (${join(clear.slice(i, i + ID_CHUNK))}) AND sensitive = TRUE`, -1);
  }
  return changed;
}

/**
 * Runs one re-flag UPDATE and moves the dashboard's sensitive counts by the rows it changed, in one
 * transaction: RETURNING names exactly those rows, whatever was ingested meanwhile.
 */
function reflag(update: Sql, sign: 1 | -1): Promise<number> {
  return transaction(function* () {
    const changed = yield* tx.all<{ queryRegion: string; eventTime: string }>(
      sql`${update} RETURNING query_region AS "queryRegion", event_time AS "eventTime"`,
    );
    yield* applyRollupDelta(sensitiveDelta(changed, sign));
    return changed.length;
  });
}

function carriesOwnFlag(raw: string): boolean {
  try {
    return (JSON.parse(raw) as { sensitive?: unknown }).sensitive === true;
  } catch {
    return false;
  }
}
