// Display buckets of the time charts. SQL counts per UTC minute or hour (lib/stats/activity.ts); the
// browser groups those few hundred counts into minutes, hours, 6-hour blocks or days of the viewer's own
// time zone, so the axis reads in local time and a "day" is a local day. Client-safe, no database.
import { addDays, addHours, addMinutes, startOfDay, startOfHour, startOfMinute } from "date-fns";
import type { EventScope } from "@/lib/events/scope";
import type { DisplayBucket } from "./window";

export interface TimeBucket<K extends string> {
  /** Start (inclusive) and end (exclusive) in epoch ms, clipped to the window. */
  start: number;
  end: number;
  counts: Record<K, number>;
}

/** A count row of the SQL: the ISO start of its UTC minute/hour and one count per series. */
export interface SeriesPoint<K extends string> {
  at: string;
  counts: Partial<Record<K, number>>;
}

function align(t: number, kind: DisplayBucket): Date {
  const d = new Date(t);
  switch (kind) {
    case "minute": return startOfMinute(d);
    case "hour": return startOfHour(d);
    case "6h": {
      const h = startOfHour(d);
      h.setHours(Math.floor(h.getHours() / 6) * 6);
      return h;
    }
    case "day": return startOfDay(d);
  }
}

function next(d: Date, kind: DisplayBucket): Date {
  switch (kind) {
    case "minute": return addMinutes(d, 1);
    case "hour": return addHours(d, 1);
    // Re-aligned, so a daylight-saving change cannot shift every later block.
    case "6h": return align(addHours(d, 6).getTime(), "6h");
    case "day": return addDays(d, 1);
  }
}

/** Every display bucket of the window, oldest first, each with a zero for every series. */
export function emptyBuckets<K extends string>(w: EventScope, kind: DisplayBucket, keys: readonly K[]): TimeBucket<K>[] {
  const start = Date.parse(w.start);
  const end = Date.parse(w.end);
  const out: TimeBucket<K>[] = [];
  for (let b = align(start, kind); b.getTime() <= end; b = next(b, kind)) {
    const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
    out.push({ start: Math.max(b.getTime(), start), end: Math.min(next(b, kind).getTime(), end + 1), counts });
  }
  return out;
}

/** Adds the SQL's count rows into the display buckets (a row goes where its UTC minute/hour starts). */
export function bucketSeries<K extends string>(
  w: EventScope,
  kind: DisplayBucket,
  keys: readonly K[],
  points: readonly SeriesPoint<K>[],
): TimeBucket<K>[] {
  const buckets = emptyBuckets(w, kind, keys);
  for (const p of points) {
    const t = Date.parse(p.at);
    // Binary search: the last bucket starting at or before t (a row older than the window's start,
    // from the first partial SQL bucket, goes into the first display bucket).
    let lo = 0;
    let hi = buckets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (buckets[mid].start <= t) lo = mid;
      else hi = mid - 1;
    }
    const b = buckets[lo];
    if (!b) continue;
    for (const k of keys) b.counts[k] += p.counts[k] ?? 0;
  }
  return buckets;
}

/** The /events window of a bucket: its start, and the last millisecond before its end (end is inclusive there). */
export function bucketWindow(b: { start: number; end: number }): { start: string; end: string } {
  return { start: new Date(b.start).toISOString(), end: new Date(b.end - 1).toISOString() };
}
