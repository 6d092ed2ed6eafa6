// The insight detectors. Each looks at a batch of new events against the history (which already
// includes the batch) and returns the insights to store. They never read the database themselves.
import { CidrSet, isIpAddress } from "@/lib/net/cidr";
import { addHours, DEFAULT_DETECTOR_CONFIG, hourKey, hourStart, HOUR_MS, dayKey, type DetectorConfig, type InsightType, type SubjectKind } from "./config";
import { ACCOUNT, subjectsOf, type InsightEvent, type InsightHistory } from "./history";

/** How a new insight meets one stored under the same dedupe key. */
export type MergeMode = "keep" | "replace" | "add";

export interface NewInsight {
  type: InsightType;
  subjectKind: SubjectKind;
  subject: string;
  region: string;
  sourceIp: string | null;
  startTime: string;
  endTime: string;
  eventCount: number;
  evidence: Record<string, unknown>;
  dedupeKey: string;
  merge: MergeMode;
}

export interface IpLists {
  allow: CidrSet;
  deny: CidrSet;
}

export const EMPTY_IP_LISTS: IpLists = { allow: new CidrSet([]), deny: new CidrSet([]) };

function regionOf(events: InsightEvent[]): string {
  const regions = new Set(events.map((e) => e.queryRegion));
  return regions.size === 1 ? events[0].queryRegion : "all";
}

function groupBy<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const byTime = (a: InsightEvent, b: InsightEvent) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.id - b.id);

/**
 * UnusualSourceIp: the earliest event of a subject from an IP in the batch, when that IP was not seen
 * for the subject (nor, with accountWideIps, in the account) in the previous `ipHistoryDays`, the subject
 * has at least `minPriorEvents` events from at most `maxKnownIps` IPs in that time, and the IP is on
 * neither IP list. At most one per subject, IP and day.
 */
export async function detectUnusualSourceIps(events: InsightEvent[], history: InsightHistory, lists: IpLists, cfg: DetectorConfig): Promise<NewInsight[]> {
  const out: NewInsight[] = [];
  const groups = new Map<string, { kind: SubjectKind; subject: string; ip: string; events: InsightEvent[] }>();
  for (const e of events) {
    // Allow-listed IPs are never unusual; deny-listed ones raise DeniedSourceIp instead.
    if (!isIpAddress(e.sourceIp) || lists.allow.has(e.sourceIp) || lists.deny.has(e.sourceIp)) continue;
    for (const [kind, subject] of subjectsOf(e)) {
      const key = `${kind}\u0000${subject}\u0000${e.sourceIp}`;
      const g = groups.get(key);
      if (g) g.events.push(e);
      else groups.set(key, { kind, subject, ip: e.sourceIp, events: [e] });
    }
  }
  // Users first: when a user and its AccessKey are both new to an IP, the user's insight says it.
  const raisedForUser = new Set<string>();
  const ordered = [...groups.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "user" ? -1 : 1));
  for (const g of ordered) {
    const first = g.events.reduce((a, b) => (byTime(a, b) <= 0 ? a : b));
    const day = dayKey(first.eventTime);
    if (g.kind === "accessKey" && first.userName && raisedForUser.has(`${first.userName}\u0000${g.ip}\u0000${day}`)) continue;
    if (await history.ipSeenBefore(g.kind, g.subject, g.ip, first.eventTime, cfg.ipHistoryDays)) continue;
    // An IP other subjects of the account used in that time is one of the organisation's usual IPs
    // (ActionTrail's IPInsight learns usual IPs account-wide the same way): not unusual.
    if (cfg.accountWideIps && (await history.ipSeenBefore(ACCOUNT[0], ACCOUNT[1], g.ip, first.eventTime, cfg.ipHistoryDays))) continue;
    const prior = await history.eventsBefore(g.kind, g.subject, first.eventTime, cfg.ipHistoryDays);
    if (prior < cfg.minPriorEvents) continue;
    const knownIps = await history.distinctIpsBefore(g.kind, g.subject, first.eventTime, cfg.ipHistoryDays);
    if (knownIps > cfg.maxKnownIps) continue;
    if (g.kind === "user") raisedForUser.add(`${g.subject}\u0000${g.ip}\u0000${day}`);
    out.push({
      type: "UnusualSourceIp",
      subjectKind: g.kind,
      subject: g.subject,
      region: first.queryRegion,
      sourceIp: g.ip,
      startTime: first.eventTime,
      endTime: first.eventTime,
      eventCount: 1,
      evidence: {
        firstEventId: first.eventId,
        firstEventName: first.eventName,
        ...(g.kind === "user" && first.accessKeyId ? { accessKeyId: first.accessKeyId } : {}),
        priorEvents: prior,
        knownIps,
        historyDays: cfg.ipHistoryDays,
        reason: `${g.ip} was not seen for this ${g.kind === "user" ? "user" : "AccessKey"}${cfg.accountWideIps ? " nor anywhere in the account" : ""} in the previous ${cfg.ipHistoryDays} days, which saw ${prior} of its events from ${knownIps} IP${knownIps === 1 ? "" : "s"}.`,
      },
      dedupeKey: `UnusualSourceIp|${g.kind}|${g.subject}|${g.ip}|${day}`,
      merge: "keep",
    });
  }
  return out;
}

/** DeniedSourceIp: every event from a deny-listed IP, one insight per IP, subject and hour (counted up). */
export function detectDeniedSourceIps(events: InsightEvent[], lists: IpLists): NewInsight[] {
  if (lists.deny.size === 0) return [];
  const denied = events.filter((e) => isIpAddress(e.sourceIp) && lists.deny.has(e.sourceIp));
  const groups = groupBy(denied, (e) => `${e.sourceIp}\u0000${e.userName ?? e.accessKeyId ?? ""}\u0000${hourKey(e.eventTime)}`);
  return [...groups.values()].map((list) => {
    list.sort(byTime);
    const first = list[0];
    const [kind, subject] = subjectsOf(first)[0] ?? (["user", "(unknown)"] as const);
    return {
      type: "DeniedSourceIp" as const,
      subjectKind: kind,
      subject,
      region: regionOf(list),
      sourceIp: first.sourceIp,
      startTime: first.eventTime,
      endTime: list[list.length - 1].eventTime,
      eventCount: list.length,
      evidence: {
        firstEventId: first.eventId,
        firstEventName: first.eventName,
        eventIds: list.slice(0, 20).map((e) => e.eventId),
        reason: `${first.sourceIp} is on the deny list.`,
      },
      dedupeKey: `DeniedSourceIp|${first.sourceIp}|${kind}|${subject}|${hourKey(first.eventTime)}`,
      merge: "add" as const,
    };
  });
}

export interface Baseline {
  hours: number;
  calls: number;
  errors: number;
  mean: number;
  stddev: number;
}

/** Mean and (population) standard deviation of hourly calls over the `hours` before `hour`, zeros included. */
export function baselineOf(counts: Map<string, { calls: number; errors: number }>, hour: string, hours: number): Baseline {
  let sum = 0;
  let sumSq = 0;
  let errors = 0;
  for (let i = 1; i <= hours; i++) {
    const c = counts.get(addHours(hour, -i));
    const n = c?.calls ?? 0;
    sum += n;
    sumSq += n * n;
    errors += c?.errors ?? 0;
  }
  const mean = sum / hours;
  const variance = Math.max(0, sumSq / hours - mean * mean);
  return { hours, calls: sum, errors, mean, stddev: Math.sqrt(variance) };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * ApiCallRateAnomaly and ApiErrorRateAnomaly, per user and UTC hour touched by the batch: the hour's
 * totals (history includes the batch) against the previous `baselineHours` hourly counts.
 */
export async function detectRateAnomalies(events: InsightEvent[], history: InsightHistory, cfg: DetectorConfig): Promise<NewInsight[]> {
  const out: NewInsight[] = [];
  const touched = groupBy(events, (e) => (e.userName ? `${e.userName}\u0000${hourKey(e.eventTime)}` : undefined));
  for (const [key, list] of touched) {
    const [user, hour] = key.split("\u0000");
    // The hour alone first: most hours are far below both floors and need no baseline.
    const now = (await history.hourlyCounts("user", user, hour, hour)).get(hour);
    if (!now || now.calls < Math.min(cfg.minCallsPerHour, cfg.minCallsForErrorRate)) continue;
    const counts = await history.hourlyCounts("user", user, addHours(hour, -cfg.baselineHours), hour);
    const current = counts.get(hour) ?? now;
    const base = baselineOf(counts, hour, cfg.baselineHours);
    const window = { startTime: hourStart(hour).toISOString(), endTime: new Date(hourStart(hour).getTime() + HOUR_MS - 1).toISOString() };
    const region = regionOf(list);
    const baseEvidence = { hour: window.startTime, baselineHours: cfg.baselineHours, baselineCalls: base.calls };

    const callThreshold = Math.max(cfg.minCallsPerHour, base.mean + cfg.callRateK * base.stddev);
    if (base.calls >= cfg.minBaselineCalls && current.calls >= callThreshold) {
      out.push({
        type: "ApiCallRateAnomaly", subjectKind: "user", subject: user, region, sourceIp: null, ...window,
        eventCount: current.calls,
        evidence: {
          ...baseEvidence, calls: current.calls, baselineMean: round(base.mean), baselineStddev: round(base.stddev),
          k: cfg.callRateK, floor: cfg.minCallsPerHour, threshold: round(callThreshold),
          reason: `${current.calls} calls in the hour; the previous ${cfg.baselineHours} hours averaged ${round(base.mean)} (stddev ${round(base.stddev)}), threshold ${round(callThreshold)}.`,
        },
        dedupeKey: `ApiCallRateAnomaly|user|${user}|${hour}`,
        merge: "replace",
      });
    }

    if (current.calls >= cfg.minCallsForErrorRate && current.errors >= cfg.minErrorsPerHour) {
      const p0 = base.calls >= cfg.minBaselineCalls ? base.errors / base.calls : cfg.defaultErrorRate;
      const rate = current.errors / current.calls;
      const threshold = Math.max(cfg.minErrorRate, p0 + cfg.errorRateK * Math.sqrt((p0 * (1 - p0)) / current.calls));
      if (rate >= threshold) {
        out.push({
          type: "ApiErrorRateAnomaly", subjectKind: "user", subject: user, region, sourceIp: null, ...window,
          eventCount: current.errors,
          evidence: {
            ...baseEvidence, calls: current.calls, errors: current.errors, errorRate: round(rate, 4),
            baselineErrors: base.errors, baselineErrorRate: round(p0, 4), k: cfg.errorRateK, floor: cfg.minErrorRate,
            threshold: round(threshold, 4),
            reason: `${current.errors} of ${current.calls} calls failed (${round(rate * 100, 1)}%) against a baseline of ${round(p0 * 100, 1)}%; threshold ${round(threshold * 100, 1)}%.`,
          },
          dedupeKey: `ApiErrorRateAnomaly|user|${user}|${hour}`,
          merge: "replace",
        });
      }
    }
  }
  return out;
}

/** Every detector over one batch. */
export async function detectInsights(
  events: InsightEvent[],
  history: InsightHistory,
  lists: IpLists = EMPTY_IP_LISTS,
  cfg: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): Promise<NewInsight[]> {
  return [
    ...detectDeniedSourceIps(events, lists),
    ...(await detectUnusualSourceIps(events, history, lists, cfg)),
    ...(await detectRateAnomalies(events, history, cfg)),
  ];
}
