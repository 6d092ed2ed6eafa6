import { Pencil, Trash2 } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyRow } from "@/components/activity/section";
import { AutoRefresh } from "@/components/trails/auto-refresh";
import { DeliveriesTable } from "@/components/trails/deliveries-table";
import { DeliveriesChart } from "@/components/trails/deliveries-chart";
import { DestinationCard } from "@/components/trails/destination-card";
import { HistoryJobsSection } from "@/components/trails/history-jobs-section";
import { LegalHoldButton } from "@/components/trails/legal-hold-button";
import { LoggingButton } from "@/components/trails/logging-button";
import { NotificationsSection } from "@/components/trails/notifications-section";
import { LoggingBadge } from "@/components/trails/trail-badges";
import { ButtonLink } from "@/components/ui/button";
import { FactsCard } from "@/components/ui/facts-card";
import { LocalTime } from "@/components/ui/local-time";
import { SECTIONS } from "@/components/layout/console-sections";
import { PageShell } from "@/components/ui/page-shell";
import { Panel } from "@/components/ui/panel";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { regionName } from "@/lib/events/regions";
import { describeRule, listAlertRules } from "@/lib/alerts/rules";
import { listHistoryJobs } from "@/lib/trails/history-jobs";
import { getTrailNotifications } from "@/lib/trails/notifications";
import { INNER_TRAIL_KIND } from "@/lib/trails/rules";
import { getTrailStatus, STATUS_CHART_HOURS } from "@/lib/trails/status";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Trail ${decodeURIComponent((await params).name)}` };
}

export default async function TrailStatusPage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requireUser(CAN.readTrails);
  const canManage = roleCan(user.role, CAN.manageTrails);
  const name = decodeURIComponent((await params).name);
  const [status, jobs, notifications, rules] = await Promise.all([
    getTrailStatus(name),
    listHistoryJobs({ trailName: name, take: 20 }),
    getTrailNotifications(name),
    canManage ? listAlertRules() : Promise.resolve([]),
  ]);
  if (!status || !notifications) notFound();
  const channel = notifications.channel;
  const { trail, destinations, deliveries, hourly, eventsDeliveredInChart } = status;
  const path = `/trails/${encodeURIComponent(trail.name)}`;
  return (
    <PageShell
      width="xl"
      parent={SECTIONS.trails}
      title={trail.name}
      description={trail.kind === INNER_TRAIL_KIND ? "Inner trail · Trailkeeper's own records (console, CLI, API) · all regions" : `${regionName(trail.homeRegion)} · ${trail.eventRW === "All" ? "read and write events" : `${trail.eventRW.toLowerCase()} events`} · ${trail.trailRegion === "All" ? "all regions" : `${trail.trailRegion} only`}`}
      actions={
        <>
          <AutoRefresh seconds={5} />
          {canManage && (
            <>
              <LoggingButton name={trail.name} isLogging={trail.isLogging} />
              {/* The inner trail has no form: its settings are fixed (docs/inner-trail.md); the CLI and the API change and delete it. */}
              {trail.kind !== INNER_TRAIL_KIND && (
                <>
                  <ButtonLink href={`${path}/edit`}>
                    <Pencil className="size-3.5" aria-hidden /> Edit
                  </ButtonLink>
                  <ButtonLink href={`${path}/delete`} variant="ghost" className="text-red-700!">
                    <Trash2 className="size-3.5" aria-hidden /> Delete
                  </ButtonLink>
                </>
              )}
            </>
          )}
        </>
      }
    >

      <FactsCard
        label="Logging status"
        columns="sm:grid-cols-4"
        facts={[
          { label: "IsLogging", value: <LoggingBadge isLogging={trail.isLogging} /> },
          { label: "Start logging time", value: trail.startLoggingTime ? <LocalTime iso={trail.startLoggingTime.toISOString()} /> : "—" },
          { label: "Stop logging time", value: trail.stopLoggingTime ? <LocalTime iso={trail.stopLoggingTime.toISOString()} /> : "—" },
          { label: "Created", value: <LocalTime iso={trail.createdAt.toISOString()} /> },
        ]}
      />

      {(trail.logStoreEnabled || trail.legalHold) && (
        <FactsCard
          label="Log store retention"
          columns="sm:grid-cols-3"
          facts={[
            { label: "Log store retention", value: `${trail.logStoreRetentionDays} days` },
            {
              label: "Legal hold",
              value: trail.legalHold ? (
                <span className="font-medium text-amber-800">
                  On{trail.legalHoldSince ? <> since <LocalTime iso={trail.legalHoldSince.toISOString()} /></> : null}
                  {trail.legalHoldBy ? ` by ${trail.legalHoldBy}` : ""}
                </span>
              ) : (
                "Off"
              ),
            },
            {
              label: "Purge",
              value: trail.legalHold ? "Stopped: nothing is purged until the hold is lifted" : `Events older than ${trail.logStoreRetentionDays} days are purged`,
            },
          ]}
          footer={
            canManage ? (
              <div className="mt-4 border-t border-slate-200 pt-3">
                <LegalHoldButton name={trail.name} legalHold={trail.legalHold} />
              </div>
            ) : undefined
          }
        />
      )}

      <section aria-labelledby="destinations-heading" className="space-y-3">
        <h2 id="destinations-heading" className="font-semibold">
          Destinations
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          {destinations.map((d) => (
            <DestinationCard key={d.destination} status={d} isLogging={trail.isLogging} retentionDays={trail.logStoreRetentionDays} />
          ))}
        </div>
      </section>

      <section aria-labelledby="chart-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="chart-heading" className="font-semibold">
            Events delivered per hour
          </h2>
          <p className="text-slate-500">
            {eventsDeliveredInChart.toLocaleString("en-US")} events over the last {STATUS_CHART_HOURS / 24} days (UTC hours, all destinations)
          </p>
        </div>
        <DeliveriesChart data={hourly} />
      </section>

      <Panel id="deliveries" title="Latest deliveries">
        {deliveries.length === 0 ? (
          <EmptyRow>Nothing delivered yet.{trail.isLogging ? " Events ingested from now on are delivered within seconds." : " Start logging to deliver new events."}</EmptyRow>
        ) : (
          <DeliveriesTable rows={deliveries} />
        )}
      </Panel>

      <NotificationsSection
        trailName={trail.name}
        current={channel && { name: channel.name, description: channel.trigger === "delivery" ? "delivery notifications only" : "also an alert rule", enabled: channel.enabled }}
        eachFile={notifications.eachFile}
        rules={rules.map((r) => ({ name: r.name, description: describeRule(r), enabled: r.enabled }))}
        canManage={canManage}
        hasBucket={!!trail.ossBucketName}
      />

      <HistoryJobsSection
        trailName={trail.name}
        canManage={canManage}
        jobs={jobs.map((j) => ({ ...j, createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null }))}
      />
    </PageShell>
  );
}
