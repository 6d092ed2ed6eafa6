"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ActivityBucket } from "@/lib/activity/user-activity";

/** Events per hour or day (UTC), succeeded and failed stacked. */
export function ActivityChart({ data, bucket }: { data: ActivityBucket[]; bucket: "hour" | "day" }) {
  const label = (iso: string) => (bucket === "hour" ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}:00` : iso.slice(0, 10));
  const points = data.map((b) => ({ time: b.time, succeeded: b.count - b.failed, failed: b.failed }));
  return (
    <div data-testid="activity-chart" className="h-56 w-full" role="img" aria-label={`Events per ${bucket}, succeeded and failed`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="time" tickFormatter={label} minTickGap={24} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
          <Tooltip labelFormatter={(v) => `${label(String(v))} UTC`} cursor={{ fill: "#fff7ed" }} />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="succeeded" stackId="a" fill="#ea580c" isAnimationActive={false} />
          <Bar dataKey="failed" stackId="a" fill="#dc2626" isAnimationActive={false} radius={[2, 2, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
