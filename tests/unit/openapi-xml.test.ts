// Format=XML: Alibaba's RPC shape, escaping, repeated elements for arrays, keys that are not XML names.
import { describe, expect, it } from "vitest";
import { toXml } from "@/lib/openapi/xml";

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
