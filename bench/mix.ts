// The fixed query mix. Filter values are taken from the generated data (sampled before any timing) so
// every query returns rows: the busiest value of each filter in the default window, plus a rare user.
import type { FloorDb } from "./store";
import { ALL_REGIONS, DAY_MS, type EventFilters } from "@/lib/events/filters";
import { DEFAULT_REGION } from "@/lib/events/regions";

export interface QueryCase {
  name: string;
  filters: EventFilters;
  /** Time the second page: the cursor is page one's nextCursor. */
  secondPage?: boolean;
}

type Row = Record<string, string | number | null>;

class Sampler {
  constructor(
    private db: FloorDb,
    private region: string,
    private start: string,
    private end: string,
  ) {}

  private window(table = "events"): string {
    return `${table}.query_region = @region AND ${table}.event_time >= @start AND ${table}.event_time <= @end`;
  }

  private params(extra: Row = {}): Row {
    return { region: this.region, start: this.start, end: this.end, ...extra };
  }

  /** The most frequent non-null value of `column` in the window, with optional extra conditions. */
  async top(column: string, where = "", extra: Row = {}, order = "DESC"): Promise<string | undefined> {
    const sql = `SELECT ${column} AS v, count(*) AS n FROM events WHERE ${this.window()} AND ${column} IS NOT NULL ${where ? `AND ${where}` : ""}
      GROUP BY ${column} ORDER BY n ${order}, ${column} LIMIT 1`;
    return (await this.db.query(sql, this.params(extra)))[0]?.v as string | undefined;
  }

  async topResource(column: "resource_type" | "resource_name", order = "DESC"): Promise<string | undefined> {
    const sql = `SELECT ${column} AS v, count(*) AS n FROM event_resources WHERE ${this.window("event_resources")}
      GROUP BY ${column} ORDER BY n ${order}, ${column} LIMIT 1`;
    return (await this.db.query(sql, this.params()))[0]?.v as string | undefined;
  }

  /** An event from the middle of the window. */
  async middleEventId(): Promise<string | undefined> {
    const n = Number((await this.db.query(`SELECT count(*) AS n FROM events WHERE ${this.window()}`, this.params()))[0].n);
    const sql = `SELECT event_id AS v FROM events WHERE ${this.window()} ORDER BY event_time DESC, id DESC LIMIT 1 OFFSET @offset`;
    return (await this.db.query(sql, this.params({ offset: Math.floor(n / 2) })))[0]?.v as string | undefined;
  }
}

export interface MixOptions {
  end: Date;
}

/** Builds the query mix against a database already filled by the generator. */
export async function buildQueryMix(db: FloorDb, opts: MixOptions): Promise<{ cases: QueryCase[]; skipped: string[] }> {
  const region = DEFAULT_REGION;
  const end = opts.end.toISOString();
  const day = new Date(opts.end.getTime() - DAY_MS).toISOString();
  const quarter = new Date(opts.end.getTime() - 90 * DAY_MS).toISOString();
  const base: EventFilters = { region, start: day, end };
  const s = new Sampler(db, region, day, end);

  const user = await s.top("user_name");
  const rareUser = await s.top("user_name", "", {}, "ASC");
  const service = await s.top("service_name");
  const eventName = await s.top("event_name");
  const userEventName = user ? await s.top("event_name", "user_name = @u", { u: user }) : undefined;
  const failingIp = await s.top("source_ip", "error_code IS NOT NULL");
  const failingIpCode = failingIp ? await s.top("error_code", "source_ip = @ip", { ip: failingIp }) : undefined;
  const q = new Sampler(db, region, quarter, end);
  const quarterUser = await q.top("user_name");
  const quarterRareUser = await q.top("user_name", "", {}, "ASC");

  const cases: QueryCase[] = [];
  const skipped: string[] = [];
  const add = (name: string, extra: Partial<EventFilters>, more: Partial<QueryCase> = {}) => {
    if (Object.values(extra).some((v) => v === undefined)) skipped.push(name);
    else cases.push({ name, filters: { ...base, ...extra }, ...more });
  };

  add("no filter (24 h)", {});
  add("no filter, region all (24 h)", { region: ALL_REGIONS });
  add("eventRW=Write", { eventRW: "Write" });
  add(`user (busiest)`, { user });
  add(`user (rare)`, { user: rareUser });
  add("service", { service });
  add("eventName", { eventName });
  add("resourceType", { resourceType: await s.topResource("resource_type") });
  add("resourceName", { resourceName: await s.topResource("resource_name") });
  add("accessKeyId", { accessKeyId: await s.top("access_key_id") });
  add("sourceIp", { sourceIp: await s.top("source_ip") });
  add("errorCode", { errorCode: await s.top("error_code") });
  add("errorCode=* (any failure)", { errorCode: "*" });
  add("eventId", { eventId: await s.middleEventId() });
  add("sensitive", { sensitive: true });
  add("user + eventName", { user, eventName: userEventName });
  add("service + eventRW=Write", { service, eventRW: "Write" });
  add("sourceIp + errorCode", { sourceIp: failingIp, errorCode: failingIpCode });
  add("90 d, no filter", { start: quarter });
  add("90 d, user (busiest)", { start: quarter, user: quarterUser });
  add("90 d, user (rare)", { start: quarter, user: quarterRareUser });
  // Beyond the issue's list: long windows on the filters without a (region, value, time) index of their own.
  add("90 d, resourceType (busiest)", { start: quarter, resourceType: await q.topResource("resource_type") });
  add("90 d, resourceName (rare)", { start: quarter, resourceName: await q.topResource("resource_name", "ASC") });
  add("90 d, sensitive", { start: quarter, sensitive: true });
  add("page 2 via cursor (24 h)", {}, { secondPage: true });
  return { cases, skipped };
}

/** The filters of a case without the window, for the report (`user=ops-deployer`). */
export function describeFilters(f: EventFilters): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(f)) {
    if (k === "start" || k === "end" || (k === "region" && v === DEFAULT_REGION)) continue;
    parts.push(`${k}=${v}`);
  }
  return parts.join(" ");
}
