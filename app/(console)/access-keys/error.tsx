"use client";

import { RouteError } from "@/components/ui/route-error";

export default function AccessKeysError({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="the AccessKey audit" reset={reset} />;
}
