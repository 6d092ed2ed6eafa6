import { describe, expect, it } from "vitest";
import { jsonStructureProblems, MAX_EVENT_DEPTH } from "@/lib/json/structure";

/** `{"eventId":"x","<field>":[[[…]]]}`: the event object is level 1, so n arrays reach level n + 1. */
function deep(field: string, arrays: number): string {
  return `{"eventId":"x","${field}":${"[".repeat(arrays)}${"]".repeat(arrays)}}`;
}

describe("jsonStructureProblems", () => {
  it("accepts ordinary events, odd spacing, escapes and keys that only look alike", () => {
    expect(jsonStructureProblems('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}],"A":5}')).toEqual([]);
    expect(jsonStructureProblems('{ "s" : "he said \\"}\\" {[" , "t":"\\\\" }')).toEqual([]);
    expect(jsonStructureProblems(deep("requestParameters", MAX_EVENT_DEPTH - 1))).toEqual([]);
  });

  it("measures the whole depth of a hostile event and names the field", () => {
    expect(jsonStructureProblems(deep("requestParameters", 20_000))).toEqual([
      "requestParameters: nested 20001 levels deep; at most 64 are accepted",
    ]);
    expect(jsonStructureProblems(deep("responseElements", MAX_EVENT_DEPTH))).toEqual([
      "responseElements: nested 65 levels deep; at most 64 are accepted",
    ]);
  });

  it("walks two million levels without recursion (a recursive or quadratic walk would overflow or time out)", () => {
    expect(jsonStructureProblems(deep("x", 2_000_000))).toEqual(["x: nested 2000001 levels deep; at most 64 are accepted"]);
  });

  it("finds duplicate keys at any level, decoding escapes", () => {
    expect(jsonStructureProblems('{"eventName":"A","eventRW":"Read","eventName":"B"}')).toEqual(['"eventName" appears twice']);
    expect(jsonStructureProblems('{"eventName":"A","event\\u004eame":"B","eventName":"C"}')).toEqual(['"eventName" appears 3 times']);
    expect(jsonStructureProblems('{"userIdentity":{"userName":"a","userName":"b"}}')).toEqual(['userIdentity: "userName" appears twice']);
    expect(jsonStructureProblems('{"requestParameters":{"items":[{"id":1},{"id":2,"id":3}]}}')).toEqual([
      'requestParameters.items[1]: "id" appears twice',
    ]);
  });

  it("shows hostile key names clipped and quoted, and caps the list", () => {
    const key = `<b>${"k".repeat(500)}`;
    const [line] = jsonStructureProblems(JSON.stringify({ [key]: 1 }).replace("}", `,${JSON.stringify(key)}:2}`));
    expect(line).toMatch(/^"<b>k+…" appears twice$/);
    expect(line.length).toBeLessThan(100);
    const many = `{${Array.from({ length: 30 }, (_, i) => `"k${i}":1,"k${i}":2`).join(",")}}`;
    const problems = jsonStructureProblems(many);
    expect(problems).toHaveLength(11);
    expect(problems[10]).toBe("event: 20 more structure problems");
  });
});
