"use client";

import { RouteError } from "@/components/ui/route-error";

export default function ErrorBoundary({ reset }: { error: Error; reset: () => void }) {
  return <RouteError what="insights" reset={reset} />;
}
