import { Fragment } from "react";
import type { JsonTokenKind } from "@/lib/json/tokens";
import { layoutJsonView, type ViewLayout } from "@/lib/json/view-layout";

/**
 * Read-only, syntax-coloured view of a stored JSON document.
 *
 * The original text is laid out like `prettyLines` (lib/json/view-layout.ts), which never alters a
 * token (numbers, escapes, key order and duplicate keys stay byte-exact).
 * Every token is rendered as a plain React text child, so hostile content
 * (HTML, <script>, bidi controls) is escaped by React and shown verbatim.
 * Server-compatible: no hooks, no client directive.
 *
 * The cost is linear in the size of the document whatever its shape
 * (measured with `npm run bench`, "event view"): indentation stops growing
 * past the ingestion depth limit, so an event stored with 20,000 levels
 * before that limit does not cost depth² spaces; only the first lines get a
 * span per token (a 500 KB array of objects is 60,000 lines, 2.7 s of React
 * rendering as spans, a few ms as text); and what is shown stops at
 * MAX_SHOWN_CHARS — Copy always copies the whole stored text.
 */

// `[unicode-bidi:isolate]` keeps right-to-left overrides (U+202E) inside a
// string from visually reordering the rest of the line.
const TOKEN_CLASS: Record<JsonTokenKind, string> = {
  key: "text-sky-700 dark:text-sky-300 [unicode-bidi:isolate]",
  string: "text-emerald-700 dark:text-emerald-300 [unicode-bidi:isolate]",
  number: "text-amber-700 dark:text-amber-300",
  literal: "text-violet-700 dark:text-violet-300",
  punct: "text-slate-500 dark:text-slate-400",
  raw: "text-slate-800 dark:text-slate-200 [unicode-bidi:isolate]",
};

/** Lines rendered with a span per token; the rest are plain text. */
export const COLOURED_LINES = 1_000;
/** Indentation levels shown: the ingestion depth limit (lib/json/structure.ts). */
export const MAX_INDENT_LEVELS = 64;
/** Characters of pretty-printed text shown at most (a 512 KB event is about 1 MB pretty-printed). */
export const MAX_SHOWN_CHARS = 2_000_000;

export interface JsonViewProps {
  /** The JSON text exactly as stored; invalid JSON is shown unchanged. */
  json: string;
  className?: string;
  /** Spaces per nesting level (default 2). */
  indent?: number;
}

function layoutView(json: string, indent: number): ViewLayout {
  try {
    JSON.parse(json);
  } catch {
    // Not JSON (it never is once ingested, but a reader must not trust that): the text unchanged.
    return { coloured: [{ indent: 0, tokens: [{ kind: "raw", text: json }] }], tail: "", shownLines: 1, totalLines: 1 };
  }
  return layoutJsonView(json, { indent, maxIndent: MAX_INDENT_LEVELS * indent, colouredLines: COLOURED_LINES, maxChars: MAX_SHOWN_CHARS });
}

export function JsonView({ json, className, indent = 2 }: JsonViewProps) {
  const view = layoutView(json, indent);
  const preClass =
    "overflow-x-auto whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-slate-50 p-3 " +
    "font-mono text-xs leading-5 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200" +
    (className ? ` ${className}` : "");

  return (
    <pre className={preClass} data-testid="json-view">
      <code>
        {view.coloured.map((line, li) => (
          <Fragment key={li}>
            {li > 0 ? "\n" : null}
            {line.indent > 0 ? " ".repeat(line.indent) : null}
            {line.tokens.map((token, ti) => (
              <span key={ti} className={TOKEN_CLASS[token.kind]}>
                {token.text}
              </span>
            ))}
          </Fragment>
        ))}
        {view.tail || null}
      </code>
      {view.shownLines < view.totalLines && (
        <span role="note" className="mt-2 block border-t border-slate-200 pt-2 font-sans text-slate-500 dark:border-slate-700">
          {`The last ${(view.totalLines - view.shownLines).toLocaleString("en-US")} of ${view.totalLines.toLocaleString("en-US")} lines are not shown. Copy gives the whole event exactly as stored.`}
        </span>
      )}
    </pre>
  );
}

export default JsonView;
