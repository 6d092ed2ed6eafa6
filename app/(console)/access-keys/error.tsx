"use client";

import { ActivityError } from "@/components/activity/page-states";

export default function AccessKeysError({ reset }: { error: Error; reset: () => void }) {
  return <ActivityError what="AccessKey audit" reset={reset} />;
}
