// Format=XML: Alibaba Cloud's RPC XML shape. The root is `<ActionResponse>` (or `<Error>`), an object's
// keys become elements, and an array repeats its element once per item. Keys that are not XML names
// (referencedResources has "ACS::Ecs::Instance") become `<item key="…">` so no key is lost or altered.
//
// The response bodies we build are shallow and walked directly. A stored event (RawJson) is converted
// from its JSON text by an iterative walk over its tokens, with the same rules: linear in its size at any
// depth, numbers written as stored (1.0 stays 1.0), every key in stored order, duplicates included.
import { tokenize, type JsonToken } from "@/lib/json/tokens";
import { RawJson } from "./raw-json";

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

/** Characters XML 1.0 cannot carry at all are written as U+FFFD (JSON output keeps them). */
function xmlSafe(s: string): string {
  return s.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD");
}

function open(key: string): [string, string] {
  return NAME.test(key) && !/^xml/i.test(key) ? [`<${key}>`, `</${key}>`] : [`<item key="${escapeAttr(xmlSafe(key))}">`, "</item>"];
}

function text(value: string): string {
  return escapeText(xmlSafe(value));
}

function element(key: string, value: unknown): string {
  if (value instanceof RawJson) return rawJsonElement(key, value.text);
  if (Array.isArray(value)) return value.map((v) => element(key, v)).join("");
  const [start, end] = open(key);
  return `${start}${content(value)}${end}`;
}

function content(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join("");
  return text(String(value));
}

export function toXml(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, body)}`;
}

export class RawJsonXmlError extends Error {
  constructor(message: string) {
    super(`Stored JSON could not be written as XML: ${message}`);
    this.name = "RawJsonXmlError";
  }
}

/** An open object (its end tag is written when it closes) or an open array (its items repeat `tags`). */
type Frame = { kind: "object"; end: string } | { kind: "array"; tags: [string, string] };

/** A scalar token's text as XML: strings decoded then escaped, numbers and true/false as written, null empty. */
function scalarText(t: JsonToken): string {
  if (t.kind === "string") return text(JSON.parse(t.text) as string);
  if (t.kind === "number" || t.text !== "null") return t.text;
  return "";
}

/**
 * `element(key, JSON.parse(json))` computed from the JSON text itself, without recursion: one pass over
 * the tokens with an explicit stack. Throws RawJsonXmlError for text that is not one JSON value.
 */
export function rawJsonElement(key: string, json: string): string {
  let tokens: JsonToken[];
  try {
    tokens = tokenize(json);
  } catch (e) {
    throw new RawJsonXmlError((e as Error).message);
  }
  const out: string[] = [];
  const stack: Frame[] = [];
  // The tags the next value is written in: the key's, or the enclosing array's.
  let tags = open(key);
  // "value": a value is due; "key": a key (or, right after `{`, the `}`); "after": `,` or a closing bracket.
  let state: "value" | "key" | "after" = "value";
  let justOpened = false;
  let i = 0;
  for (;;) {
    if (state === "after" && stack.length === 0) {
      if (i < tokens.length) throw new RawJsonXmlError("unexpected data after the value");
      return out.join("");
    }
    const t = tokens[i++];
    if (!t) throw new RawJsonXmlError("unexpected end of the text");
    const top = stack[stack.length - 1];
    if (state === "value") {
      if (t.text === "]" && t.kind === "punct" && justOpened && top?.kind === "array") {
        stack.pop();
        state = "after";
      } else if (t.kind === "punct" && t.text === "{") {
        out.push(tags[0]);
        stack.push({ kind: "object", end: tags[1] });
        state = "key";
        justOpened = true;
      } else if (t.kind === "punct" && t.text === "[") {
        // Items of an array repeat the array's own element; nested arrays flatten into it.
        stack.push({ kind: "array", tags });
        justOpened = true;
      } else if (t.kind === "string" || t.kind === "number" || t.kind === "literal") {
        out.push(tags[0], scalarText(t), tags[1]);
        state = "after";
      } else {
        throw new RawJsonXmlError(`a value was expected, not ${t.text.slice(0, 20)}`);
      }
    } else if (state === "key") {
      if (t.kind === "punct" && t.text === "}" && justOpened) {
        stack.pop();
        out.push((top as Extract<Frame, { kind: "object" }>).end);
        state = "after";
      } else if (t.kind === "key" && tokens[i]?.text === ":" && tokens[i].kind === "punct") {
        i++;
        tags = open(JSON.parse(t.text) as string);
        state = "value";
        justOpened = false;
      } else {
        throw new RawJsonXmlError("an object key was expected");
      }
    } else {
      justOpened = false;
      if (t.kind === "punct" && t.text === ",") {
        if (top.kind === "object") state = "key";
        else {
          tags = top.tags;
          state = "value";
        }
      } else if (t.kind === "punct" && t.text === "}" && top.kind === "object") {
        stack.pop();
        out.push(top.end);
      } else if (t.kind === "punct" && t.text === "]" && top.kind === "array") {
        stack.pop();
      } else {
        throw new RawJsonXmlError("',' or a closing bracket was expected");
      }
    }
  }
}
