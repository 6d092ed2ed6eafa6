"use client";

import { RouteError } from "@/components/ui/route-error";

export default function EventsError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="events" reset={reset} />;
}
