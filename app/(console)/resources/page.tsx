import { ArrowDownUp, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { RangeTabs } from "@/components/activity/range-tabs";
import { ResourceTimeline } from "@/components/activity/resource-timeline";
import { eventsUrl } from "@/lib/events/events-url";
import { listedRow } from "@/lib/events/list-row";
import { Section } from "@/components/activity/section";
import { NotSeenHere } from "@/components/activity/subject-page";
import { clip } from "@/components/activity/usage-table";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { PageShell, type PageShellProps } from "@/components/ui/page-shell";
import { regionLabel } from "@/lib/activity/params";
import { resourceHref } from "@/lib/activity/path-param";
import { findResourceTimeline, TIMELINE_LIMIT } from "@/lib/activity/resources";
import { findRegionSightings } from "@/lib/activity/sql";
import { CAN, requireUser } from "@/lib/auth/session";
import type { RawSearchParams } from "@/lib/events/filters";
import { parseScopeSearch } from "@/lib/events/scope";
import { eventStore } from "@/lib/events/event-store";

export const metadata: Metadata = { title: "Resource lifecycle" };

function text(v: string | string[] | undefined): string | undefined {
  const s = (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 512);
  return s ? s : undefined;
}

async function SearchForm({ type, name, region }: { type?: string; name?: string; region: string }) {
  const types = await eventStore().facetValues("resourceType");
  return (
    <form role="search" aria-label="Find a resource" action="/resources" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <input type="hidden" name="region" value={region} />
      <Field label="Resource type (optional)" htmlFor="resource-type" className="w-72">
        <Input id="resource-type" name="type" defaultValue={type} list="resource-types" placeholder="ACS::ECS::Instance" autoComplete="off" />
        <datalist id="resource-types">
          {types.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </Field>
      <Field label="Resource name" htmlFor="resource-name" className="min-w-64 flex-1">
        <Input id="resource-name" name="name" defaultValue={name} required placeholder="i-bp1…, a bucket name, a RAM user…" autoComplete="off" />
      </Field>
      <Button type="submit">
        <Search className="size-4" aria-hidden /> Show lifecycle
      </Button>
    </form>
  );
}

export default async function ResourcesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.readActivity);
  const params = await searchParams;
  const type = text(params.type);
  const name = text(params.name);
  const order = params.order === "desc" ? "desc" : "asc";
  const search = parseScopeSearch(params, { defaultRange: "90d" });
  const { scope } = search;
  const windowText = search.range ? `the last ${search.range}` : "the selected window";

  const shell: PageShellProps = {
    width: "full",
    title: "Resource lifecycle",
    description: "Every event that referenced a resource, from its creation to its deletion.",
    actions: name ? <RangeTabs path="/resources" current={search.range} params={{ region: scope.region, type, name, order }} /> : undefined,
  };
  if (!name) {
    return (
      <PageShell {...shell}>
        <SearchForm region={scope.region} />
        <p className="text-slate-500">
          Enter a resource name as events reference it (referencedResources), for example an ECS instance ID. Give the type too when names
          repeat across types. The region is the one in the top bar.
        </p>
      </PageShell>
    );
  }

  const { events, more } = await findResourceTimeline({ type, name, order }, scope);
  const filters = { ...scope, resourceType: type, resourceName: name };
  const flip = new URLSearchParams({ region: scope.region, ...(search.range ? { range: search.range } : { start: scope.start, end: scope.end }), name, order: order === "asc" ? "desc" : "asc" });
  if (type) flip.set("type", type);

  if (events.length === 0) {
    const sightings = await findRegionSightings("resourceName", name);
    return (
      <PageShell {...shell}>
        <SearchForm type={type} name={name} region={scope.region} />
        <NotSeenHere
          sightings={sightings}
          title={{ elsewhere: "No events here", nowhere: "No events reference this resource" }}
          message={(elsewhere) => (
            <p>
              No event in {elsewhere ? `${regionLabel(scope.region)} over ${windowText}` : "the query store, in any region,"} referenced{" "}
              {type ? <span className="text-slate-700">{clip(type, 100)} </span> : "a resource named "}
              <strong className="text-slate-700">{clip(name, 200)}</strong>. Names must match exactly{type ? ", and so must the type" : ""}.
            </p>
          )}
          href={(q) => resourceHref(type, name, q)}
        />
      </PageShell>
    );
  }

  const created = events.filter((e) => e.lifecycle === "create").length;
  const deleted = events.filter((e) => e.lifecycle === "delete").length;
  return (
    <PageShell {...shell}>
      <SearchForm type={type} name={name} region={scope.region} />
      <Section
        title={`${type ? `${type} ` : ""}${clip(name, 120)}`}
        note={
          <span className="flex flex-wrap items-center gap-3">
            <span>
              {events.length}
              {more ? "+" : ""} event{events.length === 1 ? "" : "s"} in {regionLabel(scope.region)} · {created} create, {deleted} delete
            </span>
            <Link href={eventsUrl({ ...scope, resourceType: type, resourceName: name })} className="text-orange-700 hover:underline">
              Open in Event Detail Query
            </Link>
            <Link href={`/resources?${flip.toString()}`} className="inline-flex items-center gap-1 text-orange-700 hover:underline">
              <ArrowDownUp className="size-3.5" aria-hidden /> {order === "asc" ? "Oldest first" : "Newest first"} (switch)
            </Link>
          </span>
        }
      >
        {more && (
          <p role="status" className="border-b border-slate-200 bg-amber-50 px-4 py-2 text-amber-900">
            Showing the {order === "asc" ? "first" : "latest"} {TIMELINE_LIMIT} events; switch the order or narrow the range for the rest.
          </p>
        )}
        <ResourceTimeline events={events.map(listedRow)} filters={filters} />
      </Section>
    </PageShell>
  );
}
