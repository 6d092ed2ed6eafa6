// Times the activity pages' queries (lib/activity) on a filled database:
//   npx tsx bench/activity.ts --db /tmp/trailkeeper-bench-…/bench.db [--runs 10]
//   npx tsx bench/activity.ts --url postgresql://… --now 2026-11-23T16:00:00Z [--runs 10]
// A --db comes from `npm run bench -- --keep` (its events end at bench/run.ts's END, used as "now");
// a --url is any store, e.g. one filled by `npm run cli -- seed --events N` (give --now: the seed's end).
// Each case is one page's whole set of queries, as the page runs them.
import "@/scripts/node-entry";
import { summarise } from "./measure";

const BENCH_END = new Date("2026-03-04T10:00:00.000Z");
const DAY = 86_400_000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const db = arg("--db");
  const url = arg("--url");
  if (!db && !url) throw new Error("usage: tsx bench/activity.ts (--db FILE | --url DATABASE_URL --now ISO) [--runs N]");
  const runs = Number(arg("--runs") ?? 10);
  const END = arg("--now") ? new Date(arg("--now")!) : BENCH_END;
  process.env.DATABASE_URL = url ?? `file:${db}`;
  const { disconnectDb, dialect } = await import("@/lib/db");
  const { findUserActivity } = await import("@/lib/activity/user-activity");
  const { listAccessKeys, listUnusedAccessKeys, findAccessKeyDetail } = await import("@/lib/activity/access-keys");
  const { findResourceTimeline } = await import("@/lib/activity/resources");
  const { findRegionSightings } = await import("@/lib/activity/sql");
  const sqlLayer = await import("@/lib/db/sql");
  const { Prisma } = await import("@/generated/prisma/client");
  const { findEventPage } = await import("@/lib/events/query");

  // Picks the cases' values with plain SQL; each ? becomes a bound value on either store.
  const one = async <T>(q: string, ...v: unknown[]): Promise<T> => (await sqlLayer.db.all(Prisma.sql(q.split("?"), ...v)))[0] as T;
  const scope = (region: string, days: number) => ({ region, start: new Date(END.getTime() - days * DAY).toISOString(), end: END.toISOString() });
  const q90 = scope("cn-hangzhou", 90).start;
  const busyUser = (await one<{ v: string }>(`SELECT user_name v FROM events WHERE query_region='cn-hangzhou' AND event_time >= ? GROUP BY user_name ORDER BY count(*) DESC LIMIT 1`, q90)).v;
  const rareUser = (await one<{ v: string }>(`SELECT user_name v FROM events WHERE query_region='cn-hangzhou' AND event_time >= ? AND user_name IS NOT NULL GROUP BY user_name ORDER BY count(*) ASC LIMIT 1`, q90)).v;
  const busyKey = (await one<{ v: string }>(`SELECT access_key_id v FROM events WHERE query_region='cn-hangzhou' AND access_key_id IS NOT NULL AND event_time >= ? GROUP BY access_key_id ORDER BY count(*) DESC LIMIT 1`, q90)).v;
  const busyRes = await one<{ t: string; v: string }>(`SELECT resource_type t, resource_name v FROM event_resources WHERE query_region='cn-hangzhou' GROUP BY resource_type, resource_name ORDER BY count(*) DESC LIMIT 1`);
  const rareRes = await one<{ t: string; v: string }>(`SELECT resource_type t, resource_name v FROM event_resources WHERE query_region='cn-hangzhou' AND resource_type='ACS::ECS::Instance' GROUP BY resource_type, resource_name ORDER BY count(*) ASC LIMIT 1`);
  const count = async (sqlText: string, ...v: unknown[]) => Number((await one<{ n: number | bigint }>(sqlText, ...v)).n);
  console.log(`database (${dialect()}): ${(await count("SELECT count(*) n FROM events")).toLocaleString("en-US")} events, ${(await count("SELECT count(*) n FROM event_resources")).toLocaleString("en-US")} resource rows; now = ${END.toISOString()}`);
  console.log(`busiest user ${busyUser} (${await count("SELECT count(*) n FROM events WHERE query_region='cn-hangzhou' AND user_name=? AND event_time>=?", busyUser, q90)} events in 90 d), rare user ${rareUser}, busiest key ${busyKey} (${await count("SELECT count(*) n FROM events WHERE query_region='cn-hangzhou' AND access_key_id=? AND event_time>=?", busyKey, q90)}), busiest resource ${busyRes.v} (${await count("SELECT count(*) n FROM event_resources WHERE query_region='cn-hangzhou' AND resource_name=?", busyRes.v)}), rare resource ${rareRes.v}`);

  const cases: [string, () => Promise<unknown>][] = [
    ["/users busiest, 7 d", () => findUserActivity(busyUser, scope("cn-hangzhou", 7))],
    ["/users busiest, 90 d", () => findUserActivity(busyUser, scope("cn-hangzhou", 90))],
    ["/users busiest, 7 d, all regions", () => findUserActivity(busyUser, scope("all", 7))],
    ["/users rare, 90 d", () => findUserActivity(rareUser, scope("cn-hangzhou", 90))],
    ["/users unknown (+ region sightings)", async () => { await findUserActivity("nobody", scope("cn-hangzhou", 7)); await findRegionSightings("user", "nobody"); }],
    ["/access-keys 30 d (last-used records)", () => listAccessKeys({ since: scope("all", 30).start, now: END })],
    ["/access-keys 90 d (last-used records)", () => listAccessKeys({ since: scope("all", 90).start, now: END })],
    ["/access-keys unused 90 d (whole table)", () => listUnusedAccessKeys(END)],
    ["/access-keys/<busiest> 30 d", () => Promise.all([findAccessKeyDetail(busyKey, END), findEventPage({ ...scope("cn-hangzhou", 30), accessKeyId: busyKey }, { limit: 20 })])],
    ["/access-keys/<busiest> 90 d", () => Promise.all([findAccessKeyDetail(busyKey, END), findEventPage({ ...scope("cn-hangzhou", 90), accessKeyId: busyKey }, { limit: 20 })])],
    ["/resources busiest, 90 d", () => findResourceTimeline({ type: busyRes.t, name: busyRes.v, order: "asc" }, scope("cn-hangzhou", 90))],
    ["/resources rare instance, 90 d", () => findResourceTimeline({ type: rareRes.t, name: rareRes.v, order: "asc" }, scope("cn-hangzhou", 90))],
  ];
  console.log("\n| page (its whole query set) | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |");
  for (const [name, run] of cases) {
    await run();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await run();
      samples.push(performance.now() - t);
    }
    const s = summarise(samples);
    console.log(`| ${name} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} |`);
  }
  await disconnectDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
