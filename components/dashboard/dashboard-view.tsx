import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { LoadFailed } from "@/components/ui/load-failed";
import { LocalZone } from "@/components/ui/local-time";
import { eventsUrl } from "@/lib/events/events-url";
import { ALL_REGIONS } from "@/lib/events/filters";
import { GLOBAL_EVENTS_REGION, regionName } from "@/lib/events/regions";
import { getDashboard, type DashboardData } from "@/lib/stats/dashboard";
import { dashboardHref } from "@/lib/stats/links";
import { TOP_LIMIT, type TopDimension } from "@/lib/stats/top";
import { displayBucketFor, type DashboardSearch } from "@/lib/stats/window";
import { Card } from "./card";
import { SensitiveTable } from "./sensitive-table";
import { StatCards } from "./stat-cards";
import { TimeChart, type ChartPoint, type ChartSeries } from "./time-chart";
import { TopChart } from "./top-chart";

const SERVICE_COLORS = ["#ea580c", "#0284c7", "#16a34a", "#9333ea", "#ca8a04"];
const OTHER_COLOR = "#cbd5e1";

/** The series of the activity chart: Write and Read, or the top services and the rest. */
function activitySeries(data: DashboardData): { series: ChartSeries[]; points: ChartPoint[] } {
  if (data.serviceActivity) {
    const { services, points } = data.serviceActivity;
    const byAt = new Map(points.map((p) => [p.at, p.counts]));
    return {
      series: [
        ...services.map((s, i) => ({ label: s, color: SERVICE_COLORS[i], filter: { service: s } })),
        { label: "Other services", color: OTHER_COLOR },
      ],
      points: data.activity.map((a) => {
        const counts = services.map((s) => byAt.get(a.at)?.[s] ?? 0);
        return { at: a.at, counts: [...counts, a.read + a.write - counts.reduce((x, y) => x + y, 0)] };
      }),
    };
  }
  return {
    series: [
      { label: "Write", color: "#ea580c", filter: { eventRW: "Write" } },
      { label: "Read", color: "#94a3b8", filter: { eventRW: "Read" } },
    ],
    points: data.activity.map((a) => ({ at: a.at, counts: [a.write, a.read] })),
  };
}

function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <ul aria-label="Legend" className="mb-1 flex min-h-5 flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      {series.map((s, i) => (
        <li key={i} className="flex min-w-0 items-center gap-1.5">
          <span className="size-2.5 shrink-0 rounded-sm" style={{ background: s.color }} aria-hidden />
          <span className="max-w-40 truncate" title={s.label}>{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

function StackToggle({ search }: { search: DashboardSearch }) {
  const { scope: w, range, stack } = search;
  const options = [
    { value: "rw", label: "Read / Write" },
    { value: "service", label: "Top services" },
  ] as const;
  return (
    <nav aria-label="Stack by" className="flex rounded-md border border-slate-300 bg-slate-50 p-0.5 text-xs">
      {options.map((o) => (
        <Link
          key={o.value}
          href={dashboardHref({ region: w.region, range, start: w.start, end: w.end, stack: o.value })}
          aria-current={stack === o.value ? "true" : undefined}
          scroll={false}
          className={`rounded px-2 py-0.5 ${stack === o.value ? "bg-white font-medium text-orange-700 shadow-xs" : "text-slate-600 hover:text-slate-900"}`}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}

function EmptyDashboard({ search, windowText }: { search: DashboardSearch; windowText: string }) {
  const { region } = search.scope;
  const where = region === ALL_REGIONS ? "any region" : `${regionName(region)} (${region})`;
  return (
    <section aria-label="No events" className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <BarChart3 className="mx-auto size-10 text-slate-300" aria-hidden />
      <p className="mt-3 font-medium text-slate-900">No events in {where} in {windowText}</p>
      <p className="mx-auto mt-1 max-w-lg text-slate-500">
        Charts appear as soon as events arrive here. Try a longer range or another region; global events (RAM, sign-ins) are
        counted under <span className="whitespace-nowrap">{regionName(GLOBAL_EVENTS_REGION)} ({GLOBAL_EVENTS_REGION})</span>.
      </p>
      <div className="mt-5 flex flex-wrap justify-center gap-2">
        {search.range !== "7d" && <ButtonLink href={dashboardHref({ region, range: "7d", stack: search.stack })}>Last 7 days</ButtonLink>}
        {search.range !== "90d" && <ButtonLink href={dashboardHref({ region, range: "90d", stack: search.stack })}>Last 90 days</ButtonLink>}
        {region !== ALL_REGIONS && (
          <ButtonLink href={dashboardHref({ region: ALL_REGIONS, range: search.range, start: search.scope.start, end: search.scope.end, stack: search.stack })}>
            All regions
          </ButtonLink>
        )}
      </div>
    </section>
  );
}

/** Loads and lays out the dashboard of one region and window. */
export async function DashboardView({ search, windowText }: { search: DashboardSearch; windowText: string }) {
  let data: DashboardData;
  try {
    data = await getDashboard(search.scope, { unit: search.unit, stack: search.stack });
  } catch (e) {
    console.error("[dashboard] query failed", e);
    return <LoadFailed title="The dashboard could not be loaded." hint="The store did not answer. Reload in a moment; if it persists, check the server log." />;
  }
  if (data.totals.events === 0) return <EmptyDashboard search={search} windowText={windowText} />;

  const w = search.scope;
  const bucket = displayBucketFor(w);
  const activity = activitySeries(data);
  const errors: ChartPoint[] = data.activity.map((a) => ({ at: a.at, counts: [a.errors] }));
  const bucketWord = { minute: "Per minute", hour: "Per hour", "6h": "Per 6 hours", day: "Per day" }[bucket];
  const localNote = (
    <>
      {bucketWord}, local time (<LocalZone />)
    </>
  );
  return (
    <div className="space-y-4">
      <StatCards window={w} totals={data.totals} />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <Card title="Events over time" note={<>{localNote} · click a bar to list its events</>} actions={<StackToggle search={search} />} className="xl:col-span-2">
          <Legend series={activity.series} />
          <TimeChart window={w} bucket={bucket} series={activity.series} points={activity.points} label="Events over time" className="h-[240px]" />
        </Card>
        <TopCard title="Top services" param="service" data={data} search={search} />

        <Card title="Failed events over time" note={localNote}>
          {data.totals.errors ? (
            <TimeChart
              window={w}
              bucket={bucket}
              series={[{ label: "Failed events", color: "#dc2626", filter: { errorCode: "*" } }]}
              points={errors}
              label="Failed events over time"
              className={CHART_HEIGHT}
            />
          ) : (
            <Empty>No failed events in this window.</Empty>
          )}
        </Card>
        <TopCard title="Top error codes" param="errorCode" data={data} search={search} color="#dc2626" empty="No failed events in this window." />
        <TopCard title="Top event names" param="eventName" data={data} search={search} />

        <TopCard title="Top users" param="user" data={data} search={search} empty="No named users in this window." />
        <TopCard title="Top AccessKeys" param="accessKeyId" data={data} search={search} mono empty="No AccessKey was used in this window." />
        <TopCard title="Top source IPs" param="sourceIp" data={data} search={search} mono empty="No source IPs in this window." />

        <Card
          title="Latest sensitive operations"
          note="Deleting or stopping resources, AccessKey and policy changes, trail changes, failed sign-ins …"
          actions={<ButtonLink href={eventsUrl({ ...w, sensitive: true })}>All sensitive operations</ButtonLink>}
          className="xl:col-span-3"
        >
          <div className="-m-3">
            <SensitiveTable window={w} rows={data.latestSensitive} />
          </div>
        </Card>
      </div>
    </div>
  );
}

/** The height of a top-N list (TOP_LIMIT rows), which the other panels of its row share. */
const CHART_HEIGHT = "h-[264px]";

function Empty({ children }: { children: React.ReactNode }) {
  return <p className={`flex ${CHART_HEIGHT} items-center justify-center text-slate-500`}>{children}</p>;
}

function TopCard({
  title,
  param,
  data,
  search,
  mono,
  color,
  empty = "Nothing in this window.",
}: {
  title: string;
  param: TopDimension;
  data: DashboardData;
  search: DashboardSearch;
  mono?: boolean;
  color?: string;
  empty?: string;
}) {
  const values = data.top[param];
  return (
    <Card title={title}>
      {values.length ? (
        <TopChart window={search.scope} param={param} values={values} label={title} slots={TOP_LIMIT} mono={mono} color={color} />
      ) : (
        <Empty>{empty}</Empty>
      )}
    </Card>
  );
}

export function DashboardSkeleton() {
  const block = "animate-pulse rounded-lg border border-slate-200 bg-white shadow-xs";
  return (
    <div aria-busy="true" aria-label="Loading the dashboard" className="space-y-4">
      <div className="grid grid-cols-2 gap-4 xl:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className={`${block} h-[86px]`} />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <div className={`${block} h-[330px] xl:col-span-2`} />
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className={`${block} h-[330px]`} />
        ))}
      </div>
    </div>
  );
}
