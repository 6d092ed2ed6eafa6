// A well-formedness check for the API's XML (elements, `item key="…"` attributes, escaped text), with an
// explicit stack so that 20,000 nested elements are checked as easily as two.
export function checkXmlElements(xml: string): { maxDepth: number } {
  const body = xml.replace(/^<\?xml[^>]*\?>/, "");
  const stack: string[] = [];
  let maxDepth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][A-Za-z0-9_.-]*)(?: key="[^"<>]*")?>|</g)) {
    if (!m[2]) throw new Error(`a stray < at ${m.index}`);
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}> at ${m.index}`);
    } else {
      stack.push(m[2]);
      maxDepth = Math.max(maxDepth, stack.length);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]}>`);
  return { maxDepth };
}
