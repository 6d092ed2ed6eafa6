"use client";

import { RouteError } from "@/components/ui/route-error";

export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="the dashboard" reset={reset} />;
}
