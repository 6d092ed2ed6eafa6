import { Fragment } from "react";
import { prettyLines, type JsonTokenKind } from "@/lib/json/tokens";

/**
 * Read-only, syntax-coloured view of a stored JSON document.
 *
 * The original text is laid out with `prettyLines`, which never alters a
 * token (numbers, escapes, key order and duplicate keys stay byte-exact).
 * Every token is rendered as a plain React text child, so hostile content
 * (HTML, <script>, bidi controls) is escaped by React and shown verbatim.
 * Rendering is per token, not per character, so 100 KB strings stay cheap.
 * Server-compatible: no hooks, no client directive.
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

export interface JsonViewProps {
  /** The JSON text exactly as stored; invalid JSON is shown unchanged. */
  json: string;
  className?: string;
  /** Spaces per nesting level (default 2). */
  indent?: number;
}

export function JsonView({ json, className, indent = 2 }: JsonViewProps) {
  const lines = prettyLines(json, indent);
  const preClass =
    "overflow-x-auto whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-slate-50 p-3 " +
    "font-mono text-xs leading-5 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200" +
    (className ? ` ${className}` : "");

  return (
    <pre className={preClass} data-testid="json-view">
      <code>
        {lines.map((line, li) => (
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
      </code>
    </pre>
  );
}

export default JsonView;
