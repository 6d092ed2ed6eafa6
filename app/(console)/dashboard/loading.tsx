import { DashboardSkeleton } from "@/components/dashboard/dashboard-view";

export default function DashboardLoading() {
  return (
    <div className="mx-auto max-w-[1400px] space-y-4">
      <div className="h-12" aria-hidden />
      <DashboardSkeleton />
    </div>
  );
}
