// Everything the dashboard shows for one region and window, from aggregate queries only: no event is
// loaded into memory except the few latest sensitive operations the table lists. Counts per hour and the
// top-N lists come from the rollups (./rollups.ts), with the window's partial hours and days counted from
// the events (the chart stacked by service too); a window counted per minute (up to 2 hours) is read from
// the events alone.
import { type EventListRow } from "@/lib/events/query";
import type { EventScope } from "@/lib/events/scope";
import { countActivity, countServiceActivity, type ActivityPoint, type ServicePoint } from "./activity";
import { countActivityFromRollups, countServiceActivityFromRollups, eventsInFrom, findTopValuesFromRollups } from "./rollups";
import { findTopValues, type TopDimension, type TopValue } from "./top";
import type { SqlBucketUnit, StackBy } from "./window";
import { eventStore } from "@/lib/events/event-store";

/** Services stacked separately in the activity chart; the rest are "Other". */
export const STACKED_SERVICES = 5;
export const LATEST_SENSITIVE = 10;
export const TOP_ERROR_CODES = 8;

export interface Totals {
  events: number;
  read: number;
  write: number;
  errors: number;
  sensitive: number;
}

/** A row of the latest sensitive operations (the indexed columns only, never the raw JSON). */
export type SensitiveRow = Pick<EventListRow, "eventId" | "eventTime" | "eventName" | "serviceName" | "userName" | "sourceIp" | "errorCode">;

export interface DashboardData {
  totals: Totals;
  activity: ActivityPoint[];
  /** Per-bucket counts of the top services, when the chart is stacked by service. */
  serviceActivity?: { services: string[]; points: ServicePoint[] };
  top: Record<TopDimension, TopValue[]>;
  latestSensitive: SensitiveRow[];
}

export function sumActivity(points: readonly ActivityPoint[]): Totals {
  const t: Totals = { events: 0, read: 0, write: 0, errors: 0, sensitive: 0 };
  for (const p of points) {
    t.read += p.read;
    t.write += p.write;
    t.errors += p.errors;
    t.sensitive += p.sensitive;
  }
  t.events = t.read + t.write;
  return t;
}

const NO_TOP: Record<TopDimension, TopValue[]> = { service: [], eventName: [], user: [], sourceIp: [], accessKeyId: [], errorCode: [] };

export async function getDashboard(w: EventScope, opts: { unit: SqlBucketUnit; stack: StackBy }): Promise<DashboardData> {
  const activity = opts.unit === "hour" ? await countActivityFromRollups(w) : await countActivity(w, opts.unit);
  const totals = sumActivity(activity);
  // Nothing in the window: every other count is zero too.
  if (totals.events === 0) return { totals, activity, top: NO_TOP, latestSensitive: [] };

  // The activity counts say how many events each partial day holds: its top-N plan follows at once.
  const known = { eventsIn: eventsInFrom(activity, opts.unit === "hour" ? 3_600_000 : 60_000) };
  const [service, eventName, user, sourceIp, accessKeyId, errorCode, sensitivePage] = await Promise.all([
    findTopValuesFromRollups(w, "service", known),
    findTopValuesFromRollups(w, "eventName", known),
    findTopValuesFromRollups(w, "user", known),
    findTopValuesFromRollups(w, "sourceIp", known),
    findTopValuesFromRollups(w, "accessKeyId", known),
    totals.errors ? findTopValuesFromRollups(w, "errorCode", { ...known, limit: TOP_ERROR_CODES }) : Promise.resolve([]),
    totals.sensitive ? eventStore().page({ ...w, sensitive: true }, { limit: LATEST_SENSITIVE }) : Promise.resolve({ rows: [] }),
  ]);
  const data: DashboardData = {
    totals,
    activity,
    top: { service, eventName, user, sourceIp, accessKeyId, errorCode },
    latestSensitive: sensitivePage.rows.map((r) => ({
      eventId: r.eventId, eventTime: r.eventTime, eventName: r.eventName, serviceName: r.serviceName,
      userName: r.userName, sourceIp: r.sourceIp, errorCode: r.errorCode,
    })),
  };
  if (opts.stack === "service") {
    const services = service.slice(0, STACKED_SERVICES).map((s) => s.value);
    const points = opts.unit === "hour" ? await countServiceActivityFromRollups(w, services) : await countServiceActivity(w, opts.unit, services);
    data.serviceActivity = { services, points };
  }
  return data;
}

/**
 * The dashboard's counts straight from the events, as the page counted them before the rollups: the
 * reference the tests and the benchmark hold the rollups to (equal, not just close).
 */
export async function countDashboardFromEvents(w: EventScope, unit: SqlBucketUnit): Promise<Pick<DashboardData, "totals" | "activity" | "top">> {
  const activity = await countActivity(w, unit);
  const totals = sumActivity(activity);
  if (totals.events === 0) return { totals, activity, top: NO_TOP };
  const known = { eventsInWindow: totals.events };
  const dims = Object.keys(NO_TOP) as TopDimension[];
  const lists = await Promise.all(
    dims.map((d) => (d === "errorCode" ? (totals.errors ? findTopValues(w, d, { ...known, limit: TOP_ERROR_CODES }) : Promise.resolve([])) : findTopValues(w, d, known))),
  );
  return { totals, activity, top: Object.fromEntries(dims.map((d, i) => [d, lists[i]])) as Record<TopDimension, TopValue[]> };
}
