// The region-and-window scope of a dashboard query. One region: `query_region = ?`, the lead column of
// every events index. All regions: the distinct regions walked by skip-scan (one index seek each), so the
// same (query_region, …) indexes answer region by region instead of reading rows through events_time.
import { Prisma } from "@/generated/prisma/client";
import { ALL_REGIONS } from "@/lib/events/filters";
import { whereConditions } from "@/lib/events/query";
import type { EventScope } from "@/lib/events/scope";

const sql = Prisma.sql;

/** `regions(r)`: every query_region in the table, then a NULL that ends the walk. */
export const REGIONS_CTE = sql`regions(r) AS (
  SELECT min(query_region) FROM events
  UNION ALL SELECT (SELECT min(query_region) FROM events WHERE query_region > regions.r) FROM regions WHERE r IS NOT NULL)`;

export interface Scope {
  /** `WITH RECURSIVE regions …` when the query needs it, else empty. */
  with: Prisma.Sql;
  where: Prisma.Sql;
}

export function scopeOf(w: EventScope): Scope {
  if (w.region !== ALL_REGIONS) {
    return { with: Prisma.empty, where: Prisma.join(whereConditions({ region: w.region, start: w.start, end: w.end }), " AND ") };
  }
  return {
    with: sql`WITH RECURSIVE ${REGIONS_CTE}`,
    where: sql`query_region IN (SELECT r FROM regions WHERE r IS NOT NULL) AND event_time >= ${w.start} AND event_time <= ${w.end}`,
  };
}
