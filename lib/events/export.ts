import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import type { EventFilters } from "./filters";
import { type EventListRow } from "./query";
import { eventStore } from "./event-store";

export type ExportFormat = "csv" | "json";

/** The fields of a row that hold text. */
type TextField = { [K in keyof EventListRow]-?: EventListRow[K] extends string | null ? K : never }[keyof EventListRow];

/** The CSV columns in order: header → the row's text field, or how the cell is written. */
const CSV_COLUMNS: Record<string, TextField | ((r: EventListRow) => string)> = {
  "Event Time": "eventTime", Username: "userName", "Event Name": "eventName", "Resource Type": "resourceType",
  "Resource Name": "resourceName", "Service Name": "serviceName", "Event Type": "eventType", "Read/Write": "eventRW",
  Region: "acsRegion", "Source IP": "sourceIp", "AccessKey ID": "accessKeyId", "Error Code": "errorCode",
  Sensitive: (r) => (r.sensitive ? "true" : "false"),
  "Event ID": "eventId",
};
const CSV_HEADER = Object.keys(CSV_COLUMNS).join(",");
const CSV_CELLS = Object.values(CSV_COLUMNS).map((c) => (typeof c === "function" ? c : (r: EventListRow) => r[c]));

/**
 * One CSV field: quoted when needed, and prefixed with ' when it starts like a spreadsheet formula
 * (=, +, -, @, tab, CR): event fields are attacker-controlled.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** How an export ended: the events written into the stream, and whether it reached the end of the result. */
export interface ExportOutcome {
  count: number;
  completed: boolean;
}

/**
 * The whole result of a query as a stream of CSV or JSON text, read page by page. `onEnd` is called once,
 * when the last byte is queued (completed), or when the download is cancelled or fails (not completed),
 * with the number of events queued by then; the stream closes after it returns.
 */
export function exportStream(filters: EventFilters, format: ExportFormat, onEnd?: (outcome: ExportOutcome) => Promise<unknown> | void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = eventStore().iterate(filters, 1_000);
  let started = false;
  let written = 0;
  let ended = false;
  const end = async (completed: boolean) => {
    if (ended) return;
    ended = true;
    await onEnd?.({ count: written, completed });
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(format === "csv" ? `${CSV_HEADER}\r\n` : "["));
        }
        // Up to 500 rows per pull keeps memory flat and the stream responsive.
        let chunk = "";
        let n = 0;
        for (let i = 0; i < 500; i++) {
          const next = await rows.next();
          if (next.done) {
            chunk += format === "csv" ? "" : written + n ? "\n]\n" : "]\n";
            controller.enqueue(encoder.encode(chunk));
            written += n;
            await end(true);
            controller.close();
            return;
          }
          const r = next.value;
          chunk += format === "csv" ? `${CSV_CELLS.map((cell) => csvField(cell(r))).join(",")}\r\n` : `${written + n ? "," : ""}\n${r.raw}`;
          n++;
        }
        controller.enqueue(encoder.encode(chunk));
        written += n;
      } catch (e) {
        // Cancelled while this pull ran (enqueue throws then): the cancel has recorded the export already.
        if (ended) return;
        console.error(`[export] failed after ${written} events: ${(e as Error).message}`);
        await end(false);
        controller.error(e);
      }
    },
    async cancel() {
      await end(false);
      await rows.return(undefined);
    },
  });
}

/** The filters of an export as its ExportEvents record keeps them: the /events URL parameters given. */
function filterParams(f: EventFilters): Record<string, string | boolean> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string | boolean>;
}

/**
 * Records one export as an ExportEvents event of the console user: the filters and format asked for, the
 * number of events that went into the download and whether it reached the end of the result.
 */
export async function recordExport(actor: Actor, filters: EventFilters, format: ExportFormat, outcome: ExportOutcome): Promise<void> {
  await recordAuditEvent({
    actor,
    eventName: "ExportEvents",
    eventRW: "Read",
    requestParameters: { Format: format, Filters: filterParams(filters) },
    additionalEventData: { ExportedEvents: outcome.count, Completed: outcome.completed },
  });
}
