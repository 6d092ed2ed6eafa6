// Insight types and the detector thresholds (documented in the README: how each baseline is computed).

export const INSIGHT_TYPES = ["UnusualSourceIp", "DeniedSourceIp", "ApiCallRateAnomaly", "ApiErrorRateAnomaly"] as const;
export type InsightType = (typeof INSIGHT_TYPES)[number];

export const INSIGHT_LABELS: Record<InsightType, string> = {
  UnusualSourceIp: "Unusual source IP",
  DeniedSourceIp: "Deny-listed source IP",
  ApiCallRateAnomaly: "API call rate anomaly",
  ApiErrorRateAnomaly: "API error rate anomaly",
};

export function isInsightType(v: unknown): v is InsightType {
  return typeof v === "string" && (INSIGHT_TYPES as readonly string[]).includes(v);
}

export type SubjectKind = "user" | "accessKey";

export interface DetectorConfig {
  /** UnusualSourceIp: how far back an IP counts as known for a subject. */
  ipHistoryDays: number;
  /** UnusualSourceIp: an IP any subject of the account used in those days is not unusual either. */
  accountWideIps: boolean;
  /**
   * UnusualSourceIp: only a subject with a stable set of IPs (at most this many distinct IPs in those
   * days) can call from an unusual one; a subject already spread over more IPs has no usual set.
   */
  maxKnownIps: number;
  /** UnusualSourceIp: the subject needs at least this many events in those days before a new IP is unusual. */
  minPriorEvents: number;
  /** Rate baselines: hourly counts of this many previous hours (7 days). */
  baselineHours: number;
  /** ApiCallRateAnomaly: calls in the hour must reach mean + k * stddev of the baseline hours ... */
  callRateK: number;
  /** ... and at least this many (an absolute floor: a quiet user doing 12 calls is not an anomaly). */
  minCallsPerHour: number;
  /** ... and the baseline must hold at least this many calls (a brand-new user has no baseline). */
  minBaselineCalls: number;
  /** ApiErrorRateAnomaly: failed share of the hour must reach p0 + k * sqrt(p0 (1 - p0) / n) ... */
  errorRateK: number;
  /** ... and at least this share ... */
  minErrorRate: number;
  /** ... over at least this many calls and this many failed calls in the hour. */
  minCallsForErrorRate: number;
  minErrorsPerHour: number;
  /** The error rate assumed while the baseline holds fewer than minBaselineCalls calls. */
  defaultErrorRate: number;
}

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  ipHistoryDays: 30,
  accountWideIps: true,
  maxKnownIps: 5,
  minPriorEvents: 20,
  baselineHours: 7 * 24,
  callRateK: 4,
  minCallsPerHour: 60,
  minBaselineCalls: 20,
  errorRateK: 4,
  minErrorRate: 0.3,
  minCallsForErrorRate: 20,
  minErrorsPerHour: 10,
  defaultErrorRate: 0.05,
};

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** "2026-11-23T16" for a canonical event time. */
export function hourKey(time: string): string {
  return time.slice(0, 13);
}

/** "2026-11-23" for a canonical event time. */
export function dayKey(time: string): string {
  return time.slice(0, 10);
}

export function hourStart(key: string): Date {
  return new Date(`${key}:00:00.000Z`);
}

export function addHours(key: string, n: number): string {
  return hourKey(new Date(hourStart(key).getTime() + n * HOUR_MS).toISOString());
}
