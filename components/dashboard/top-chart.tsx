"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, ResponsiveContainer, XAxis, YAxis, type BarShapeProps } from "recharts";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";
import { eventCount, type LinkFilter } from "@/lib/stats/links";
import type { TopValue } from "@/lib/stats/top";

const ROW_PX = 26;
const LABEL_PX = 176;
const COUNT_PX = 56;
type Row = { i: number; value: string; count: number; pad?: boolean };

/**
 * A ranked list as horizontal bars: label, bar and count on one row, the whole row a link to /events
 * with `param` set to the row's value. Always `slots` rows tall, so cards side by side line up.
 */
export function TopChart({
  window: w,
  param,
  values,
  label,
  color = "#ea580c",
  slots,
  extraFilter = {},
  mono = false,
}: {
  window: EventScope;
  param: keyof LinkFilter;
  values: TopValue[];
  label: string;
  color?: string;
  slots: number;
  extraFilter?: LinkFilter;
  mono?: boolean;
}) {
  const router = useRouter();
  const rows: Row[] = Array.from({ length: Math.max(slots, values.length) }, (_, i) =>
    values[i] ? { i, value: values[i].value, count: values[i].count } : { i, value: "", count: 0, pad: true },
  );
  const max = Math.max(1, ...values.map((v) => v.count));

  function Item(props: BarShapeProps) {
    const row = props.payload as Row;
    const b = props.background;
    if (row.pad || !b || b.x === null || b.y === null) return null;
    const bg = { x: b.x, y: b.y, width: b.width, height: b.height };
    const href = eventsUrl({ ...w, ...extraFilter, [param]: row.value });
    const name = `${row.value}: ${eventCount(row.count)}`;
    const mid = bg.y + bg.height / 2;
    return (
      <a
        href={href}
        aria-label={name}
        className="group"
        onClick={(e) => {
          e.preventDefault();
          router.push(href);
        }}
      >
        <title>{name}</title>
        <rect x={bg.x - LABEL_PX} y={bg.y} width={bg.width + LABEL_PX + COUNT_PX} height={bg.height} rx={3} className="fill-transparent group-hover:fill-orange-50" />
        {/* HTML inside the SVG, so a long value is cut by CSS at the real text width, with a tooltip. */}
        <foreignObject x={bg.x - LABEL_PX + 4} y={bg.y} width={LABEL_PX - 12} height={bg.height}>
          <div className="flex h-full items-center">
            <span title={row.value} className={`truncate text-xs text-slate-700 group-hover:text-orange-800 ${mono ? "font-mono" : ""}`}>
              {row.value}
            </span>
          </div>
        </foreignObject>
        <rect x={props.x} y={props.y} width={Math.max(props.width, 2)} height={props.height} rx={2} fill={color} />
        <text x={bg.x + bg.width + COUNT_PX - 4} y={mid} dominantBaseline="central" textAnchor="end" fontSize={12} className="fill-slate-600 tabular-nums">
          {row.count.toLocaleString("en-US")}
        </text>
      </a>
    );
  }

  return (
    <div role="figure" aria-label={label} style={{ height: rows.length * ROW_PX + 4 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart layout="vertical" data={rows} margin={{ top: 2, right: COUNT_PX, bottom: 2, left: LABEL_PX }} barCategoryGap={6}>
          <XAxis type="number" hide domain={[0, max]} />
          <YAxis type="category" dataKey="i" hide />
          <Bar dataKey="count" fill={color} background={{ fill: "transparent" }} shape={Item} isAnimationActive={false} maxBarSize={16} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
