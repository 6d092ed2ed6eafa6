"use client";

import { ActivityError } from "@/components/activity/page-states";

export default function UserActivityError({ reset }: { error: Error; reset: () => void }) {
  return <ActivityError what="user activity" reset={reset} />;
}
