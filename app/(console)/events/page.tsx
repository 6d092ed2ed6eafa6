import type { Metadata } from "next";
import { Suspense } from "react";
import { EventFiltersForm } from "@/components/events/event-filters-form";
import { EventResults, EventResultsSkeleton } from "@/components/events/event-results";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { parseEventSearch, type RawSearchParams } from "@/lib/events/filters";
import { queryRetentionDays } from "@/lib/config/retention";
import { findFacetValues, listLogStores } from "@/lib/events/query";

export const metadata: Metadata = { title: "Event Detail Query" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.readEvents);
  const logStores = await listLogStores();
  const retentionDays = queryRetentionDays();
  const search = parseEventSearch(await searchParams, new Date(), logStores, retentionDays);
  const source = logStores.find((s) => s.name === search.filters.logStore);
  const [services, eventNames, resourceTypes] = await Promise.all([
    findFacetValues("service"),
    findFacetValues("eventName"),
    findFacetValues("resourceType"),
  ]);
  return (
    <PageShell
      width="full"
      title="Event Detail Query"
      description={
        source
          ? `Events kept by the log store ${source.name} (trail ${source.trail}, ${source.retentionDays} days). Global events are listed under Singapore (ap-southeast-1).`
          : `Events of the last ${retentionDays} days. Older events: pick a trail's log store as the source. Global events (RAM, sign-ins) are listed under Singapore (ap-southeast-1).`
      }
    >
      <EventFiltersForm
        key={JSON.stringify(search.filters)}
        filters={search.filters}
        range={search.range}
        problems={search.problems}
        logStores={logStores}
        queryRetentionDays={retentionDays}
        suggestions={{ service: services, eventName: eventNames, resourceType: resourceTypes }}
      />
      <Suspense key={JSON.stringify([search.filters, search.cursor])} fallback={<EventResultsSkeleton />}>
        <EventResults filters={search.filters} cursor={search.cursor} sourceLabel={source ? `log store ${source.name}` : "query store"} />
      </Suspense>
    </PageShell>
  );
}
