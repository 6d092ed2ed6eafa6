import type { Metadata } from "next";
import Link from "next/link";
import { ActivityChart } from "@/components/activity/activity-chart";
import { LatestEvents } from "@/components/activity/latest-events";
import { Section, Stat } from "@/components/activity/section";
import { scopeText, SubjectPage } from "@/components/activity/subject-page";
import { clip, UsageTable } from "@/components/activity/usage-table";
import { LocalTime } from "@/components/ui/local-time";
import { scopeQuery } from "@/lib/activity/params";
import { accessKeyHref, segment } from "@/lib/activity/path-param";
import { findUserActivity, LATEST_LIMIT, LIST_LIMIT } from "@/lib/activity/user-activity";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { eventsUrl, type EventsLink } from "@/lib/events/events-url";
import type { RawSearchParams } from "@/lib/events/filters";
import { regionName } from "@/lib/events/regions";
import { parseScopeSearch } from "@/lib/events/scope";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `User ${segment((await params).name).slice(0, 80)}` };
}

const fmt = (n: number) => n.toLocaleString("en-US");

export default async function UserActivityPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<RawSearchParams> }) {
  const viewer = await requireUser(CAN.readActivity);
  const canAuditKeys = roleCan(viewer.role, CAN.auditAccessKeys);
  const name = segment((await params).name);
  const search = parseScopeSearch(await searchParams, { defaultRange: "7d" });
  const { scope } = search;
  const a = await findUserActivity(name, scope);
  const toEvents = (c: EventsLink) => eventsUrl({ ...scope, user: name, ...c });

  return (
    <SubjectPage
      kind="user"
      name={name}
      search={search}
      seen={a.total > 0 || a.signins.length > 0}
      columns="sm:grid-cols-3 lg:grid-cols-6"
      summary={
        <>
          <Stat label="Events">
            <Link href={toEvents({})} className="text-orange-700 hover:underline">{fmt(a.total)}</Link>
          </Stat>
          <Stat label="Failed">
            <Link href={toEvents({ errorCode: "*" })} className={a.failedTotal ? "text-red-700 hover:underline" : "hover:underline"}>{fmt(a.failedTotal)}</Link>
          </Stat>
          <Stat label="Sensitive">
            <Link href={toEvents({ sensitive: true })} className="hover:underline">{fmt(a.sensitiveTotal)}</Link>
          </Stat>
          <Stat label="Source IPs">{a.sourceIps.length >= LIST_LIMIT ? `${LIST_LIMIT}+` : a.sourceIps.length}</Stat>
          <Stat label="First seen" small>{a.firstSeen ? <LocalTime iso={a.firstSeen} withSeconds={false} /> : "—"}</Stat>
          <Stat label="Last seen" small>{a.lastSeen ? <LocalTime iso={a.lastSeen} withSeconds={false} /> : "—"}</Stat>
        </>
      }
    >
      {a.total === 0 ? (
        <p role="status" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-slate-600 shadow-xs">
          No API calls or console operations in {scopeText(search)}; only console sign-ins, which are global events.
        </p>
      ) : (
        <>
          <Section title="Activity over time" note={`events per ${a.bucket} (UTC)`}>
            <div className="p-3">
              <ActivityChart data={a.timeline} bucket={a.bucket} />
            </div>
          </Section>
        </>
      )}
      <div className="grid gap-4 2xl:grid-cols-2">
        {a.total > 0 && (
          <>
            <Section title="Services" note={`${a.services.length} used`}>
              <UsageTable label="Service" rows={a.services} empty="No API calls." eventsHref={(r) => toEvents({ service: r.value })} />
            </Section>
            <Section title="Event names" note={a.eventNames.length >= LIST_LIMIT ? `top ${LIST_LIMIT} by count` : `${a.eventNames.length} used`}>
              <UsageTable
                label="Event"
                rows={a.eventNames}
                empty="No events."
                eventsHref={(r) => toEvents({ service: r.service, eventName: r.value })}
                renderValue={(r) => (
                  <>
                    {clip(r.value, 100)} <span className="text-xs text-slate-400">{r.service}</span>
                  </>
                )}
              />
            </Section>
            <Section title="Source IPs" note={a.sourceIps.length >= LIST_LIMIT ? `top ${LIST_LIMIT} by count` : undefined}>
              <UsageTable label="Source IP" rows={a.sourceIps} empty="No source IPs recorded." eventsHref={(r) => toEvents({ sourceIp: r.value })} />
            </Section>
            <Section title="User agents" note={a.userAgents.length >= LIST_LIMIT ? `top ${LIST_LIMIT} by count` : undefined}>
              <UsageTable label="User agent" rows={a.userAgents} empty="No user agents recorded." eventsHref={() => toEvents({})} />
            </Section>
            <Section title="AccessKeys used" note={canAuditKeys ? "open a key for its audit" : undefined}>
              <UsageTable
                label="AccessKey ID"
                rows={a.accessKeys}
                mono
                empty="No AccessKey was used (console or service calls)."
                eventsHref={(r) => toEvents({ accessKeyId: r.value })}
                renderValue={(r) =>
                  canAuditKeys ? (
                    <Link href={accessKeyHref(r.value, scopeQuery(search))} className="text-orange-700 hover:underline">
                      {clip(r.value, 80)}
                    </Link>
                  ) : (
                    clip(r.value, 80)
                  )
                }
              />
            </Section>
            <Section title="Failed calls" note={a.failedTotal > LATEST_LIMIT ? `latest ${LATEST_LIMIT} of ${fmt(a.failedTotal)}` : undefined}>
              <LatestEvents rows={a.failures} empty="No failed calls." />
            </Section>
            <Section title="Sensitive operations" note={a.sensitiveTotal > LATEST_LIMIT ? `latest ${LATEST_LIMIT} of ${fmt(a.sensitiveTotal)}` : undefined}>
              <LatestEvents rows={a.sensitive} empty="No sensitive operations." />
            </Section>
          </>
        )}
        <Section
          title="Console sign-ins"
          note={a.signinRegion === "all" ? `latest ${LATEST_LIMIT}` : `latest ${LATEST_LIMIT} · global events, read from ${regionName(a.signinRegion)}`}
        >
          <LatestEvents rows={a.signins} signins empty="No console sign-ins." />
        </Section>
      </div>
    </SubjectPage>
  );
}
