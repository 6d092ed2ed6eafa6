import type { NextRequest } from "next/server";
import { CAN, authorizeRequest } from "@/lib/auth/session";
import { eventStore } from "@/lib/events/event-store";

export const dynamic = "force-dynamic";

/** GET /api/v1/events/raw?eventId=… — one event's stored JSON, byte for byte (a list row too big to send with the page). */
export async function GET(request: NextRequest) {
  const auth = await authorizeRequest(CAN.readEvents);
  if (auth.response) return auth.response;
  const eventId = request.nextUrl.searchParams.get("eventId") ?? "";
  if (!eventId || eventId.length > 128) {
    return Response.json({ error: "InvalidParameter", message: "Give the eventId of one event (at most 128 characters)." }, { status: 400 });
  }
  const row = await eventStore().byId(eventId);
  if (!row) return Response.json({ error: "NotFound", message: `No event ${eventId} is in the query store or a log store.` }, { status: 404 });
  return new Response(row.raw, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}
