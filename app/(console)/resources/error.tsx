"use client";

import { ActivityError } from "@/components/activity/page-states";

export default function ResourceError({ reset }: { error: Error; reset: () => void }) {
  return <ActivityError what="resource's events" reset={reset} />;
}
