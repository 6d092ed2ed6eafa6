import { PageShell } from "@/components/ui/page-shell";

/** Shown while an activity page's aggregates run (a busy user over 90 days takes a few hundred ms). */
export function ActivitySkeleton({ label }: { label: string }) {
  return (
    <PageShell width="full" aria-busy="true" aria-label={label}>
      <div className="h-6 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-20 animate-pulse rounded-lg bg-white shadow-xs" />
      <div className="h-64 animate-pulse rounded-lg bg-white shadow-xs" />
      <div className="h-40 animate-pulse rounded-lg bg-white shadow-xs" />
    </PageShell>
  );
}
