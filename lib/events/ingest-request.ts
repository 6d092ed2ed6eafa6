import { splitJsonArrayElements } from "@/lib/json/raw-elements";
import { MAX_BODY_BYTES, MAX_EVENTS_PER_CALL, type RawEventInput } from "./ingest";

export type ParsedIngestBody =
  | { ok: true; inputs: RawEventInput[] }
  | { ok: false; status: 400 | 413; error: string; message: string };

/**
 * Reads an ingestion body `{ "events": [ … ] }`, keeping each event's original JSON text so the
 * stored copy is byte-for-byte what the sender wrote.
 */
export function parseIngestBody(text: string): ParsedIngestBody {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_BODY_BYTES) {
    return { ok: false, status: 413, error: "PayloadTooLarge", message: `The body is ${bytes} bytes; at most ${MAX_BODY_BYTES} (5 MB) are accepted per call.` };
  }
  if (text.trim() === "") return { ok: false, status: 400, error: "InvalidBody", message: 'The body is empty; send {"events": [ … ]}.' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { ok: false, status: 400, error: "InvalidJson", message: `The body is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, status: 400, error: "InvalidBody", message: 'The body must be a JSON object {"events": [ … ]}.' };
  }
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) {
    return { ok: false, status: 400, error: "InvalidBody", message: 'The body must have an "events" array.' };
  }
  if (events.length === 0) return { ok: false, status: 400, error: "InvalidBody", message: 'The "events" array is empty.' };
  if (events.length > MAX_EVENTS_PER_CALL) {
    return { ok: false, status: 413, error: "TooManyEvents", message: `${events.length} events were sent; at most ${MAX_EVENTS_PER_CALL} are accepted per call.` };
  }
  const { elements } = splitJsonArrayElements(text, "events");
  return { ok: true, inputs: events.map((value, i) => ({ value, raw: text.slice(elements[i].start, elements[i].end) })) };
}

/** Reads JSON lines (one event per line; blank lines skipped) for `events import`. */
export function parseJsonLines(text: string): { inputs: RawEventInput[]; lineOf: number[]; errors: { line: number; error: string }[] } {
  const inputs: RawEventInput[] = [];
  const lineOf: number[] = [];
  const errors: { line: number; error: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const raw = line.trim();
    if (raw === "") return;
    try {
      inputs.push({ value: JSON.parse(raw), raw });
      lineOf.push(i + 1);
    } catch (e) {
      errors.push({ line: i + 1, error: `not valid JSON: ${(e as Error).message}` });
    }
  });
  return { inputs, lineOf, errors };
}
