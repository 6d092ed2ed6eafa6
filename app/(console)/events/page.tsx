import type { Metadata } from "next";
import { Suspense } from "react";
import { EventFiltersForm } from "@/components/events/event-filters-form";
import { EventResults, EventResultsSkeleton } from "@/components/events/event-results";
import { PageHeader } from "@/components/ui/page-header";
import { CAN, requireUser } from "@/lib/auth/session";
import { parseEventSearch, type RawSearchParams } from "@/lib/events/filters";
import { findFacetValues } from "@/lib/events/query";

export const metadata: Metadata = { title: "Event Detail Query" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.readEvents);
  const search = parseEventSearch(await searchParams);
  const [services, eventNames, resourceTypes] = await Promise.all([
    findFacetValues("service"),
    findFacetValues("eventName"),
    findFacetValues("resourceType"),
  ]);
  return (
    <div className="mx-auto max-w-[1400px] space-y-4">
      <PageHeader
        title="Event Detail Query"
        description="Events of the last 90 days. Global events (RAM, sign-ins) are listed under Singapore (ap-southeast-1)."
      />
      <EventFiltersForm
        key={JSON.stringify(search.filters)}
        filters={search.filters}
        range={search.range}
        problems={search.problems}
        suggestions={{ service: services, eventName: eventNames, resourceType: resourceTypes }}
      />
      <Suspense key={JSON.stringify([search.filters, search.cursor])} fallback={<EventResultsSkeleton />}>
        <EventResults filters={search.filters} cursor={search.cursor} />
      </Suspense>
    </div>
  );
}
