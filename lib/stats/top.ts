// "Top N" counts of the dashboard: which services, event names, users, source IPs and AccessKeys were
// busiest in a region and window. One GROUP BY each; every events index leads with (query_region, …).
import { Prisma } from "@/generated/prisma/client";
import { whereConditions, queryRecords } from "@/lib/events/query";
import type { TextFilter } from "@/lib/events/filters";
import type { StatsWindow } from "./window";

const sql = Prisma.sql;

/** The dimensions the dashboard ranks, by their /events filter parameter, with their column. */
export const TOP_DIMENSIONS = {
  service: "service_name",
  eventName: "event_name",
  user: "user_name",
  sourceIp: "source_ip",
  accessKeyId: "access_key_id",
  errorCode: "error_code",
} as const satisfies Partial<Record<TextFilter, string>>;
export type TopDimension = keyof typeof TOP_DIMENSIONS;

export interface TopValue {
  value: string;
  count: number;
}

export const TOP_LIMIT = 10;

/**
 * The busiest values of a dimension in the window, most events first (ties by value).
 * `extra` narrows the events counted with /events filter semantics (e.g. errorCode "*").
 */
export function buildTopValuesQuery(w: StatsWindow, dimension: TopDimension, limit = TOP_LIMIT): Prisma.Sql {
  const column = Prisma.raw(TOP_DIMENSIONS[dimension]);
  const where = [...whereConditions({ region: w.region, start: w.start, end: w.end }), sql`${column} IS NOT NULL`];
  return sql`SELECT ${column} AS "value", count(*) AS "n" FROM events WHERE ${Prisma.join(where, " AND ")}
    GROUP BY ${column} ORDER BY 2 DESC, 1 ASC LIMIT ${limit}`;
}

export async function findTopValues(w: StatsWindow, dimension: TopDimension, limit = TOP_LIMIT): Promise<TopValue[]> {
  const records = await queryRecords(buildTopValuesQuery(w, dimension, limit));
  return records.map((r) => ({ value: String(r.value), count: Number(r.n) }));
}
