import type { NextRequest } from "next/server";
import { CAN, authorizeRequest } from "@/lib/auth/session";
import { publicKeysText } from "@/lib/integrity/keys";

export const dynamic = "force-dynamic";

/**
 * GET /api/integrity/public-keys[?all=1] — the PEM of the current digest signing key (all=1: every key,
 * retired ones too), the very text `npm run -s cli -- digest public-key [--all]` prints, as a download
 * for `verify bucket --public-key`.
 */
export async function GET(request: NextRequest) {
  const auth = await authorizeRequest(CAN.integrity);
  if (auth.response) return auth.response;
  const all = request.nextUrl.searchParams.get("all") === "1";
  return new Response(await publicKeysText({ all }), {
    headers: {
      "Content-Type": "application/x-pem-file; charset=utf-8",
      "Content-Disposition": `attachment; filename="trailkeeper-digest-${all ? "public-keys" : "public-key"}.pem"`,
      "Cache-Control": "no-store",
    },
  });
}
