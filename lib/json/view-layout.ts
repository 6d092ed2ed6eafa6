/**
 * The layout of the console's JSON view, in one pass over the stored text: the first lines as coloured
 * tokens, the rest as plain text, never more than `maxChars` of it. It lays out exactly what
 * `prettyLines` (lib/json/tokens.ts) does — every token keeps its source text — but allocates nothing per
 * token past the coloured lines, and indentation stops growing at `maxIndent` spaces, so the cost is
 * linear in the size of the text for any shape (`prettyLines` of a 500 KB event takes ~250 ms; this, a
 * few tens). A test runs both on the same documents.
 */
import { isJsonWhitespace as isWs, skipJsonString as stringEnd } from "./scan";
import type { JsonToken, JsonTokenKind, PrettyLine } from "./tokens";

export interface ViewLayoutOptions {
  /** Spaces per nesting level. */
  indent: number;
  /** Indentation stops growing here (spaces). */
  maxIndent: number;
  /** Lines laid out as tokens; the rest become `tail`. */
  colouredLines: number;
  /** Characters of layout (coloured and plain) after which no more lines are shown. */
  maxChars: number;
}

export interface ViewLayout {
  coloured: PrettyLine[];
  /** The lines after the coloured ones, each after a "\n" (empty when there are none). */
  tail: string;
  shownLines: number;
  totalLines: number;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

function scalarEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 58 || c === 93 || c === 125 || isWs(c)) break;
    i++;
  }
  return i;
}

/** Lays out valid JSON text (the caller has checked it parses). */
export function layoutJsonView(text: string, o: ViewLayoutOptions): ViewLayout {
  const coloured: PrettyLine[] = [];
  // String concatenation (V8 builds a rope) is cheaper here than an array of 100,000 small pieces.
  let tail = "";
  const indents: string[] = [];
  const indentOf = (depth: number) => {
    const n = Math.min(depth * o.indent, o.maxIndent);
    return (indents[n] ??= " ".repeat(n));
  };
  let line = 0;
  let depth = 0;
  let cur: JsonToken[] = [];
  let curIndent = 0;
  let chars = 0;
  let stopped = false;
  let shownLines = 0;

  const emit = (kind: JsonTokenKind, t: string) => {
    if (line < o.colouredLines) cur.push({ kind, text: t });
    else if (!stopped) tail += t;
    chars += t.length;
  };
  const newline = () => {
    if (line < o.colouredLines) coloured.push({ indent: curIndent, tokens: cur });
    cur = [];
    line++;
    if (stopped) return;
    if (chars >= o.maxChars) {
      stopped = true;
      shownLines = line;
      return;
    }
    const ind = indentOf(depth);
    chars += ind.length + 1;
    if (line < o.colouredLines) curIndent = ind.length;
    else tail += `\n${ind}`;
  };

  let i = skipWs(text, 0);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      const next = skipWs(text, i + 1);
      if (text.charCodeAt(next) === close) {
        emit("punct", text[i]);
        emit("punct", text[next]);
        i = next + 1;
      } else {
        emit("punct", text[i]);
        depth++;
        newline();
        i++;
      }
    } else if (c === 125 || c === 93) {
      depth = Math.max(0, depth - 1);
      newline();
      emit("punct", text[i]);
      i++;
    } else if (c === 44) {
      emit("punct", ",");
      newline();
      i++;
    } else if (c === 58) {
      emit("punct", ": ");
      i++;
    } else if (c === 34) {
      const end = stringEnd(text, i);
      emit(text.charCodeAt(skipWs(text, end)) === 58 ? "key" : "string", text.slice(i, end));
      i = end;
    } else {
      const end = Math.max(scalarEnd(text, i), i + 1);
      const t = text.slice(i, end);
      emit(t === "true" || t === "false" || t === "null" ? "literal" : "number", t);
      i = end;
    }
    i = skipWs(text, i);
  }
  if (line < o.colouredLines) coloured.push({ indent: curIndent, tokens: cur });
  const totalLines = line + 1;
  return { coloured, tail, shownLines: stopped ? shownLines : totalLines, totalLines };
}
