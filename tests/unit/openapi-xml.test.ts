// Format=XML: Alibaba's RPC shape, escaping, repeated elements for arrays, keys that are not XML names,
// and stored events converted from their JSON text at any depth.
import { describe, expect, it } from "vitest";
import { RawJson } from "@/lib/openapi/raw-json";
import { RawJsonXmlError, toXml } from "@/lib/openapi/xml";

describe("toXml", () => {
  it("writes the root, nested objects and one element per array item", () => {
    expect(toXml("DescribeRegionsResponse", { RequestId: "R1", Regions: { Region: [{ RegionId: "cn-hangzhou" }, { RegionId: "cn-beijing" }] } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><DescribeRegionsResponse><RequestId>R1</RequestId><Regions><Region><RegionId>cn-hangzhou</RegionId></Region><Region><RegionId>cn-beijing</RegionId></Region></Regions></DescribeRegionsResponse>',
    );
  });

  it("escapes text and keeps keys that are not XML names as attributes", () => {
    const xml = toXml("R", { Events: [{ referencedResources: { "ACS::Ecs::Instance": ["i-1"] }, note: `<script>alert("x")</script> & co` }] });
    expect(xml).toContain('<item key="ACS::Ecs::Instance">i-1</item>');
    expect(xml).toContain("<note>&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; co</note>");
    expect(toXml("R", { 'a"b': 1 })).toContain('<item key="a&quot;b">1</item>');
    expect(toXml("R", { xmlThing: 1, "1st": 2 })).toContain('<item key="xmlThing">1</item><item key="1st">2</item>');
  });

  it("writes booleans, numbers and empty values, and replaces characters XML cannot carry", () => {
    expect(toXml("R", { IsLogging: false, Count: 0, Missing: null, Ctl: "a\u0001b" })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><R><IsLogging>false</IsLogging><Count>0</Count><Missing></Missing><Ctl>a\uFFFDb</Ctl></R>',
    );
  });
});

describe("stored events (RawJson) as XML", () => {
  const asParsed = (raw: string) => toXml("R", { Events: [JSON.parse(raw)] });
  const asRaw = (raw: string) => toXml("R", { Events: [new RawJson(raw)] });

  it("writes a stored event exactly as the parsed event would be written", () => {
    // Canonical tokens, no integer-like keys (a parsed object lists those first): both paths must agree.
    const cases = [
      '{"eventId":"e1","eventName":"DeleteInstance","isGlobal":false,"sensitive":true,"errorCode":null}',
      '{"referencedResources":{"ACS::Ecs::Instance":["i-1","i-2"],"ACS::Ram::User":[]},"requestParameters":{}}',
      '{"a":[[1,2],[],[[3]],{"b":[true,null]}],"c":"<tag> & \\"quoted\\" \\u0001 \\ud83d\\ude00","xmlKey":1,"with space":2}',
      '{"nested":{"deeper":{"list":[{"x":1},{"x":2}]}},"empty":[],"emptyObject":{},"s":""}',
      '[1,{"a":2}]',
      '"just a string"',
      "-12.5",
    ];
    for (const raw of cases) expect(asRaw(raw), raw).toBe(asParsed(raw));
  });

  it("keeps numbers as stored and every duplicate key in stored order", () => {
    expect(asRaw('{"n":1.0,"e":1E+2,"big":12345678901234567890,"z":-0,"k":"first","k":"second"}')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><R><Events><n>1.0</n><e>1E+2</e><big>12345678901234567890</big><z>-0</z><k>first</k><k>second</k></Events></R>',
    );
  });

  it("converts a 20,000-level event, arrays or objects, without recursion", () => {
    const depth = 20_000;
    const arrays = `{"eventId":"deep","requestParameters":${"[".repeat(depth)}${"]".repeat(depth)},"eventName":"Deep"}`;
    // Nested arrays flatten into their key's element; with no value inside, nothing is written for them.
    expect(asRaw(arrays)).toBe('<?xml version="1.0" encoding="UTF-8"?><R><Events><eventId>deep</eventId><eventName>Deep</eventName></Events></R>');
    const arraysWithValue = `{"p":${"[".repeat(depth)}7${"]".repeat(depth)}}`;
    expect(asRaw(arraysWithValue)).toBe('<?xml version="1.0" encoding="UTF-8"?><R><Events><p>7</p></Events></R>');
    const objects = `{"eventId":"deep","requestParameters":${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}}`;
    expect(asRaw(objects)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><R><Events><eventId>deep</eventId><requestParameters>${"<a>".repeat(depth - 1)}<a>x</a>${"</a>".repeat(depth - 1)}</requestParameters></Events></R>`,
    );
  });

  it("refuses text that is not one JSON value, saying so", () => {
    for (const bad of ["", "{", "]", '{"a":1,}', "[1,]", '{"a" 1}', '{"a":1}}', '{"a":1} 2', '{"a":}', "[1 2]", '{"a":"b":1}', "nul"]) {
      expect(() => asRaw(bad), bad).toThrow(RawJsonXmlError);
    }
  });
});
