import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/request-info";
import { readBodyLimited } from "@/lib/http/read-body";
import { ingestEvents, MAX_BODY_BYTES } from "@/lib/events/ingest";
import { parseIngestBody } from "@/lib/events/ingest-request";
import { logIngestRefusal } from "@/lib/ingest-tokens/refusals";
import { verifyIngestToken } from "@/lib/ingest-tokens/tokens";

export const dynamic = "force-dynamic";

function error(status: number, code: string, message: string) {
  return NextResponse.json({ error: code, message }, { status });
}

/** POST /api/v1/events — ingestion (docs/actiontrail.md "Ingestion contract"). */
export async function POST(request: NextRequest) {
  const auth = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!match) {
    logIngestRefusal(clientIp((n) => request.headers.get(n)), "no bearer token");
    return error(401, "Unauthorized", "Send an ingest token as 'Authorization: Bearer <token>' (create one with: npm run cli -- ingest-token create).");
  }
  const token = await verifyIngestToken(match[1]);
  if (!token) {
    logIngestRefusal(clientIp((n) => request.headers.get(n)), "unknown or revoked ingest token");
    return error(401, "Unauthorized", "The ingest token is unknown or revoked.");
  }

  const type = request.headers.get("content-type") ?? "";
  // application/json, or any +json type; a missing Content-Type is read as JSON.
  if (type && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    return error(415, "UnsupportedMediaType", `Send JSON (Content-Type: application/json), not ${type}.`);
  }
  const body = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!body.ok) return error(413, "PayloadTooLarge", `The body is over ${MAX_BODY_BYTES} bytes (5 MB); split it into several calls.`);
  const parsed = parseIngestBody(body.text);
  if (!parsed.ok) return error(parsed.status, parsed.error, parsed.message);
  try {
    // The token's id and its label now are the events' origin (docs/provenance.md).
    const result = await ingestEvents(parsed.inputs, { origin: { kind: "token", tokenId: token.id, tokenLabel: token.label } });
    return NextResponse.json(result, { status: result.accepted === 0 && result.failed.length > 0 ? 400 : 200 });
  } catch (e) {
    console.error("[ingest] store failed", e);
    return error(503, "StoreUnavailable", "The events could not be stored; nothing from this call was kept. Retry the same call: ingestion is idempotent on eventId.");
  }
}
