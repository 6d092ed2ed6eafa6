"use client";
// The console's one error boundary: a route that fails while loading shows what failed and a retry,
// inside the console's navigation. What failed is named after the route.
import { usePathname } from "next/navigation";
import { RouteError } from "@/components/ui/route-error";

/** Route prefixes (most specific first) and what their pages load. */
const SUBJECTS: [RegExp, string][] = [
  [/^\/dashboard/, "the dashboard"],
  [/^\/events/, "events"],
  [/^\/access-keys\/[^/]+/, "the AccessKey's use"],
  [/^\/access-keys/, "the AccessKey audit"],
  [/^\/alerts/, "alerts"],
  [/^\/insights/, "insights"],
  [/^\/resources/, "the resource's events"],
  [/^\/users\/[^/]+/, "the user's activity"],
];

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  const path = usePathname() ?? "";
  return <RouteError what={SUBJECTS.find(([prefix]) => prefix.test(path))?.[1] ?? "this page"} reset={reset} />;
}
