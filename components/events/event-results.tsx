import { ChevronLeft, ChevronRight, Download } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { eventsUrl } from "@/lib/events/events-url";
import { LoadFailed } from "@/components/ui/load-failed";
import { filtersToSearchParams, type EventFilters } from "@/lib/events/filters";
import { listedRow } from "@/lib/events/list-row";
import { decodeCursor, type EventPage } from "@/lib/events/query";
import { EventsTable } from "./events-table";
import { eventStore } from "@/lib/events/event-store";

function pageHref(filters: EventFilters, cursor?: string) {
  return eventsUrl({ ...filters, cursor });
}

export async function EventResults({ filters, cursor, sourceLabel = "query store" }: { filters: EventFilters; cursor?: string; sourceLabel?: string }) {
  let page: EventPage;
  try {
    page = await eventStore().page(filters, { cursor });
  } catch (e) {
    console.error("[events] query failed", e);
    return <LoadFailed title="The events could not be loaded." />;
  }
  const exportQuery = filtersToSearchParams(filters).toString();
  return (
    <section aria-label="Results" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
        <p className="text-slate-600" aria-live="polite">
          {page.rows.length === 0
            ? "No events"
            : `${page.rows.length}${page.nextCursor && !page.scanLimited ? "+" : ""} event${page.rows.length === 1 ? "" : "s"}${cursor ? " on this page" : ""}`}
          <span className="text-slate-500"> · from the {sourceLabel}</span>
        </p>
        <div className="flex items-center gap-2">
          <a className={buttonClass("secondary")} href={`/api/v1/events/export?format=csv&${exportQuery}`} download>
            <Download className="size-4" aria-hidden /> Download CSV
          </a>
          <a className={buttonClass("secondary")} href={`/api/v1/events/export?format=json&${exportQuery}`} download>
            <Download className="size-4" aria-hidden /> Download JSON
          </a>
        </div>
      </div>
      {page.scanLimited !== undefined && (
        <p role="status" className="border-b border-slate-200 bg-amber-50 px-4 py-2 text-amber-900">
          Scanned {page.scanLimited.toLocaleString("en-US")} events;{" "}
          {(() => {
            const onward = cursor && decodeCursor(cursor)?.direction === "prev" ? page.prevCursor : page.nextCursor;
            return onward ? (
              <Link className="font-medium underline" href={pageHref(filters, onward)}>
                continue to search further
              </Link>
            ) : (
              "continue to search further"
            );
          })()}
          .
        </p>
      )}
      {page.rows.length === 0 ? (
        <div className="px-6 py-16 text-center">
          <p className="font-medium text-slate-800">
            {page.scanLimited !== undefined ? "No matching events among those scanned so far." : "No events match these conditions."}
          </p>
          <p className="mt-1 text-slate-500">
            Widen the time range, pick another region (global events are under Singapore), or clear a filter.
          </p>
        </div>
      ) : (
        <EventsTable rows={page.rows.map(listedRow)} filters={filters} />
      )}
      {(page.prevCursor || page.nextCursor) && (
        <nav aria-label="Pagination" className="flex items-center justify-end gap-2 border-t border-slate-200 px-4 py-2.5">
          {page.prevCursor ? (
            <Link className={buttonClass("secondary")} href={pageHref(filters, page.prevCursor)} rel="prev">
              <ChevronLeft className="size-4" aria-hidden /> Previous
            </Link>
          ) : (
            <span className={buttonClass("secondary", "pointer-events-none opacity-50")} aria-disabled="true">
              <ChevronLeft className="size-4" aria-hidden /> Previous
            </span>
          )}
          {page.nextCursor ? (
            <Link className={buttonClass("secondary")} href={pageHref(filters, page.nextCursor)} rel="next">
              Next <ChevronRight className="size-4" aria-hidden />
            </Link>
          ) : (
            <span className={buttonClass("secondary", "pointer-events-none opacity-50")} aria-disabled="true">
              Next <ChevronRight className="size-4" aria-hidden />
            </span>
          )}
        </nav>
      )}
    </section>
  );
}

export function EventResultsSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading events" className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <div className="mb-4 h-4 w-40 animate-pulse rounded bg-slate-200" />
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="mb-3 h-5 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
