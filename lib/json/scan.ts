// The two scanning steps every pass over raw JSON text needs (lib/json/raw-elements.ts, structure.ts,
// view-layout.ts). Each assumes text that JSON.parse has accepted.

export function isJsonWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * `i` points at an opening quote; returns the offset just past the closing quote (the end of the text if
 * there is none). A quote is escaped iff an odd number of backslashes precede it.
 */
export function skipJsonString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return text.length;
    let b = q - 1;
    while (b > i && text.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    from = q + 1;
  }
}
