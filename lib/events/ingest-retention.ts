// Ingestion against retention (docs/provenance.md "Retention"): an event older than the query store's
// retention would be purged at once, so it is stored only if a logging trail's log store takes it (the
// delivery rule of lib/delivery/matching.ts) and keeps it at least that long; it is delivered there and
// then leaves the query store. Otherwise it is refused, and the error names every log store and why.
import { queryRetentionDays } from "@/lib/config/retention";
import { prisma } from "@/lib/db";
import { ALL, trailMatches } from "@/lib/delivery/matching";
import { TRAIL_KIND } from "@/lib/trails/rules";
import type { EventRow } from "./normalize";

const DAY_MS = 86_400_000;

interface LogStoreTrail {
  name: string;
  eventRW: string;
  trailRegion: string;
  homeRegion: string;
  isLogging: boolean;
  logStoreRetentionDays: number;
}

/** The oldest eventTime the query store still keeps at `now` (canonical ISO: compared as text). */
export function queryStoreCutoff(now: Date, days = queryRetentionDays()): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

function describeTrail(t: LogStoreTrail): string {
  const scope = [
    `${t.logStoreRetentionDays} days`,
    t.eventRW === ALL ? "" : `${t.eventRW} only`,
    t.trailRegion === ALL ? "" : `${t.homeRegion} and global events only`,
    t.isLogging ? "" : "not logging",
  ].filter(Boolean);
  return `${t.name} (${scope.join(", ")})`;
}

/**
 * A checker of event rows against retention, or null when no row is old (no query then). The checker
 * answers undefined for a row that may be stored, else the error for its eventTime.
 */
export async function retentionChecker(rows: readonly EventRow[], now: Date): Promise<((row: EventRow) => string | undefined) | null> {
  const days = queryRetentionDays();
  const cutoff = queryStoreCutoff(now, days);
  if (!rows.some((r) => r.eventTime < cutoff)) return null;
  const trails: LogStoreTrail[] = await prisma.trail.findMany({
    // The inner trail takes only Trailkeeper's own records, never an old event sent from outside.
    where: { logStoreEnabled: true, kind: TRAIL_KIND },
    select: { name: true, eventRW: true, trailRegion: true, homeRegion: true, isLogging: true, logStoreRetentionDays: true },
    orderBy: { name: "asc" },
  });
  const listed = trails.length ? `trails with a log store: ${trails.map(describeTrail).join(", ")}` : "no trail has a log store";
  return (row) => {
    if (row.eventTime >= cutoff) return undefined;
    const keeps = trails.some((t) => t.isLogging && trailMatches(t, row) && row.eventTime >= queryStoreCutoff(now, t.logStoreRetentionDays));
    if (keeps) return undefined;
    return `eventTime: ${row.eventTime} is older than the query store's ${days} days and no trail's log store keeps it; ${listed}`;
  };
}
