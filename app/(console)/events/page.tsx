import type { Metadata } from "next";
import { Suspense } from "react";
import { EventFiltersForm } from "@/components/events/event-filters-form";
import { EventResults, EventResultsSkeleton } from "@/components/events/event-results";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { DAY_MS, parseEventSearch, type RawSearchParams } from "@/lib/events/filters";
import { getDefaultTrail } from "@/lib/insights/trail-insights";
import { logStoreName } from "@/lib/trails/rules";
import { queryRetentionDays } from "@/lib/config/retention";
import { listLogStores } from "@/lib/events/query";
import { eventStore } from "@/lib/events/event-store";

export const metadata: Metadata = { title: "Event Detail Query" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.readEvents);
  const [logStores, defaultTrail] = await Promise.all([listLogStores(), getDefaultTrail()]);
  const retentionDays = queryRetentionDays();
  const raw = await searchParams;
  const now = new Date();
  // The default trail's log store is the default source for a window the query store no longer holds.
  const defaultStore = defaultTrail?.logStoreEnabled ? logStores.find((s) => s.name === logStoreName(defaultTrail.name)) : undefined;
  const viaDefault = defaultStore && !raw.logStore ? parseEventSearch({ ...raw, logStore: defaultStore.name }, now, logStores, retentionDays) : undefined;
  const search =
    viaDefault && Date.parse(viaDefault.filters.start) < now.getTime() - retentionDays * DAY_MS
      ? { ...viaDefault, problems: [...viaDefault.problems, `The query store keeps ${retentionDays} days; reading the default trail's log store ${defaultStore!.name}.`] }
      : parseEventSearch(raw, now, logStores, retentionDays);
  const source = logStores.find((s) => s.name === search.filters.logStore);
  const [services, eventNames, resourceTypes] = await Promise.all([
    eventStore().facetValues("service"),
    eventStore().facetValues("eventName"),
    eventStore().facetValues("resourceType"),
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
        defaultLogStore={defaultStore?.name}
        queryRetentionDays={retentionDays}
        suggestions={{ service: services, eventName: eventNames, resourceType: resourceTypes }}
      />
      <Suspense key={JSON.stringify([search.filters, search.cursor])} fallback={<EventResultsSkeleton />}>
        <EventResults filters={search.filters} cursor={search.cursor} sourceLabel={source ? `log store ${source.name}` : "query store"} />
      </Suspense>
    </PageShell>
  );
}
