// Which events a trail delivers: THE rule, as SQL, shared by live delivery and history jobs.
import { Prisma } from "@/generated/prisma/client";

const sql = Prisma.sql;

/** The trail fields the rule reads. */
export interface TrailScope {
  name: string;
  eventRW: string;
  /** "All", or the home region only. */
  trailRegion: string;
  homeRegion: string;
  /** "inner": the inner trail, which delivers Trailkeeper's own records only (docs/inner-trail.md). */
  kind?: string;
}

export const ALL = "All";
const INNER = "inner";
const SELF = "self";

/**
 * The WHERE conditions (over the `events` table) of the events a trail matches: its EventRW, and either
 * all regions, or the home region (by query or ACS region), or a global event — global events are
 * delivered by every trail and filed under its home region's path.
 * `is_global = TRUE` is literal SQL: the SQLite driver cannot bind a boolean.
 */
export function trailMatchSql(t: TrailScope): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  // The inner trail takes the records whose origin Trailkeeper wrote as its own, never a tenant's events
  // (an ingest token's, an import's or the seed's), whatever their JSON says (docs/provenance.md).
  if (t.kind === INNER) c.push(sql`origin = ${SELF}`);
  if (t.eventRW !== ALL) c.push(sql`event_rw = ${t.eventRW}`);
  if (t.trailRegion !== ALL) {
    c.push(sql`(query_region = ${t.homeRegion} OR acs_region = ${t.homeRegion} OR is_global = TRUE)`);
  }
  return c.length ? Prisma.join(c, " AND ") : sql`TRUE`;
}

/** The same rule in memory, for checking a single event; tests/integration/rule-twins.test.ts runs both on one table. */
export function trailMatches(
  t: TrailScope,
  e: { eventRW: string; queryRegion: string; acsRegion: string; isGlobal: boolean; origin?: string },
): boolean {
  if (t.kind === INNER && e.origin !== SELF) return false;
  if (t.eventRW !== ALL && e.eventRW !== t.eventRW) return false;
  if (t.trailRegion === ALL) return true;
  return e.isGlobal || e.queryRegion === t.homeRegion || e.acsRegion === t.homeRegion;
}
