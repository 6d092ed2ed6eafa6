"use client";

import { RouteError } from "@/components/ui/route-error";

export default function UserActivityError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="the user's activity" reset={reset} />;
}
