/**
 * Locate the exact source text of each element of a top-level JSON array,
 * without re-serialising anything. Used to store every audit event's
 * original bytes verbatim when a batch body like `{"events":[...]}` arrives.
 *
 * The caller is expected to have validated the text with JSON.parse already;
 * this scanner is a single linear pass (no regexes, no recursion) that only
 * understands as much JSON as it needs to find element boundaries.
 */

export interface RawSpan {
  /** Inclusive start offset (UTF-16 code units, i.e. `String#slice` offsets). */
  start: number;
  /** Exclusive end offset. */
  end: number;
}

export class RawJsonSplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RawJsonSplitError";
  }
}

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,
const COLON = 58; // :
const LBRACE = 123; // {
const RBRACE = 125; // }
const LBRACKET = 91; // [
const RBRACKET = 93; // ]

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipWs(text: string, i: number): number {
  const n = text.length;
  while (i < n && isWs(text.charCodeAt(i))) i++;
  return i;
}

function fail(msg: string, at: number): never {
  throw new RawJsonSplitError(`${msg} (at offset ${at})`);
}

/** `i` points at an opening quote; returns the offset just past the closing quote. */
function skipString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) fail("Unterminated string", i);
    // The quote is escaped iff it is preceded by an odd number of backslashes.
    let b = q - 1;
    while (b > i && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** `i` points at the first character of a value; returns the offset just past it. */
function skipValue(text: string, i: number): number {
  const n = text.length;
  if (i >= n) fail("Expected a value", i);
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === LBRACE || c === LBRACKET) {
    let depth = 0;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        i = skipString(text, i);
        continue;
      }
      if (d === LBRACE || d === LBRACKET) depth++;
      else if (d === RBRACE || d === RBRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    fail("Unterminated object or array", i);
  }
  // number / true / false / null: runs until a structural character or whitespace.
  const start = i;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === RBRACE || d === RBRACKET || d === COLON || isWs(d)) break;
    i++;
  }
  if (i === start) fail("Expected a value", i);
  return i;
}

function decodeKey(raw: string): string {
  // Fast path: no escapes, the key is the raw text between the quotes.
  if (raw.indexOf("\\") < 0) return raw.slice(1, -1);
  return JSON.parse(raw) as string;
}

/**
 * Return the [start, end) offsets of every element of the array stored under
 * the top-level `key` of the JSON object in `text`, so that
 * `text.slice(start, end)` is each element's exact original text.
 *
 * Only keys of the outermost object are considered. If the key occurs more
 * than once, the last occurrence wins (as with JSON.parse).
 *
 * @throws RawJsonSplitError if the text is not an object, the key is missing,
 *         or its value is not an array.
 */
export function splitJsonArrayElements(text: string, key: string): { elements: RawSpan[] } {
  const n = text.length;
  let i = skipWs(text, 0);
  if (text.charCodeAt(i) !== LBRACE) fail("Top-level JSON value is not an object", i);
  i = skipWs(text, i + 1);

  let found: RawSpan[] | null = null;
  let foundNonArray = false;

  if (text.charCodeAt(i) === RBRACE) i = n; // empty object: no keys
  while (i < n) {
    if (text.charCodeAt(i) !== QUOTE) fail("Expected an object key", i);
    const keyEnd = skipString(text, i);
    const isTarget = decodeKey(text.slice(i, keyEnd)) === key;
    i = skipWs(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) fail("Expected ':' after object key", i);
    i = skipWs(text, i + 1);

    if (isTarget) {
      if (text.charCodeAt(i) === LBRACKET) {
        const elements: RawSpan[] = [];
        i = skipWs(text, i + 1);
        if (text.charCodeAt(i) === RBRACKET) {
          i++;
        } else {
          for (;;) {
            const start = i;
            const end = skipValue(text, i);
            elements.push({ start, end });
            i = skipWs(text, end);
            const d = text.charCodeAt(i);
            if (d === COMMA) {
              i = skipWs(text, i + 1);
            } else if (d === RBRACKET) {
              i++;
              break;
            } else {
              fail("Expected ',' or ']' in array", i);
            }
          }
        }
        found = elements;
        foundNonArray = false;
      } else {
        i = skipValue(text, i);
        found = null;
        foundNonArray = true;
      }
    } else {
      i = skipValue(text, i);
    }

    i = skipWs(text, i);
    const d = text.charCodeAt(i);
    if (d === COMMA) {
      i = skipWs(text, i + 1);
    } else if (d === RBRACE) {
      break;
    } else {
      fail("Expected ',' or '}' in object", i);
    }
  }

  if (found) return { elements: found };
  if (foundNonArray) throw new RawJsonSplitError(`Top-level key "${key}" is not an array`);
  throw new RawJsonSplitError(`Top-level key "${key}" is missing`);
}

/** Like {@link splitJsonArrayElements} but returns null instead of throwing. */
export function trySplitJsonArrayElements(text: string, key: string): { elements: RawSpan[] } | null {
  try {
    return splitJsonArrayElements(text, key);
  } catch {
    return null;
  }
}
