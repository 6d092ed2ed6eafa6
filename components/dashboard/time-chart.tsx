"use client";

import { format } from "date-fns";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";
import { bucketSeries, bucketWindow, type SeriesPoint } from "@/lib/stats/buckets";
import { eventCount, type LinkFilter } from "@/lib/stats/links";
import type { DisplayBucket } from "@/lib/stats/window";
import { useIsClient } from "./use-is-client";

export interface ChartSeries {
  label: string;
  color: string;
  /** The /events condition of this series (none: every event of the bucket). */
  filter?: LinkFilter;
}

/** One SQL bucket: its UTC start and a count per series, in the order of `series`. */
export interface ChartPoint {
  at: string;
  counts: number[];
}

type Row = { start: number; end: number; total: number } & Record<string, number>;

/** Which bucket starts get an axis label: round minutes and hours, local midnights. */
const TICK_AT: Record<DisplayBucket, (d: Date) => boolean> = {
  minute: (d) => d.getMinutes() % 10 === 0,
  hour: (d) => d.getMinutes() === 0 && d.getHours() % 3 === 0,
  "6h": (d) => d.getHours() === 0 && d.getMinutes() === 0,
  day: () => true,
};

const TICK: Record<DisplayBucket, (d: Date) => string> = {
  minute: (d) => format(d, "HH:mm"),
  hour: (d) => (d.getHours() === 0 ? format(d, "MMM d") : format(d, "HH:mm")),
  "6h": (d) => (d.getHours() === 0 ? format(d, "MMM d") : format(d, "HH:mm")),
  day: (d) => format(d, "MMM d"),
};

/** The local span of a bucket, as the tooltip and the link's name say it. */
export function bucketLabel(kind: DisplayBucket, start: number, end: number): string {
  const s = new Date(start);
  if (kind === "minute") return format(s, "MMM d, HH:mm");
  if (kind === "day") return format(s, "EEE, MMM d");
  return `${format(s, "MMM d, HH:mm")}–${format(new Date(end), "HH:mm")}`;
}

const key = (i: number) => `s${i}`;

/**
 * Stacked bars over time in the viewer's time zone. Every bar segment is a link to /events with its
 * series' condition and the bucket's window.
 */
export function TimeChart({
  window: w,
  bucket,
  series,
  points,
  label,
  className = "h-64",
}: {
  window: EventScope;
  bucket: DisplayBucket;
  series: ChartSeries[];
  points: ChartPoint[];
  label: string;
  className?: string;
}) {
  const router = useRouter();
  const isClient = useIsClient();
  const rows = useMemo(() => {
    if (!isClient) return [];
    const keys = series.map((_, i) => key(i));
    const sp: SeriesPoint<string>[] = points.map((p) => ({ at: p.at, counts: Object.fromEntries(p.counts.map((n, i) => [key(i), n])) }));
    return bucketSeries(w, bucket, keys, sp).map((b) => {
      const row = { start: b.start, end: b.end, total: 0 } as Row;
      for (const k of keys) {
        row[k] = b.counts[k];
        row.total += b.counts[k];
      }
      return row;
    });
  }, [isClient, w, bucket, series, points]);

  if (!isClient) return <div className={`${className} animate-pulse rounded bg-slate-50`} aria-hidden />;

  const shape = (s: ChartSeries, i: number) =>
    function Segment(props: BarShapeProps) {
      const row = props.payload as Row;
      const n = row[key(i)];
      if (!n || props.height <= 0) return null;
      const href = eventsUrl({ ...w, ...bucketWindow(row), ...s.filter });
      return (
        <a
          href={href}
          aria-label={`${s.label}, ${bucketLabel(bucket, row.start, row.end)}: ${eventCount(n)}`}
          onClick={(e) => {
            e.preventDefault();
            router.push(href);
          }}
        >
          <rect x={props.x} y={props.y} width={props.width} height={Math.max(props.height, 1)} fill={s.color} className="hover:opacity-80" />
        </a>
      );
    };

  return (
    <div className={className} role="figure" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="12%">
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="start"
            ticks={rows.filter((r) => TICK_AT[bucket](new Date(r.start))).map((r) => r.start)}
            interval="preserveStartEnd"
            tickFormatter={(v) => TICK[bucket](new Date(Number(v)))}
            minTickGap={24}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={44} tickFormatter={compact} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = payload?.[0]?.payload as Row | undefined;
              if (!active || !row) return null;
              return (
                <div className="max-w-72 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="mb-1 font-medium text-slate-900">{bucketLabel(bucket, row.start, row.end)}</p>
                  {series.map((s, i) => (
                    <p key={i} className="flex items-center gap-2 text-slate-700">
                      <span className="size-2 shrink-0 rounded-sm" style={{ background: s.color }} aria-hidden />
                      <span className="min-w-0 flex-1 truncate" title={s.label}>{s.label}</span>
                      <span className="tabular-nums">{row[key(i)].toLocaleString("en-US")}</span>
                    </p>
                  ))}
                  {series.length > 1 && (
                    <p className="mt-1 flex justify-between border-t border-slate-100 pt-1 font-medium text-slate-900">
                      <span>Total</span>
                      <span className="tabular-nums">{row.total.toLocaleString("en-US")}</span>
                    </p>
                  )}
                </div>
              );
            }}
          />
          {series.map((s, i) => (
            <Bar key={i} dataKey={key(i)} stackId="a" fill={s.color} isAnimationActive={false} shape={shape(s, i)} maxBarSize={48} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** 12,400 → 12.4k on the axis. */
export function compact(n: number): string {
  return Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}
