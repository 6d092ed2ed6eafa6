// Format=XML: Alibaba Cloud's RPC XML shape. The root is `<ActionResponse>` (or `<Error>`), an object's
// keys become elements, and an array repeats its element once per item. Keys that are not XML names
// (referencedResources has "ACS::Ecs::Instance") become `<item key="…">` so no key is lost or altered.

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

function element(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => element(key, v)).join("");
  const [start, end] = open(key);
  return `${start}${content(value)}${end}`;
}

function content(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join("");
  return escapeText(xmlSafe(String(value)));
}

export function toXml(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, body)}`;
}
