import type { Metadata } from "next";
import { EventDetail } from "@/components/events/event-detail";
import { EventIntegrity, type EventPlacementView } from "@/components/integrity/event-integrity";
import { LocalTime } from "@/components/ui/local-time";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { eventsUrl } from "@/lib/events/events-url";
import { queryRetentionDays } from "@/lib/config/retention";
import { findEventPlacement } from "@/lib/integrity/event-check";
import { eventBlock } from "@/lib/integrity/verify-store";
import { eventStore } from "@/lib/events/event-store";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ eventId: string }> }) {
  await requireUser(CAN.readEvents);
  const { eventId } = await params;
  const id = decodeURIComponent(eventId);
  const row = await eventStore().byId(id);
  // Back to the list the event is in: its region, and its log store when it has left the query store.
  const back = { href: eventsUrl(row ? { region: row.queryRegion, logStore: row.logStore ?? undefined } : {}), label: "Event Detail Query" };
  if (!row) {
    return (
      <PageShell width="sm" dense back={back}>
        <div className="rounded-lg border border-slate-200 bg-white px-6 py-14 text-center shadow-xs">
          <h1 className="text-lg font-semibold">Event not found</h1>
          <p className="mt-1 break-all text-slate-500">
            No event with ID <span className="font-mono">{id}</span> is in the query store or any log store. Events leave the query store after {queryRetentionDays()} days and a log store after its retention.
          </p>
        </div>
      </PageShell>
    );
  }
  // A row read from a log store carries the log store's row id: the delivered files are found by the query store's.
  const found = row.logStore ? null : await findEventPlacement({ id: row.id, eventId: row.eventId, eventTime: row.eventTime, acsRegion: row.acsRegion, raw: row.raw });
  const placement: EventPlacementView | null = found && {
    files: found.files.map((f) => ({
      trailName: f.trailName, bucket: f.bucket, key: f.key, sha256: f.sha256, digestKey: f.digest?.key ?? null,
      digestPeriodEnd: f.digest?.periodEnd.toISOString() ?? null, digestWritten: !!f.digest?.writtenAt,
    })),
    logStoreRows: found.logStoreRows.map((r) => ({ logStore: r.logStore, rowId: r.rowId, digestPeriodEnd: r.digest?.periodEnd.toISOString() ?? null })),
    block: await eventBlock(row.eventId),
  };
  return (
    <PageShell
      width="full"
      back={back}
      title={row.eventName}
      description={`${row.serviceName} · ${row.userName ?? "unknown user"}${row.logStore ? ` · from the log store ${row.logStore} (no longer in the ${queryRetentionDays()}-day query store)` : ""}`}
      actions={
        <span className="text-slate-600">
          <LocalTime iso={row.eventTime} />
        </span>
      }
    >
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <EventDetail row={row} />
      </section>
      <EventIntegrity eventId={row.eventId} placement={placement} />
    </PageShell>
  );
}
