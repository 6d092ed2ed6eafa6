import type { NextRequest } from "next/server";
import { CAN, authorizeRequest, consoleActor } from "@/lib/auth/session";
import { exportStream, recordExport } from "@/lib/events/export";
import { parseEventSearch } from "@/lib/events/filters";
import { listLogStores } from "@/lib/events/query";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/events/export?format=csv|json&<the /events filters> — the whole result, streamed, and
 * recorded as an ExportEvents event when the download ends or is cancelled.
 */
export async function GET(request: NextRequest) {
  const auth = await authorizeRequest(CAN.exportEvents);
  if (auth.response) return auth.response;
  const params = request.nextUrl.searchParams;
  const format = params.get("format") === "json" ? "json" : "csv";
  const { filters } = parseEventSearch(params, new Date(), await listLogStores());
  // Read while the request is current: the record is written when the stream ends.
  const actor = await consoleActor(auth.user);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(exportStream(filters, format, (outcome) => recordExport(actor, filters, format, outcome)), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="trailkeeper-events-${filters.logStore ? `${filters.logStore}-` : ""}${filters.region}-${stamp}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
}
