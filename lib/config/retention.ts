// How long the query store keeps events (docs/integrity.md "Retention"): TRAILKEEPER_QUERY_RETENTION_DAYS,
// default 90 as in ActionTrail's event query. The worker purges older events; ingestion refuses them
// unless a trail's log store takes them. Server-only: client components receive the number as a prop.
export const QUERY_RETENTION_ENV = "TRAILKEEPER_QUERY_RETENTION_DAYS";
export const DEFAULT_QUERY_RETENTION_DAYS = 90;
/** A log store keeps at least six months (docs/actiontrail.md "Retention": classified protection). */
export const MIN_LOG_STORE_RETENTION_DAYS = 180;

/** The query store's retention in days; a bad value is an error that names the variable. */
export function queryRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env[QUERY_RETENTION_ENV]?.trim();
  if (!raw) return DEFAULT_QUERY_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new Error(`${QUERY_RETENTION_ENV} must be a whole number of days from 1 to 3650, not "${raw}"`);
  }
  return days;
}
