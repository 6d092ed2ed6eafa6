"use client";

import { LoadError } from "@/components/insights/load-error";

export default function ErrorBoundary({ reset }: { error: Error; reset: () => void }) {
  return <LoadError what="alerts" reset={reset} />;
}
