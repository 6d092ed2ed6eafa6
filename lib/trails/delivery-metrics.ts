// A trail's delivery metrics over time (DescribeTrailDeliveryMetricData, docs/actiontrail-catalogue.md):
// per period from the start, the events delivered to a destination (the deliveries table) or the failed
// delivery attempts (delivery_failures). Every period of the window has a point, zero when nothing happened.
import { prisma } from "@/lib/db";

export const DELIVERY_METRICS = {
  delivery_sls_success_count: { destination: "logstore", kind: "success" },
  delivery_sls_fail_count: { destination: "logstore", kind: "fail" },
  delivery_oss_success_count: { destination: "oss", kind: "success" },
  delivery_oss_fail_count: { destination: "oss", kind: "fail" },
} as const;
export type DeliveryMetricName = keyof typeof DELIVERY_METRICS;

/** At most this many points a call: a longer window needs a longer period. */
export const MAX_METRIC_POINTS = 1_440;

export function isDeliveryMetric(name: string): name is DeliveryMetricName {
  return Object.hasOwn(DELIVERY_METRICS, name);
}

export interface MetricPoint {
  /** Start of the period, Unix milliseconds. */
  timestamp: number;
  count: number;
}

export function metricPointCount(start: Date, end: Date, periodSeconds: number): number {
  return Math.max(1, Math.ceil((end.getTime() - start.getTime()) / (periodSeconds * 1000)));
}

export async function deliveryMetric(trailName: string, metric: DeliveryMetricName, window: { start: Date; end: Date; periodSeconds: number }): Promise<MetricPoint[]> {
  const { destination, kind } = DELIVERY_METRICS[metric];
  const { start, end } = window;
  const period = window.periodSeconds * 1000;
  const points: MetricPoint[] = Array.from({ length: metricPointCount(start, end, window.periodSeconds) }, (_, i) => ({ timestamp: start.getTime() + i * period, count: 0 }));
  const add = (at: Date, n: number) => {
    const i = Math.floor((at.getTime() - start.getTime()) / period);
    if (i >= 0 && i < points.length) points[i].count += n;
  };
  const range = { gte: start, lt: end };
  if (kind === "success") {
    // Rows of a bounded window (the deliveries index leads with trail and time); history jobs count too.
    const rows = await prisma.delivery.findMany({ where: { trailName, destination, deliveredAt: range }, select: { deliveredAt: true, eventCount: true } });
    for (const r of rows) add(r.deliveredAt, r.eventCount);
  } else {
    const rows = await prisma.deliveryFailure.findMany({ where: { trailName, destination, failedAt: range }, select: { failedAt: true } });
    for (const r of rows) add(r.failedAt, 1);
  }
  return points;
}
