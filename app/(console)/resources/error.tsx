"use client";

import { RouteError } from "@/components/ui/route-error";

export default function ResourceError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="the resource's events" reset={reset} />;
}
