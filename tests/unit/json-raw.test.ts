import { describe, it, expect } from "vitest";
import {
  splitJsonArrayElements,
  trySplitJsonArrayElements,
  RawJsonSplitError,
} from "@/lib/json/raw-elements";

function slices(text: string, key = "events"): string[] {
  return splitJsonArrayElements(text, key).elements.map(({ start, end }) => text.slice(start, end));
}

describe("splitJsonArrayElements", () => {
  it("splits a compact body", () => {
    expect(slices('{"events":[{"a":1},{"b":2}]}')).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("handles arbitrary whitespace around keys, colons, elements and commas", () => {
    const text = ' \n\t{ \r\n "events" \t:\n [ \n  {"a" : 1 } ,\n\t[1, 2]  ,  "s" , 1.0 ,true,null , -3e5\n ]\n }\n ';
    expect(slices(text)).toEqual(['{"a" : 1 }', "[1, 2]", '"s"', "1.0", "true", "null", "-3e5"]);
  });

  it("only matches top-level keys, not nested ones", () => {
    const text =
      '{"meta":{"events":[{"wrong":1}]},"list":[{"events":[9]}],"events":[{"right":1,"events":[{"deep":1}]}],"after":{"events":[]}}';
    expect(slices(text)).toEqual(['{"right":1,"events":[{"deep":1}]}']);
  });

  it("does not treat a string value equal to the key as a key", () => {
    const text = '{"name":"events","x":["events"],"events":[1]}';
    expect(slices(text)).toEqual(["1"]);
  });

  it("handles strings containing brackets, braces, quotes, backslashes and unicode", () => {
    const elements = [
      '{"s":"a]b}c[d{e,f"}',
      '{"q":"say \\"hi\\" ]}"}',
      '{"bs":"C:\\\\path\\\\"}',
      '"\\\\"',
      '"\\\\\\""',
      '{"u":"\\u003cscript\\u003e ü 中文 😀 \u202E rtl"}',
      '"]"',
      '"}"',
      '{"k\\"ey]":"v"}',
    ];
    const text = `{"before":"x\\"]}","events":[${elements.join(" , ")}],"after":"]}"}`;
    expect(() => JSON.parse(text)).not.toThrow();
    expect(slices(text)).toEqual(elements);
    const parsed = JSON.parse(text).events;
    slices(text).forEach((s, i) => expect(JSON.parse(s)).toEqual(parsed[i]));
  });

  it("handles other keys before and after, with nested arrays and objects", () => {
    const text = JSON.stringify({
      a: [1, [2, { events: [3] }]],
      b: { c: "[{" },
      events: [{ x: [1, 2, { y: "]" }] }, [], {}],
      z: [true, false, null],
    });
    expect(slices(text)).toEqual(['{"x":[1,2,{"y":"]"}]}', "[]", "{}"]);
  });

  it("matches a key written with escapes", () => {
    expect(slices('{"\\u0065vents":[1,2]}')).toEqual(["1", "2"]);
  });

  it("uses the last occurrence of a duplicate top-level key, like JSON.parse", () => {
    expect(slices('{"events":[1],"events":[2,3]}')).toEqual(["2", "3"]);
  });

  it("returns no elements for an empty array", () => {
    expect(splitJsonArrayElements('{"events":[]}', "events").elements).toEqual([]);
    expect(splitJsonArrayElements('{ "events" : [ \n ] , "x": 1 }', "events").elements).toEqual([]);
  });

  it("throws a clear error when the key is missing", () => {
    expect(() => splitJsonArrayElements('{"other":[1]}', "events")).toThrow(RawJsonSplitError);
    expect(() => splitJsonArrayElements('{"other":[1]}', "events")).toThrow(/missing/);
    expect(() => splitJsonArrayElements("{}", "events")).toThrow(/missing/);
    expect(() => splitJsonArrayElements('{"x":{"events":[1]}}', "events")).toThrow(/missing/);
    expect(trySplitJsonArrayElements('{"other":[1]}', "events")).toBeNull();
  });

  it("throws a clear error when the value is not an array", () => {
    for (const v of ['{"a":1}', '"[1,2]"', "1", "null", "true"]) {
      expect(() => splitJsonArrayElements(`{"events":${v}}`, "events")).toThrow(/not an array/);
    }
    expect(() => splitJsonArrayElements("[1,2]", "events")).toThrow(/not an object/);
    expect(trySplitJsonArrayElements('{"events":{}}', "events")).toBeNull();
  });

  it("splits a large body (2,000 elements) matching JSON.parse element by element", () => {
    const events = Array.from({ length: 2000 }, (_, i) => ({
      eventId: `id-${i}`,
      eventName: i % 3 ? "DeleteDeployment" : 'Tricky "]}" \\ name',
      n: i * 1.5,
      nested: { events: [i, { deep: "}]" }], list: [] },
      unicode: "ü\u202E中",
    }));
    const text = JSON.stringify({ version: 1, events, trailer: { events: "x" } }, null, 2);
    const parsed = JSON.parse(text).events;
    const { elements } = splitJsonArrayElements(text, "events");
    expect(elements).toHaveLength(2000);
    elements.forEach(({ start, end }, idx) => {
      expect(JSON.parse(text.slice(start, end))).toEqual(parsed[idx]);
    });
  });

  it("splits a ~5 MB body quickly", () => {
    const one = JSON.stringify({
      eventId: "48deee2f-a38b-440b-aae4-168640afd6b8",
      blob: "x\\\"]}".repeat(200),
      payload: { a: [1, 2, 3], b: "y".repeat(500) },
    });
    const count = Math.ceil((5 * 1024 * 1024) / one.length);
    const text = `{"events":[${Array(count).fill(one).join(",")}]}`;
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    splitJsonArrayElements(text, "events"); // warm up
    const t0 = performance.now();
    const { elements } = splitJsonArrayElements(text, "events");
    const ms = performance.now() - t0;
    expect(elements).toHaveLength(count);
    expect(text.slice(elements[count - 1].start, elements[count - 1].end)).toBe(one);
    expect(ms).toBeLessThan(200);
  });
});

