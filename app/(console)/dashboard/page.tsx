import type { Metadata } from "next";
import { Suspense } from "react";
import { DashboardSkeleton, DashboardView } from "@/components/dashboard/dashboard-view";
import { PRESET_WORDS, RangePicker } from "@/components/dashboard/range-picker";
import { ButtonLink } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PageShell } from "@/components/ui/page-shell";
import { ProblemNotes } from "@/components/ui/problem-notes";
import { CAN, requireUser } from "@/lib/auth/session";
import { eventsUrl } from "@/lib/events/events-url";
import { ALL_REGIONS, type RawSearchParams } from "@/lib/events/filters";
import { regionName } from "@/lib/events/regions";
import { parseDashboardSearch } from "@/lib/stats/window";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.readEvents);
  const search = parseDashboardSearch(await searchParams);
  const { scope: w, range } = search;
  const where = w.region === ALL_REGIONS ? "all regions" : `${regionName(w.region)} (${w.region})`;
  const windowText = range ? PRESET_WORDS[range] : "the chosen window";
  return (
    <PageShell
      width="full"
      title="Dashboard"
      description={`Activity in ${where} over ${windowText}.`}
      actions={
        <>
          <RangePicker region={w.region} range={range} stack={search.stack} />
          <ButtonLink href={eventsUrl(w)}>Event Detail Query</ButtonLink>
        </>
      }
    >
      {!range && (
        <p className="text-sm text-slate-600">
          From <LocalTime iso={w.start} withSeconds={false} /> to <LocalTime iso={w.end} withSeconds={false} />
        </p>
      )}
      <ProblemNotes problems={search.problems} />
      <Suspense key={JSON.stringify([w.region, range ?? [w.start, w.end], search.stack])} fallback={<DashboardSkeleton />}>
        <DashboardView search={search} windowText={windowText} />
      </Suspense>
    </PageShell>
  );
}
