/**
 * Reads a request body as UTF-8 text (and the bytes as sent, for a hash that must match them), stopping as soon as it passes `limit` bytes so an oversized
 * upload is refused without being buffered whole.
 */
export async function readBodyLimited(
  request: Request,
  limit: number,
): Promise<{ ok: true; text: string; raw: Buffer } | { ok: false; bytes: number }> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return { ok: false, bytes: declared };
  if (!request.body) return { ok: true, text: "", raw: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return { ok: false, bytes: total };
    }
    chunks.push(value);
  }
  const raw = Buffer.concat(chunks);
  return { ok: true, text: raw.toString("utf8"), raw };
}
