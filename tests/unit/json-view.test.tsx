import { describe, it, expect } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { JsonView } from "@/components/ui/json-view";

const hostile = JSON.stringify({
  eventName: "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>": "<img src=x onerror=alert(1)>",
  html: '"><svg onload=alert(1)>&amp;',
  rtl: "abc\u202Eexe.txt",
  n: 1,
  ok: true,
});

describe("JsonView", () => {
  it("renders hostile text as escaped plain text", () => {
    const html = renderToStaticMarkup(<JsonView json={hostile} />);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&amp;amp;");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).toContain("\u202E");
  });

  it("renders a pre/code block with coloured token spans", () => {
    const html = renderToStaticMarkup(<JsonView json='{"a":1.0,"b":[true,null],"c":"x"}' className="max-h-96" />);
    expect(html).toMatch(/^<pre class="[^"]*font-mono[^"]*"/);
    expect(html).toContain("whitespace-pre-wrap");
    expect(html).toContain("break-all");
    expect(html).toContain("max-h-96");
    expect(html).toContain("<code>");
    expect(html).toMatch(/<span class="text-sky-700[^"]*">&quot;a&quot;<\/span>/);
    expect(html).toMatch(/<span class="text-amber-700[^"]*">1.0<\/span>/);
    expect(html).toMatch(/<span class="text-violet-700[^"]*">true<\/span>/);
    expect(html).toMatch(/<span class="text-emerald-700[^"]*">&quot;x&quot;<\/span>/);
    expect(html).toMatch(/<span class="text-slate-500[^"]*">\{<\/span>/);
  });

  it("keeps the visible text identical to prettyPrintExact output", () => {
    const src = '{"a":1.0,"b":{},"c":[1e5,"\\u003c"]}';
    const html = renderToStaticMarkup(<JsonView json={src} />);
    const text = html
      .replace(/<[^>]+>/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(text).toBe('{\n  "a": 1.0,\n  "b": {},\n  "c": [\n    1e5,\n    "\\u003c"\n  ]\n}');
  });

  it("renders invalid JSON unchanged as text", () => {
    const html = renderToStaticMarkup(<JsonView json="<b>not json" />);
    expect(html).toContain("&lt;b&gt;not json");
    expect(html).not.toContain("<b>");
  });

  it("renders a 100 KB string quickly", () => {
    const big = JSON.stringify({ big: "<x>".repeat(35_000), rtl: "\u202E".repeat(1000) });
    const t0 = performance.now();
    const html = renderToStaticMarkup(<JsonView json={big} />);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(html).not.toContain("<x>");
    expect((html.match(/<span/g) ?? []).length).toBeLessThan(20);
  });
});
