import type { EventFilters } from "./filters";
import { iterateEvents, type EventListRow } from "./query";

export type ExportFormat = "csv" | "json";

export const CSV_COLUMNS: { header: string; value: (r: EventListRow) => string | null }[] = [
  { header: "Event Time", value: (r) => r.eventTime },
  { header: "Username", value: (r) => r.userName },
  { header: "Event Name", value: (r) => r.eventName },
  { header: "Resource Type", value: (r) => r.resourceType },
  { header: "Resource Name", value: (r) => r.resourceName },
  { header: "Service Name", value: (r) => r.serviceName },
  { header: "Event Type", value: (r) => r.eventType },
  { header: "Read/Write", value: (r) => r.eventRW },
  { header: "Region", value: (r) => r.acsRegion },
  { header: "Source IP", value: (r) => r.sourceIp },
  { header: "AccessKey ID", value: (r) => r.accessKeyId },
  { header: "Error Code", value: (r) => r.errorCode },
  { header: "Sensitive", value: (r) => (r.sensitive ? "true" : "false") },
  { header: "Event ID", value: (r) => r.eventId },
];

/**
 * One CSV field: quoted when needed, and prefixed with ' when it starts like a spreadsheet formula
 * (=, +, -, @, tab, CR): event fields are attacker-controlled.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole result of a query as a stream of CSV or JSON text, read page by page. */
export function exportStream(filters: EventFilters, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = iterateEvents(filters, 1_000);
  let started = false;
  let count = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(format === "csv" ? `${CSV_COLUMNS.map((c) => c.header).join(",")}\r\n` : "["));
        }
        // Up to 500 rows per pull keeps memory flat and the stream responsive.
        let chunk = "";
        for (let i = 0; i < 500; i++) {
          const next = await rows.next();
          if (next.done) {
            chunk += format === "csv" ? "" : count ? "\n]\n" : "]\n";
            controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          const r = next.value;
          chunk += format === "csv" ? `${CSV_COLUMNS.map((c) => csvField(c.value(r))).join(",")}\r\n` : `${count ? "," : ""}\n${r.raw}`;
          count++;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
