// Counts over time for the dashboard's charts, bucketed in SQL by the prefix of the canonical ISO time
// (`2026-01-02T03` is the hour, `2026-01-02T03:04` the minute): the same text function on both stores.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/sql";
import type { EventScope } from "@/lib/events/scope";
import { scopeOf } from "./scope";
import { BUCKET_PREFIX_LENGTH, type SqlBucketUnit } from "./window";

const sql = Prisma.sql;

/** One SQL bucket: its UTC start (ISO) and the events counted in it. */
export interface ActivityPoint {
  at: string;
  read: number;
  write: number;
  /** Events with an error code. */
  errors: number;
  /** Sensitive operations. */
  sensitive: number;
}

export interface ServicePoint {
  at: string;
  counts: Record<string, number>;
}

function bucketExpr(unit: SqlBucketUnit): Prisma.Sql {
  // A literal length (from a constant table), so each unit is one cached statement.
  return Prisma.raw(`substr(event_time, 1, ${BUCKET_PREFIX_LENGTH[unit]})`);
}

/** `2026-01-02T03` / `2026-01-02T03:04` → the ISO instant the bucket starts at. */
export function bucketStart(prefix: string): string {
  return prefix.length === BUCKET_PREFIX_LENGTH.hour ? `${prefix}:00:00.000Z` : `${prefix}:00.000Z`;
}


/** Read and Write events per bucket, with how many of them failed and how many were sensitive. */
export function buildActivityQuery(w: EventScope, unit: SqlBucketUnit): Prisma.Sql {
  const bucket = bucketExpr(unit);
  const scope = scopeOf(w);
  // Every column here is in events_region_time: the count reads the index only.
  return sql`${scope.with} SELECT ${bucket} AS "bucket", event_rw AS "rw", count(*) AS "n",
    count(*) FILTER (WHERE error_code IS NOT NULL) AS "errors", count(*) FILTER (WHERE sensitive = TRUE) AS "sens"
    FROM events WHERE ${scope.where} GROUP BY 1, 2`;
}

export async function countActivity(w: EventScope, unit: SqlBucketUnit): Promise<ActivityPoint[]> {
  const byBucket = new Map<string, ActivityPoint>();
  for (const r of await db.all(buildActivityQuery(w, unit))) {
    const at = bucketStart(String(r.bucket));
    let p = byBucket.get(at);
    if (!p) byBucket.set(at, (p = { at, read: 0, write: 0, errors: 0, sensitive: 0 }));
    if (r.rw === "Read") p.read += Number(r.n);
    else p.write += Number(r.n);
    p.errors += Number(r.errors);
    p.sensitive += Number(r.sens);
  }
  return [...byBucket.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Events per bucket of each of `services` (the top services): the (query_region, service_name,
 * event_time) index answers it without reading a row.
 */
export function buildServiceActivityQuery(w: EventScope, unit: SqlBucketUnit, services: readonly string[]): Prisma.Sql {
  const bucket = bucketExpr(unit);
  const list = Prisma.join(services.map((s) => sql`${s}`));
  const scope = scopeOf(w);
  return sql`${scope.with} SELECT ${bucket} AS "bucket", service_name AS "service", count(*) AS "n"
    FROM events WHERE ${scope.where} AND service_name IN (${list}) GROUP BY 1, 2`;
}

export async function countServiceActivity(w: EventScope, unit: SqlBucketUnit, services: readonly string[]): Promise<ServicePoint[]> {
  if (!services.length) return [];
  const byBucket = new Map<string, ServicePoint>();
  for (const r of await db.all(buildServiceActivityQuery(w, unit, services))) {
    const at = bucketStart(String(r.bucket));
    let p = byBucket.get(at);
    if (!p) byBucket.set(at, (p = { at, counts: {} }));
    p.counts[String(r.service)] = Number(r.n);
  }
  return [...byBucket.values()].sort((a, b) => a.at.localeCompare(b.at));
}
