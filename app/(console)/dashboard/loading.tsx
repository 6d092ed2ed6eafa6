import { DashboardSkeleton } from "@/components/dashboard/dashboard-view";
import { PageShell } from "@/components/ui/page-shell";

export default function DashboardLoading() {
  return (
    <PageShell width="full">
      <div className="h-12" aria-hidden />
      <DashboardSkeleton />
    </PageShell>
  );
}
