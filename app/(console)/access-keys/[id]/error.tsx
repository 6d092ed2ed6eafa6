"use client";

import { ActivityError } from "@/components/activity/page-states";

export default function AccessKeyError({ reset }: { error: Error; reset: () => void }) {
  return <ActivityError what="AccessKey's use" reset={reset} />;
}
