/**
 * Structure checks of one event's JSON text, made on the text itself before anything is stored:
 *
 * - Nesting depth. Readers of an event (the console's JSON view, the API's serialisers) walk it, and
 *   `JSON.stringify` overflows the stack at a few thousand levels; real ActionTrail events nest a dozen.
 * - Duplicate keys. `JSON.parse` keeps the last of two equal keys while the stored text keeps both, so
 *   the indexed columns (from the parsed value) and the stored JSON (what every reader shows) would
 *   disagree about, say, which eventName the event has.
 *
 * One linear pass with an explicit stack: no recursion, so any depth is measured, not just refused.
 * The text must already be valid JSON (the caller parsed it); this only finds structure.
 */
import { skipJsonString } from "./scan";

/** The deepest nesting accepted, counting the event object itself as level 1. */
export const MAX_EVENT_DEPTH = 64;

/** Problems reported per event; the rest are summed up in one line. */
const MAX_PROBLEMS = 10;

const QUOTE = 34;
const COMMA = 44;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

interface Frame {
  object: boolean;
  /** Where this container sits in its parent: a key or an index (undefined for the root). */
  segment: string | number | undefined;
  /** Objects: how often each key was seen. */
  keys?: Map<string, number>;
  /** Objects: the next string is a key. */
  expectKey: boolean;
  /** Objects: the key of the value being read. Arrays: the index of the value being read. */
  key: string;
  index: number;
}

function decodeKey(raw: string): string {
  if (raw.indexOf("\\") < 0) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Keys are sender-chosen: shown clipped, as JSON strings (so control characters stay visible). */
function quoted(key: string): string {
  return JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key);
}

/** `userIdentity.sessionContext`, `items[3].tags`: the path of the container at stack[1..depth]. */
function pathOf(stack: Frame[], depth: number): string {
  let path = "";
  for (let d = 1; d <= depth && d < stack.length; d++) {
    const s = stack[d].segment;
    if (typeof s === "number") path += `[${s}]`;
    else {
      const name = s === undefined ? "" : /^[A-Za-z_$][\w$]*$/.test(s) && s.length <= 64 ? s : quoted(s);
      path += path ? `.${name}` : name;
    }
    if (path.length > 200) return `${path.slice(0, 200)}…`;
  }
  return path;
}

/**
 * The structure problems of an event's JSON text, as the "field: reason" lines the ingestion API returns:
 * `requestParameters: nested 20001 levels deep; at most 64 are accepted`, `"eventName" appears twice`,
 * `userIdentity: "userName" appears 3 times`. Empty when the text is fine.
 */
export function jsonStructureProblems(text: string, maxDepth: number = MAX_EVENT_DEPTH): string[] {
  const problems: string[] = [];
  let more = 0;
  const report = (line: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(line);
    else more++;
  };
  // Deepest level reached under each top-level field (or the root itself), when past the limit.
  const tooDeep = new Map<string, number>();
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = skipJsonString(text, i);
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = decodeKey(text.slice(i, end));
        top.keys!.set(key, (top.keys!.get(key) ?? 0) + 1);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === LBRACE || c === LBRACKET) {
      const parent = stack[stack.length - 1];
      const segment = parent ? (parent.object ? parent.key : parent.index) : undefined;
      const object = c === LBRACE;
      stack.push({ object, segment, keys: object ? new Map() : undefined, expectKey: object, key: "", index: 0 });
      if (stack.length > maxDepth) {
        const field = stack.length > 1 ? pathOf(stack, 1) || "event" : "event";
        if ((tooDeep.get(field) ?? 0) < stack.length) tooDeep.set(field, stack.length);
      }
    } else if (c === RBRACE || c === RBRACKET) {
      const frame = stack.pop();
      if (frame?.keys) {
        for (const [key, count] of frame.keys) {
          if (count < 2) continue;
          if (problems.length >= MAX_PROBLEMS) {
            more++;
            continue;
          }
          const where = pathOf([...stack, frame], stack.length);
          report(`${where ? `${where}: ` : ""}${quoted(key)} appears ${count === 2 ? "twice" : `${count} times`}`);
        }
      }
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    }
    i++;
  }
  for (const [field, depth] of tooDeep) report(`${field}: nested ${depth} levels deep; at most ${maxDepth} are accepted`);
  if (more) problems.push(`event: ${more} more structure problems`);
  return problems;
}
