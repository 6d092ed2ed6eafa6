// Stored event JSON in API responses, byte-for-byte. LookupEvents answers with each event's stored text
// wrapped in RawJson; stringifyWithRaw writes the response with JSON.stringify and splices every wrapped
// text in where a placeholder stood. Nothing re-parses or re-serialises an event, so the cost is linear
// in its size and an event nested 20,000 levels deep (stored before ingestion refused such events)
// cannot make JSON.stringify overflow its stack. Format=XML reads the same wrapper (lib/openapi/xml.ts).
import { randomUUID } from "node:crypto";

// Set only while stringifyWithRaw runs (JSON.stringify is synchronous): anywhere else a RawJson in a
// body means it is being serialised the wrong way, e.g. by Response.json, and would come out as {}.
let splicing = false;

/** A value that is already JSON text, valid by construction (ingestion stored only what JSON.parse took). */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): RawJson {
    if (!splicing) throw new Error("A RawJson value must be written with stringifyWithRaw");
    // JSON.stringify calls toJSON before the replacer; returning the wrapper lets the replacer see it.
    return this;
  }
}

/** JSON.stringify(value), with every RawJson inside it written as its text, unchanged. */
export function stringifyWithRaw(value: unknown): string {
  const texts: string[] = [];
  // A random tag per call: no string of the body can equal a placeholder by accident or on purpose.
  const tag = `raw-json-${randomUUID()}`;
  splicing = true;
  let json: string;
  try {
    json = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `${tag}:${texts.push(v.text) - 1}` : v));
  } finally {
    splicing = false;
  }
  if (texts.length === 0) return json;
  // One pass over the output; the texts spliced in are never scanned again.
  return json.replace(new RegExp(`"${tag}:(\\d+)"`, "g"), (_m, i: string) => texts[Number(i)]);
}
