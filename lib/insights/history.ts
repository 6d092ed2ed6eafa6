// What the detectors know about the past: a subject's known IPs, its event counts and its hourly
// counts. MemoryHistory answers from a list of events (a batch, or a test's generated data);
// lib/insights/db-history.ts answers from the rollup tables plus the batch being processed.
import { DAY_MS, dayKey, hourKey, type SubjectKind } from "./config";

/** The columns of an event the detectors read. */
export interface InsightEvent {
  id: number;
  eventId: string;
  eventTime: string;
  queryRegion: string;
  eventName: string;
  userName: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  errorCode: string | null;
}

export interface HourCount {
  calls: number;
  errors: number;
}

/** Rollup rows are kept per user, per AccessKey and for the whole account ("account", "*"). */
export type HistoryKind = SubjectKind | "account";
export const ACCOUNT: [HistoryKind, string] = ["account", "*"];

export interface InsightHistory {
  /** Whether `ip` was seen for the subject in the `days` before `time` (day granularity, see README). */
  ipSeenBefore(kind: HistoryKind, subject: string, ip: string, time: string, days: number): Promise<boolean>;
  /** The distinct IPs of the subject in the `days` before `time` (day granularity, the event's day included). */
  distinctIpsBefore(kind: SubjectKind, subject: string, time: string, days: number): Promise<number>;
  /** The subject's events in the `days` before `time`. */
  eventsBefore(kind: SubjectKind, subject: string, time: string, days: number): Promise<number>;
  /** Hourly counts of the subject for hours fromHour..toHour inclusive (missing hours are zero). */
  hourlyCounts(kind: SubjectKind, subject: string, fromHour: string, toHour: string): Promise<Map<string, HourCount>>;
}

/** The subjects of an event: its user and its AccessKey. */
export function subjectsOf(e: InsightEvent): [SubjectKind, string][] {
  const out: [SubjectKind, string][] = [];
  if (e.userName) out.push(["user", e.userName]);
  if (e.accessKeyId) out.push(["accessKey", e.accessKeyId]);
  return out;
}

export function daysBefore(time: string, days: number): string {
  return dayKey(new Date(Date.parse(time) - days * DAY_MS).toISOString());
}

/** Answers from events held in memory, indexed by subject, by subject and IP, and by subject and hour. */
export class MemoryHistory implements InsightHistory {
  private readonly bySubject = new Map<string, InsightEvent[]>();
  private readonly byIp = new Map<string, string[]>();
  private readonly byHour = new Map<string, Map<string, HourCount>>();

  constructor(events: Iterable<InsightEvent>) {
    for (const e of events) {
      if (e.sourceIp) push(this.byIp, `${ACCOUNT[0]}\u0000${ACCOUNT[1]}\u0000${e.sourceIp}`, e.eventTime);
      for (const [kind, subject] of subjectsOf(e)) {
        const key = `${kind}\u0000${subject}`;
        push(this.bySubject, key, e);
        if (e.sourceIp) push(this.byIp, `${key}\u0000${e.sourceIp}`, e.eventTime);
        let hours = this.byHour.get(key);
        if (!hours) this.byHour.set(key, (hours = new Map()));
        const h = hourKey(e.eventTime);
        const c = hours.get(h) ?? { calls: 0, errors: 0 };
        c.calls++;
        if (e.errorCode) c.errors++;
        hours.set(h, c);
      }
    }
  }

  events(kind: SubjectKind, subject: string): InsightEvent[] {
    return this.bySubject.get(`${kind}\u0000${subject}`) ?? [];
  }

  async ipSeenBefore(kind: HistoryKind, subject: string, ip: string, time: string, days: number): Promise<boolean> {
    const fromDay = daysBefore(time, days);
    return (this.byIp.get(`${kind}\u0000${subject}\u0000${ip}`) ?? []).some((t) => t < time && dayKey(t) >= fromDay);
  }

  async distinctIpsBefore(kind: SubjectKind, subject: string, time: string, days: number): Promise<number> {
    const fromDay = daysBefore(time, days);
    const day = dayKey(time);
    const ips = new Set<string>();
    for (const e of this.events(kind, subject)) {
      if (e.sourceIp && dayKey(e.eventTime) >= fromDay && dayKey(e.eventTime) <= day && e.eventTime < time) ips.add(e.sourceIp);
    }
    return ips.size;
  }

  async eventsBefore(kind: SubjectKind, subject: string, time: string, days: number): Promise<number> {
    const from = new Date(Date.parse(time) - days * DAY_MS).toISOString();
    let n = 0;
    for (const e of this.events(kind, subject)) if (e.eventTime < time && e.eventTime >= from) n++;
    return n;
  }

  async hourlyCounts(kind: SubjectKind, subject: string, fromHour: string, toHour: string): Promise<Map<string, HourCount>> {
    const out = new Map<string, HourCount>();
    for (const [h, c] of this.byHour.get(`${kind}\u0000${subject}`) ?? []) if (h >= fromHour && h <= toHour) out.set(h, { ...c });
    return out;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
