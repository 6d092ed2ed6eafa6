// What stored events show beyond the catalogue: the services, event names and resource types seen
// (docs/actiontrail-catalogue.md). Services and resource types come from the facets ingestion keeps; the
// event names of one service from the events themselves.
import { REGION_IDS } from "@/lib/events/regions";
import { db, join, sql } from "@/lib/db/sql";
import { eventStore } from "@/lib/events/event-store";

/** At most this many distinct event names of a service are read from the events. */
export const MAX_OBSERVED_NAMES = 5_000;

export const observedServices = () => eventStore().facetValues("service");
export const observedResourceTypes = () => eventStore().facetValues("resourceType");

/**
 * The distinct event names stored events of a service carry (any of `codes`, the spellings asked for).
 * The (region, service, time) index is walked per region, so only that service's rows are read.
 */
export async function observedEventNames(codes: readonly string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await db.all(sql`SELECT DISTINCT event_name AS "n" FROM events
    WHERE query_region IN (${join(REGION_IDS as string[])}) AND service_name IN (${join([...codes])})
    LIMIT ${MAX_OBSERVED_NAMES}`);
  return rows.map((r) => String(r.n));
}
