// The detectors' history from the rollup tables (insight_hourly_counts, insight_subject_ips), which the
// insight step brings up to date (batch included) before it detects. Every read is a primary-key range
// of one subject: at most 30 days x 24 rows, never the event table's history.
import { db, sql } from "@/lib/db/sql";
import { DAY_MS, dayKey, hourKey, type SubjectKind } from "./config";
import { daysBefore, type HistoryKind, type HourCount, type InsightHistory } from "./history";


export class DbHistory implements InsightHistory {
  async ipSeenBefore(kind: HistoryKind, subject: string, ip: string, time: string, days: number): Promise<boolean> {
    const day = dayKey(time);
    const rows = await db.all(sql`SELECT day, first_seen AS "firstSeen" FROM insight_subject_ips
      WHERE subject_kind = ${kind} AND subject = ${subject} AND ip = ${ip} AND day >= ${daysBefore(time, days)} AND day <= ${day}`);
    return rows.some((r) => String(r.day) < day || String(r.firstSeen) < time);
  }

  async distinctIpsBefore(kind: SubjectKind, subject: string, time: string, days: number): Promise<number> {
    const [row] = await db.all(sql`SELECT COUNT(DISTINCT ip) AS n FROM insight_subject_ips
      WHERE subject_kind = ${kind} AND subject = ${subject} AND day >= ${daysBefore(time, days)} AND day <= ${dayKey(time)} AND first_seen < ${time}`);
    return Number(row?.n ?? 0);
  }

  async eventsBefore(kind: SubjectKind, subject: string, time: string, days: number): Promise<number> {
    const from = hourKey(new Date(Date.parse(time) - days * DAY_MS).toISOString());
    const [row] = await db.all(sql`SELECT COALESCE(SUM(calls), 0) AS n FROM insight_hourly_counts
      WHERE subject_kind = ${kind} AND subject = ${subject} AND hour >= ${from} AND hour < ${hourKey(time)}`);
    return Number(row?.n ?? 0);
  }

  async hourlyCounts(kind: SubjectKind, subject: string, fromHour: string, toHour: string): Promise<Map<string, HourCount>> {
    const out = new Map<string, HourCount>();
    const rows = await db.all(sql`SELECT hour, calls, errors FROM insight_hourly_counts
      WHERE subject_kind = ${kind} AND subject = ${subject} AND hour >= ${fromHour} AND hour <= ${toHour}`);
    for (const r of rows) out.set(String(r.hour), { calls: Number(r.calls), errors: Number(r.errors) });
    return out;
  }
}
