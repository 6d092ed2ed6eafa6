/**
 * Lossless JSON tokenizer and pretty-printer.
 *
 * Every token keeps its exact source text (numbers like `1.0` or
 * `12345678901234567890`, string escapes like `"\u003c"`, duplicate keys and
 * key order are never touched); only insignificant whitespace is replaced.
 * For input whose tokens are already canonical the output equals
 * `JSON.stringify(JSON.parse(text), null, indent)`.
 */

export type JsonTokenKind = "punct" | "key" | "string" | "number" | "literal" | "raw";

export interface JsonToken {
  /** `raw` is only produced by the invalid-JSON fallback of {@link prettyLines}. */
  kind: JsonTokenKind;
  text: string;
}

export interface PrettyLine {
  /** Number of leading spaces. */
  indent: number;
  tokens: JsonToken[];
}

export class JsonTokenError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "JsonTokenError";
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** `i` points at `"`; validates per RFC 8259 and returns the offset past the closing quote. */
function scanString(text: string, i: number): number {
  const n = text.length;
  const start = i;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const e = text.charCodeAt(i + 1);
      if (e === 117 /* u */) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(text.charCodeAt(i + k))) throw new JsonTokenError("Invalid \\u escape", i);
        }
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        i += 2;
        continue;
      }
      throw new JsonTokenError("Invalid escape", i);
    }
    if (c < 0x20) throw new JsonTokenError("Control character in string", i);
    i++;
  }
  throw new JsonTokenError("Unterminated string", start);
}

/** Validates `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?` starting at `i`; returns the end offset. */
function scanNumber(text: string, i: number): number {
  const start = i;
  if (text.charCodeAt(i) === 45) i++;
  if (text.charCodeAt(i) === 48) {
    i++;
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    throw new JsonTokenError("Invalid number", start);
  }
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(text.charCodeAt(i))) throw new JsonTokenError("Invalid number", start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (!isDigit(text.charCodeAt(i))) throw new JsonTokenError("Invalid number", start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Split JSON text into tokens, dropping whitespace. Strings followed by `:`
 * are reported as `key`. Lexical errors throw {@link JsonTokenError}; the
 * grammar (bracket balance, commas) is checked by {@link prettyLines}.
 */
export function tokenize(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWs(c)) {
      i++;
    } else if (c === 123 || c === 125 || c === 91 || c === 93 || c === 58 || c === 44) {
      tokens.push({ kind: "punct", text: text[i] });
      i++;
    } else if (c === 34) {
      const end = scanString(text, i);
      let j = end;
      while (j < n && isWs(text.charCodeAt(j))) j++;
      tokens.push({ kind: text.charCodeAt(j) === 58 ? "key" : "string", text: text.slice(i, end) });
      i = end;
    } else if (c === 45 || isDigit(c)) {
      const end = scanNumber(text, i);
      tokens.push({ kind: "number", text: text.slice(i, end) });
      i = end;
    } else if (text.startsWith("true", i) || text.startsWith("null", i)) {
      tokens.push({ kind: "literal", text: text.slice(i, i + 4) });
      i += 4;
    } else if (text.startsWith("false", i)) {
      tokens.push({ kind: "literal", text: "false" });
      i += 5;
    } else {
      throw new JsonTokenError("Unexpected character", i);
    }
  }
  return tokens;
}

const State = { Value: 0, Key: 1, AfterValue: 2 } as const;
type State = (typeof State)[keyof typeof State];

function layout(text: string, indentArg: number): PrettyLine[] {
  const toks = tokenize(text);
  const indent = Math.min(10, Math.max(0, Math.floor(Number.isFinite(indentArg) ? indentArg : 0)));
  const compact = indent === 0;
  const colon: JsonToken = { kind: "punct", text: compact ? ":" : ": " };

  const lines: PrettyLine[] = [];
  let cur: JsonToken[] = [];
  let curIndent = 0;
  const stack: string[] = []; // open brackets
  const newline = () => {
    if (compact) return;
    lines.push({ indent: curIndent, tokens: cur });
    cur = [];
    curIndent = stack.length * indent;
  };
  const fail = (msg: string): never => {
    throw new JsonTokenError(msg, -1);
  };

  let state: State = State.Value;
  let i = 0;
  for (;;) {
    if (state === State.AfterValue) {
      if (stack.length === 0) {
        if (i < toks.length) fail("Unexpected data after JSON value");
        break;
      }
      const t = toks[i++];
      if (!t || t.kind !== "punct") fail("Expected ',' or closing bracket");
      const top = stack[stack.length - 1];
      if (t.text === ",") {
        cur.push(t);
        newline();
        state = top === "{" ? State.Key : State.Value;
      } else if ((t.text === "}" && top === "{") || (t.text === "]" && top === "[")) {
        stack.pop();
        newline();
        cur.push(t);
      } else {
        fail("Mismatched bracket");
      }
    } else if (state === State.Key) {
      const t = toks[i++];
      if (!t || t.kind !== "key") fail("Expected object key");
      const c = toks[i++];
      if (!c || c.text !== ":") fail("Expected ':'");
      cur.push(t, colon);
      state = State.Value;
    } else {
      const t = toks[i++];
      if (!t) fail("Unexpected end of input");
      if (t.kind === "punct") {
        if (t.text !== "{" && t.text !== "[") fail("Expected a value");
        cur.push(t);
        const close = t.text === "{" ? "}" : "]";
        const next = toks[i];
        if (next && next.text === close) {
          cur.push(next);
          i++;
          state = State.AfterValue;
        } else {
          stack.push(t.text);
          newline();
          state = t.text === "{" ? State.Key : State.Value;
        }
      } else if (t.kind === "key") {
        fail("Unexpected key");
      } else {
        cur.push(t);
        state = State.AfterValue;
      }
    }
  }
  lines.push({ indent: curIndent, tokens: cur });
  return lines;
}

/**
 * Lay `text` out as pretty-printed lines (like `JSON.stringify(x, null, indent)`),
 * keeping every token's original text. The `:` separator is emitted as `": "`
 * (or `":"` when `indent` is 0, which produces a single compact line).
 * Invalid JSON never throws: it yields one line holding the unchanged text as a `raw` token.
 */
export function prettyLines(text: string, indent = 2): PrettyLine[] {
  try {
    return layout(text, indent);
  } catch {
    return [{ indent: 0, tokens: [{ kind: "raw", text }] }];
  }
}

/** Text of one pretty line, including its leading indentation. */
export function lineText(line: PrettyLine): string {
  let s = line.indent > 0 ? " ".repeat(line.indent) : "";
  for (const t of line.tokens) s += t.text;
  return s;
}

/**
 * Pretty-print `text` without altering any token. Equals
 * `JSON.stringify(JSON.parse(text), null, indent)` when all tokens are canonical;
 * returns `text` unchanged if it is not valid JSON.
 */
export function prettyPrintExact(text: string, indent = 2): string {
  return prettyLines(text, indent).map(lineText).join("\n");
}
