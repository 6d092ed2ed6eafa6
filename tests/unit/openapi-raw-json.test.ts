// Stored events in JSON responses: spliced in byte-for-byte, at any depth, and never serialised by accident.
import { describe, expect, it } from "vitest";
import { RawJson, stringifyWithRaw } from "@/lib/openapi/raw-json";
import { renderOpenApiResponse } from "@/lib/openapi/response";

const DEPTH = 20_000;
const deepArrays = `{"eventId":"deep-1","requestParameters":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)},"eventName":"Deep"}`;
const deepObjects = `{"eventId":"deep-2","requestParameters":${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}}`;
// Tokens JSON.parse + JSON.stringify would change: 1.0, a 20-digit integer, an escaped "<", a duplicate key,
// insignificant whitespace, and replacement patterns String.replace would expand.
const odd = `{ "eventId" : "odd", "n": 1.0, "big": 12345678901234567890, "s": "\\u003c", "k": 1, "k": 2, "d": "$&$1$$" }`;

/** Nesting depth of JSON text, counted without parsing it. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") max = Math.max(max, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return max;
}

describe("stringifyWithRaw", () => {
  it("writes each stored event's text unchanged, in order, between the body's own JSON", () => {
    const out = stringifyWithRaw({ RequestId: "R1", Events: [new RawJson(odd), new RawJson('{"eventId":"plain"}')], NextToken: "t" });
    expect(out).toBe(`{"RequestId":"R1","Events":[${odd},{"eventId":"plain"}],"NextToken":"t"}`);
  });

  it("splices a 20,000-level event whole where JSON.stringify of it overflows the stack", () => {
    expect(() => JSON.stringify(JSON.parse(deepArrays))).toThrow(RangeError);
    const out = stringifyWithRaw({ RequestId: "R2", Events: [new RawJson(deepArrays), new RawJson(deepObjects)] });
    expect(out).toBe(`{"RequestId":"R2","Events":[${deepArrays},${deepObjects}]}`);
    expect(depthOf(out)).toBe(DEPTH + 3);
    // V8's JSON.parse is not recursive: a client (the SDK parses with it) reads the page.
    const page = JSON.parse(out) as { Events: { eventId: string }[] };
    expect(page.Events.map((e) => e.eventId)).toEqual(["deep-1", "deep-2"]);
  });

  it("leaves strings of the body that look like placeholders alone", () => {
    const lookalike = "raw-json-00000000-0000-0000-0000-000000000000:0";
    const out = stringifyWithRaw({ Message: lookalike, Events: [new RawJson("{}")] });
    expect(JSON.parse(out)).toEqual({ Message: lookalike, Events: [{}] });
  });

  it("is plain JSON.stringify for a body without stored events (undefined dropped, Dates as ISO)", () => {
    const body = { A: 1, B: undefined, C: [null, "x"], D: new Date("2026-11-23T12:00:00Z") };
    expect(stringifyWithRaw(body)).toBe(JSON.stringify(body));
  });

  it("refuses to be serialised any other way (Response.json would write {} for an event)", () => {
    expect(() => JSON.stringify({ Events: [new RawJson("{}")] })).toThrow(/stringifyWithRaw/);
    expect(() => Response.json({ Events: [new RawJson("{}")] })).toThrow(/stringifyWithRaw/);
  });
});

describe("renderOpenApiResponse", () => {
  it("answers JSON or XML from the same body and passes Retry-After on", () => {
    const body = { RequestId: "R3", Events: [new RawJson(odd)] };
    const json = renderOpenApiResponse({ status: 200, body, xml: false, root: "LookupEventsResponse" });
    expect(json).toEqual({ status: 200, headers: { "Cache-Control": "no-store", "Content-Type": "application/json" }, text: `{"RequestId":"R3","Events":[${odd}]}` });
    const xml = renderOpenApiResponse({ status: 200, body, xml: true, root: "LookupEventsResponse" });
    expect(xml.headers["Content-Type"]).toBe("application/xml; charset=utf-8");
    expect(xml.text).toContain("<Events><eventId>odd</eventId><n>1.0</n><big>12345678901234567890</big><s>&lt;</s><k>1</k><k>2</k><d>$&amp;$1$$</d></Events>");
    const refused = renderOpenApiResponse({ status: 400, body: { Code: "Throttling.User" }, xml: false, root: "Error", headers: { "Retry-After": "1" } });
    expect(refused.headers).toMatchObject({ "Retry-After": "1", "Content-Type": "application/json" });
  });
});
