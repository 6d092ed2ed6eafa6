import { describe, it, expect } from "vitest";
import { tokenize, prettyLines, prettyPrintExact, lineText } from "@/lib/json/tokens";

// A real ActionTrail event (Realtime Compute for Apache Flink DeleteDeployment).
const SAMPLE_EVENT = String.raw`
{
  "eventId": "48deee2f-a38b-440b-aae4-168640afd6b8",
  "eventVersion": 1,
  "responseElements": {},
  "errorMessage": "",
  "eventSource": "RealtimeCompute",
  "requestParameters": {},
  "sourceIpAddress": "140.**.**.19",
  "userAgent": "RealtimeCompute",
  "eventRW": "Write",
  "eventType": "ApiCall",
  "referencedResources": {
    "ACS::RealtimeCompute::Deployment": [
      "47eb63e1-79b8-4192-9cd2-059ec5d7****",
      "guiyuan-kafka-writer"
    ]
  },
  "userIdentity": {
    "accessKeyId": "null",
    "sessionContext": {
      "attributes": {
        "mfaAuthenticated": "true",
        "userDisplayName": "25265763711933****",
        "user": "25265763711933****"
      }
    },
    "accountId": "1016954307248737",
    "principalId": "25265763711933****",
    "type": "ram-user",
    "userName": "25265763711933****"
  },
  "serviceName": "RealtimeCompute",
  "additionalEventData": {
    "namespace": "NamespaceRef(name=Optional[daily-instance-not-delete-default])"
  },
  "requestId": "202306021408-LFMZBC059T",
  "eventTime": "2023-06-02T06:08:21Z",
  "isGlobal": false,
  "acsRegion": "cn-beijing",
  "eventName": "DeleteDeployment"
}`.trim();

const canonical = (t: string, indent = 2) => JSON.stringify(JSON.parse(t), null, indent);

describe("tokenize", () => {
  it("drops whitespace and keeps exact token text and kinds", () => {
    const toks = tokenize(' { "a" :\t[1.0, -2e-3, "x\\"y", true, false, null ] , "b\\u0041":{} }\n');
    expect(toks).toEqual([
      { kind: "punct", text: "{" },
      { kind: "key", text: '"a"' },
      { kind: "punct", text: ":" },
      { kind: "punct", text: "[" },
      { kind: "number", text: "1.0" },
      { kind: "punct", text: "," },
      { kind: "number", text: "-2e-3" },
      { kind: "punct", text: "," },
      { kind: "string", text: '"x\\"y"' },
      { kind: "punct", text: "," },
      { kind: "literal", text: "true" },
      { kind: "punct", text: "," },
      { kind: "literal", text: "false" },
      { kind: "punct", text: "," },
      { kind: "literal", text: "null" },
      { kind: "punct", text: "]" },
      { kind: "punct", text: "," },
      { kind: "key", text: '"b\\u0041"' },
      { kind: "punct", text: ":" },
      { kind: "punct", text: "{" },
      { kind: "punct", text: "}" },
      { kind: "punct", text: "}" },
    ]);
  });

  it("concatenated token text equals the source minus whitespace outside strings", () => {
    const src = '{ "a b" : [ 1 , "  x  " ] }';
    expect(tokenize(src).map((t) => t.text).join("")).toBe('{"a b":[1,"  x  "]}');
  });

  it("throws on lexical errors", () => {
    expect(() => tokenize('"abc')).toThrow();
    expect(() => tokenize('"\\x"')).toThrow();
    expect(() => tokenize("01x")).toThrow();
    expect(() => tokenize("tru")).toThrow();
    expect(() => tokenize("{'a':1}")).toThrow();
  });
});

describe("prettyPrintExact", () => {
  it("equals JSON.stringify(JSON.parse(t), null, 2) on a real ActionTrail event", () => {
    const compact = JSON.stringify(JSON.parse(SAMPLE_EVENT));
    expect(prettyPrintExact(SAMPLE_EVENT)).toBe(canonical(SAMPLE_EVENT));
    expect(prettyPrintExact(compact)).toBe(canonical(SAMPLE_EVENT));
    expect(prettyPrintExact(compact)).toBe(SAMPLE_EVENT);
  });

  it("equals JSON.stringify for canonical documents of many shapes and indents", () => {
    const docs: unknown[] = [
      {},
      [],
      0,
      -1.5,
      "str",
      true,
      null,
      [[]],
      [{}],
      { a: {} , b: [], c: [[], {}], d: [1, [2, [3, { e: null }]]] },
      { "x y": "with \"quotes\" and \\ and \n newline and \u0001 control", emoji: "😀", rtl: "\u202E" },
      [1, "two", false, { three: [3] }],
    ];
    for (const doc of docs) {
      const compact = JSON.stringify(doc);
      for (const indent of [2, 4, 0, 1]) {
        expect(prettyPrintExact(compact, indent)).toBe(JSON.stringify(doc, null, indent));
      }
    }
  });

  it("preserves non-canonical numbers exactly", () => {
    const src = '{"a":1.0,"b":1e5,"c":12345678901234567890,"d":-0,"e":1E+2,"f":0.10}';
    expect(prettyPrintExact(src)).toBe(
      '{\n  "a": 1.0,\n  "b": 1e5,\n  "c": 12345678901234567890,\n  "d": -0,\n  "e": 1E+2,\n  "f": 0.10\n}',
    );
    expect(canonical(src)).not.toBe(prettyPrintExact(src));
  });

  it("preserves string escapes exactly", () => {
    const src = '{"html":"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","slash":"a\\/b","\\u006bey":"\\ud83d\\ude00"}';
    const out = prettyPrintExact(src);
    expect(out).toBe(
      '{\n  "html": "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",\n  "slash": "a\\/b",\n  "\\u006bey": "\\ud83d\\ude00"\n}',
    );
    expect(out).toContain('"\\u003cscript\\u003e');
    expect(out).not.toContain("<script>");
  });

  it("preserves duplicate keys and key order", () => {
    const src = '{"b":1,"a":2,"b":3,"2":"x","1":"y"}';
    expect(prettyPrintExact(src)).toBe('{\n  "b": 1,\n  "a": 2,\n  "b": 3,\n  "2": "x",\n  "1": "y"\n}');
  });

  it("renders nested empty objects and arrays on one line", () => {
    const src = '{ "a" : { } , "b" : [ ] , "c" : [ { } , [ ] , { "d" : [ ] } ] }';
    expect(prettyPrintExact(src)).toBe(
      '{\n  "a": {},\n  "b": [],\n  "c": [\n    {},\n    [],\n    {\n      "d": []\n    }\n  ]\n}',
    );
    expect(prettyPrintExact(src)).toBe(canonical(src));
    expect(prettyPrintExact(" { } ")).toBe("{}");
    expect(prettyPrintExact("[\n]")).toBe("[]");
  });

  it("pretty prints top-level scalars", () => {
    expect(prettyPrintExact(" 1.0 ")).toBe("1.0");
    expect(prettyPrintExact('"x"')).toBe('"x"');
    expect(prettyPrintExact("null")).toBe("null");
  });

  it("falls back to the unchanged text on invalid JSON", () => {
    const bad = [
      "",
      "   ",
      "{",
      "}",
      '{"a":1,}',
      "[1,]",
      "[1 2]",
      '{"a" 1}',
      '{"a":1]',
      "[1}",
      "{1:2}",
      '["a":1]',
      "01",
      "1 2",
      "NaN",
      "{'a':1}",
      "\uFEFF{}",
      '"unterminated',
      "<script>alert(1)</script>",
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text)).toThrow();
      expect(prettyPrintExact(text)).toBe(text);
      expect(prettyLines(text)).toEqual([{ indent: 0, tokens: [{ kind: "raw", text }] }]);
    }
  });

  it("handles large strings and deep nesting without throwing", () => {
    const big = "<b>".repeat(40_000);
    const src = JSON.stringify({ big, deep: JSON.parse("[".repeat(500) + "]".repeat(500)) });
    expect(prettyPrintExact(src)).toBe(canonical(src));
    const veryDeep = "[".repeat(50_000) + "]".repeat(50_000);
    expect(prettyLines(veryDeep).length).toBe(2 * 50_000 - 1);
  });
});

describe("prettyLines", () => {
  it("lays out one key/value per line with indentation", () => {
    const lines = prettyLines('{"a":[1,{"b":true}],"c":{}}');
    expect(lines.map(lineText)).toEqual([
      "{",
      '  "a": [',
      "    1,",
      "    {",
      '      "b": true',
      "    }",
      "  ],",
      '  "c": {}',
      "}",
    ]);
    expect(lines[1]).toEqual({
      indent: 2,
      tokens: [
        { kind: "key", text: '"a"' },
        { kind: "punct", text: ": " },
        { kind: "punct", text: "[" },
      ],
    });
  });
});
