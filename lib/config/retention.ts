// How long the query store keeps events (docs/integrity.md "Retention"): TRAILKEEPER_QUERY_RETENTION_DAYS,
// default 90 as in ActionTrail's event query. The worker purges older events; ingestion refuses them
// unless a trail's log store takes them. Server-only: client components receive the number as a prop.
import { wholeNumberSetting } from "./whole-number";

export const QUERY_RETENTION_ENV = "TRAILKEEPER_QUERY_RETENTION_DAYS";
export const DEFAULT_QUERY_RETENTION_DAYS = 90;
/** A log store keeps at least six months (docs/actiontrail.md "Retention": classified protection). */
export const MIN_LOG_STORE_RETENTION_DAYS = 180;

/** The query store's retention in days; a bad value is an error that names the variable. */
export function queryRetentionDays(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberSetting(env, QUERY_RETENTION_ENV, { default: DEFAULT_QUERY_RETENTION_DAYS, min: 1, max: 3650, unit: "days" });
}
