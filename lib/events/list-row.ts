// What a list of events sends to the browser for each row. The stored text of every row is sent with it
// so a row expands at once, but only up to INLINE_RAW_CHARS: a page of 50 events of 512 KB was 30 MB of
// HTML and 3.7-7.6 s on the server here. A bigger event is fetched from /api/v1/events/raw when opened.
export const INLINE_RAW_CHARS = 32 * 1024;

export type TListedRow<R extends { raw: string }> = Omit<R, "raw"> & {
  /** The stored text, or null when it is longer than INLINE_RAW_CHARS (fetch it by eventId). */
  raw: string | null;
  rawLength: number;
};

export function listedRow<R extends { raw: string }>(row: R): TListedRow<R> {
  return { ...row, raw: row.raw.length > INLINE_RAW_CHARS ? null : row.raw, rawLength: row.raw.length };
}
