import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonView, MAX_SHOWN_CHARS } from "@/components/ui/json-view";
import { lineText, prettyLines, prettyPrintExact, type PrettyLine } from "@/lib/json/tokens";
import { layoutJsonView } from "@/lib/json/view-layout";

const DOCS = [
  '{"a":1.0,"b":{},"c":[1e5,"\\u003c"],"d":[],"e":{"f":[{"g":null},true,false]}}',
  '  { "spaced" :  [ 1 , 2 ] ,"s":"a \\" , : { [ quote" }  ',
  '{"dup":1,"dup":2}',
  "[]",
  "[[[[[]]]]]",
  '"just a string"',
  "-12.5e+3",
  JSON.stringify({ eventId: "x", requestParameters: { list: Array.from({ length: 30 }, (_, i) => ({ i, s: `v${i}` })) } }),
];

function text(lines: PrettyLine[], tail: string): string {
  return lines.map(lineText).join("\n") + tail;
}

describe("layoutJsonView", () => {
  it("lays out exactly what prettyLines does, wherever the coloured part ends", () => {
    for (const doc of DOCS) {
      for (const indent of [2, 4]) {
        const expected = prettyPrintExact(doc, indent);
        const reference = prettyLines(doc, indent);
        for (const colouredLines of [0, 1, 3, 1_000_000]) {
          const v = layoutJsonView(doc, { indent, maxIndent: Infinity, colouredLines, maxChars: Infinity });
          expect(text(v.coloured, v.tail), `${doc} / ${colouredLines}`).toBe(expected);
          expect(v.coloured).toEqual(reference.slice(0, colouredLines));
          expect(v.totalLines).toBe(reference.length);
          expect(v.shownLines).toBe(reference.length);
        }
      }
    }
  });

  it("stops indenting at maxIndent and stops showing at maxChars, still counting every line", () => {
    const deep = `{"a":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const v = layoutJsonView(deep, { indent: 2, maxIndent: 128, colouredLines: 100, maxChars: 100_000 });
    expect(v.totalLines).toBe(prettyLines(deep).length);
    const shown = text(v.coloured, v.tail);
    expect(shown.length).toBeLessThan(100_000 + 200);
    expect(Math.max(...shown.split("\n").map((l) => l.length - l.trimStart().length))).toBe(128);
    expect(v.shownLines).toBe(shown.split("\n").length);
    expect(v.shownLines).toBeLessThan(v.totalLines);
  });
});

describe("JsonView of hostile and large events", () => {
  it("renders an event stored with 20,000 levels in bounded HTML and says what is not shown", () => {
    const deep = `{"eventId":"old","requestParameters":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const html = renderToStaticMarkup(<JsonView json={deep} />);
    const total = prettyLines(deep).length.toLocaleString("en-US");
    // Before: depth² spaces of indentation, 537 MB of HTML for this 40 KB event.
    expect(html.length).toBeLessThan(MAX_SHOWN_CHARS * 1.2);
    expect(html).toMatch(new RegExp(`The last [\\d,]+ of ${total} lines are not shown\\. Copy gives the whole event exactly as stored\\.`));
  });

  it("shows a whole 500 KB event with colours for the first lines and plain text after them", () => {
    const big = JSON.stringify({ eventId: "big", requestParameters: { items: Array.from({ length: 12_000 }, (_, i) => ({ id: `i-${i}`, n: i })) } });
    const html = renderToStaticMarkup(<JsonView json={big} />);
    expect((html.match(/<span/g) ?? []).length).toBeLessThan(6_000);
    expect(html).toContain("&quot;id&quot;: &quot;i-11999&quot;");
    expect(html).not.toContain("are not shown");
  });
});
