// The event store: everything the console, the API, the export and the worker ask of the stored events,
// as one interface, so that another engine (a columnar one, ClickHouse) can keep the events later without
// the query paths changing. Today's one implementation is SQL on the configured store (SQLite or
// PostgreSQL, lib/db/sql.ts): the functions of query.ts and ingest.ts. docs/scaling.md says what an
// implementation must keep (ordering, cursors, exact counts) and which aggregates would move with it.
import type { EventOrigin } from "./origin";
import type { EventFilters } from "./filters";
import type { NormalizedEvent } from "./normalize";
import { storeEvents } from "./ingest";
import { countEvents, findEventById, findEventPage, findFacetValues, iterateEvents, type EventListRow, type EventPage } from "./query";

export type FacetKind = "service" | "eventName" | "resourceType";

export interface EventStore {
  /**
   * Stores validated events (an eventId already stored is skipped, the first of a batch wins) with what
   * must change with them in the same transaction: resources, facets, the store chain's block, the
   * AccessKey last-used records and the dashboard's rollups. Returns how many were new.
   */
  append(events: NormalizedEvent[], origin: EventOrigin): Promise<number>;
  /**
   * One page of matching events, newest first by (event_time, id), with opaque cursors to the next and
   * previous pages that stay valid while events arrive (keyset, never an offset).
   */
  page(filters: EventFilters, opts?: { cursor?: string; limit?: number; scanLimit?: number }): Promise<EventPage>;
  /** Every matching event, newest first, page by page: never the whole result in memory. */
  iterate(filters: EventFilters, batchSize?: number): AsyncGenerator<EventListRow>;
  /** One event by its eventId, with its stored JSON text exactly as it arrived. */
  byId(eventId: string): Promise<EventListRow | undefined>;
  /** The exact number of matching events. */
  count(filters: EventFilters): Promise<number>;
  /** The values seen for a filter's suggestions (services, event names, resource types). */
  facetValues(kind: FacetKind): Promise<string[]>;
}

/** The events in the configured SQL store. */
export const sqlEventStore: EventStore = {
  append: storeEvents,
  page: findEventPage,
  iterate: iterateEvents,
  byId: findEventById,
  count: countEvents,
  facetValues: findFacetValues,
};

/** The event store of this installation. */
export function eventStore(): EventStore {
  return sqlEventStore;
}
