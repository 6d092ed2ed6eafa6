import type { Metadata } from "next";
import Link from "next/link";
import { EventsTable } from "@/components/events/events-table";
import { eventsUrl, type EventsLink } from "@/lib/events/events-url";
import { listedRow } from "@/lib/events/list-row";
import { EmptyRow, Section, Stat } from "@/components/activity/section";
import { SubjectPage } from "@/components/activity/subject-page";
import { clip, UsageTable } from "@/components/activity/usage-table";
import { LocalTime } from "@/components/ui/local-time";
import { findAccessKeyDetail, KEY_DETAIL_LIMIT, LAST_USED_DAYS } from "@/lib/activity/access-keys";
import { scopeQuery } from "@/lib/activity/params";
import { resourceHref, segment, userHref } from "@/lib/activity/path-param";
import { CAN, requireUser } from "@/lib/auth/session";
import type { RawSearchParams } from "@/lib/events/filters";
import { parseScopeSearch } from "@/lib/events/scope";
import { eventStore } from "@/lib/events/event-store";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `AccessKey ${segment((await params).id).slice(0, 40)}` };
}

const LAST_EVENTS = 20;

export default async function AccessKeyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.auditAccessKeys);
  const id = segment((await params).id);
  const search = parseScopeSearch(await searchParams, { defaultRange: "30d" });
  const { scope } = search;
  const query = scopeQuery(search);
  const filters = { ...scope, accessKeyId: id };
  const [d, last] = await Promise.all([findAccessKeyDetail(id), eventStore().page(filters, { limit: LAST_EVENTS })]);
  const toEvents = (c: EventsLink) => eventsUrl({ ...scope, accessKeyId: id, ...c });
  // The records cover every region and the last 400 days, not the page's window (docs/access-key-last-used.md).
  const note = (n: number) => (n >= KEY_DETAIL_LIMIT ? `top ${KEY_DETAIL_LIMIT} by count, ${LAST_USED_DAYS} days` : `${LAST_USED_DAYS} days, all regions`);

  return (
    <SubjectPage
      kind="accessKey"
      name={id}
      search={search}
      seen={d.total > 0}
      columns="sm:grid-cols-4"
      summary={
        <>
          <Stat label="Owner">
            {d.owners[0] ? (
              <Link href={userHref(d.owners[0].value, query)} className="text-orange-700 hover:underline [unicode-bidi:isolate]">
                {clip(d.owners[0].value, 80)}
              </Link>
            ) : (
              "—"
            )}
            {d.owners.length > 1 && <span className="ml-1 text-sm font-normal text-slate-500">+{d.owners.length - 1} more</span>}
          </Stat>
          <Stat label="Events">
            <Link href={toEvents({})} className="text-orange-700 hover:underline">
              {d.total.toLocaleString("en-US")}
            </Link>
          </Stat>
          <Stat label="First used" small>{d.firstUsed ? <LocalTime iso={d.firstUsed} withSeconds={false} /> : "—"}</Stat>
          <Stat label="Last used" small>{d.lastUsed ? <LocalTime iso={d.lastUsed} withSeconds={false} /> : "—"}</Stat>
        </>
      }
    >
      <Section title="Last events" note={`newest ${LAST_EVENTS} in the query store`}>
        {last.rows.length ? (
          <EventsTable rows={last.rows.map(listedRow)} filters={filters} />
        ) : (
          <EmptyRow>No events of this key in this region and window; the last uses below are kept {LAST_USED_DAYS} days.</EmptyRow>
        )}
      </Section>

      <div className="grid gap-4 2xl:grid-cols-2">
        <Section title="Used by" note={note(d.owners.length)}>
          <UsageTable
            label="User or role"
            rows={d.owners}
            empty="No user name recorded."
            eventsHref={(r) => toEvents({ user: r.value })}
            renderValue={(r) => (
              <Link href={userHref(r.value, query)} className="text-orange-700 hover:underline">
                {clip(r.value, 100)}
              </Link>
            )}
          />
        </Section>
        <Section title="Source IPs" note={note(d.sourceIps.length)}>
          <UsageTable label="Source IP" rows={d.sourceIps} empty="No source IPs recorded." eventsHref={(r) => toEvents({ sourceIp: r.value })} />
        </Section>
        <Section title="Services" note={note(d.services.length)}>
          <UsageTable label="Service" rows={d.services} empty="No services." eventsHref={(r) => toEvents({ service: r.value })} />
        </Section>
        <Section title="Resources touched" note={note(d.resources.length)}>
          <UsageTable
            label="Resource"
            rows={d.resources}
            empty="No referenced resources."
            eventsHref={(r) => toEvents({ resourceType: r.type, resourceName: r.value })}
            renderValue={(r) => (
              <span className="flex min-w-0 items-baseline gap-2">
                <Link href={resourceHref(r.type, r.value, query)} className="truncate text-orange-700 hover:underline">
                  {clip(r.value, 100)}
                </Link>
                <span className="shrink-0 text-xs text-slate-400">{r.type}</span>
              </span>
            )}
          />
        </Section>
      </div>
    </SubjectPage>
  );
}
