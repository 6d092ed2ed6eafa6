"use client";

import { RouteError } from "@/components/ui/route-error";

export default function AccessKeyError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="the AccessKey's use" reset={reset} />;
}
