// What the trail status page shows: per destination where it delivers and how the last attempt went,
// the latest deliveries, and events delivered per hour over the last days.
import { prisma } from "@/lib/db";
import { logStoreName, ossPathPattern, trailDestinations } from "./rules";
import { getTrail, type TrailRecord } from "./trails";

export const STATUS_CHART_HOURS = 72;
export const LATEST_DELIVERIES = 20;

export interface DestinationStatus {
  destination: "oss" | "logstore";
  /** "bucket/prefix/AliyunLogs/Actiontrail/<region>/YYYY/MM/DD/" or the log store name. */
  location: string;
  checkpoint: number | null;
  latestDeliveryTime: Date | null;
  latestDeliveryError: string | null;
  latestErrorTime: Date | null;
  failures: number;
  nextAttemptAt: Date | null;
}

export interface DeliveryRow {
  id: number;
  destination: string;
  location: string;
  eventCount: number;
  historyJobId: number | null;
  deliveredAt: Date;
}

export interface HourlyPoint {
  /** Start of the hour, UTC ISO. */
  hour: string;
  events: number;
}

export interface TrailStatus {
  trail: TrailRecord;
  destinations: DestinationStatus[];
  deliveries: DeliveryRow[];
  hourly: HourlyPoint[];
  eventsDeliveredInChart: number;
}

const HOUR = 3_600_000;

/** Buckets (time, count) pairs into the `hours` whole UTC hours that end with the current one. */
export function bucketByHour(rows: { deliveredAt: Date; eventCount: number }[], now: Date, hours = STATUS_CHART_HOURS): HourlyPoint[] {
  const end = Math.floor(now.getTime() / HOUR) * HOUR;
  const start = end - (hours - 1) * HOUR;
  const counts = new Array<number>(hours).fill(0);
  for (const r of rows) {
    const i = Math.floor((r.deliveredAt.getTime() - start) / HOUR);
    if (i >= 0 && i < hours) counts[i] += r.eventCount;
  }
  return counts.map((events, i) => ({ hour: new Date(start + i * HOUR).toISOString(), events }));
}

export async function getTrailStatus(name: string, now = new Date()): Promise<TrailStatus | null> {
  const trail = await getTrail(name);
  if (!trail) return null;
  const since = new Date(Math.floor(now.getTime() / HOUR) * HOUR - (STATUS_CHART_HOURS - 1) * HOUR);
  const [rows, deliveries, recent] = await Promise.all([
    prisma.trailDestination.findMany({ where: { trailName: name } }),
    prisma.delivery.findMany({
      where: { trailName: name },
      select: { id: true, destination: true, location: true, eventCount: true, historyJobId: true, deliveredAt: true },
      orderBy: [{ deliveredAt: "desc" }, { id: "desc" }],
      take: LATEST_DELIVERIES,
    }),
    // Bounded by time: one row per delivered file or batch over the chart's window.
    prisma.delivery.findMany({ where: { trailName: name, deliveredAt: { gte: since } }, select: { deliveredAt: true, eventCount: true } }),
  ]);
  const destinations = trailDestinations(trail).map((destination): DestinationStatus => {
    const row = rows.find((r) => r.destination === destination);
    const location =
      destination === "oss"
        ? `${trail.ossBucketName}/${ossPathPattern(trail.ossKeyPrefix, trail.trailRegion === "All" ? "<region>" : trail.homeRegion)}`
        : logStoreName(trail.name, trail.kind);
    return {
      destination,
      location,
      checkpoint: row?.checkpoint ?? null,
      latestDeliveryTime: row?.latestDeliveryTime ?? null,
      latestDeliveryError: row?.latestDeliveryError ?? null,
      latestErrorTime: row?.latestErrorTime ?? null,
      failures: row?.failures ?? 0,
      nextAttemptAt: row?.nextAttemptAt ?? null,
    };
  });
  const hourly = bucketByHour(recent, now);
  return { trail, destinations, deliveries, hourly, eventsDeliveredInChart: hourly.reduce((s, p) => s + p.events, 0) };
}
