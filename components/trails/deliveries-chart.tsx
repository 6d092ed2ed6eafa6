"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  hour: string;
  events: number;
}

const label = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 13)}:00`;

/** Events delivered per hour (UTC), all destinations together. */
export function DeliveriesChart({ data }: { data: ChartPoint[] }) {
  const empty = data.every((p) => p.events === 0);
  return (
    <div data-testid="deliveries-chart" className="relative h-56 w-full" role="img" aria-label="Events delivered per hour over the last 3 days">
      {empty && (
        <p className="pointer-events-none absolute inset-0 flex items-center justify-center pb-6 text-slate-500">No events delivered in the last 3 days</p>
      )}
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="hour" tickFormatter={label} interval={11} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
          <Tooltip labelFormatter={(v) => `${label(String(v))} UTC`} formatter={(v) => [v, "events"]} cursor={{ fill: "#fff7ed" }} />
          <Bar dataKey="events" fill="#ea580c" isAnimationActive={false} radius={[2, 2, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
