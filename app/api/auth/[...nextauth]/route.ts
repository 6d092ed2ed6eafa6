// next-auth's routes, with what next-auth v4 cannot do itself: options built per request (Secure cookies
// when the client came over HTTPS through a trusted proxy; the client's address and user agent for the
// sign-in and sign-out records), and a throttled sign-in answered 429 with Retry-After.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptionsFor, type AuthOutcome } from "@/lib/auth/options";
import { clientIp, isHttpsRequest } from "@/lib/auth/request-info";
import { flushSigninFailuresSoon } from "@/lib/auth/signin-failures";
import { signinErrorMessage } from "@/lib/auth/signin-messages";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handle(req: NextRequest, ctx: RouteContext): Promise<Response> {
  const header = (name: string) => req.headers.get(name);
  const outcome: AuthOutcome = {};
  const options = authOptionsFor({ ip: clientIp(header), userAgent: header("user-agent"), https: isHttpsRequest(header) }, outcome);
  const response: Response = await NextAuth(options)(req, ctx);

  const [action, provider] = (await ctx.params).nextauth ?? [];
  if (req.method === "POST" && action === "callback" && provider === "credentials") {
    // Closed minutes of failed sign-ins become their events here too, not only in the worker.
    flushSigninFailuresSoon();
  }
  if (outcome.retryAfterSeconds !== undefined) {
    const retryAfter = outcome.retryAfterSeconds;
    return NextResponse.json(
      // `url` as next-auth's own answers have it, so its client library reads the error too.
      { error: "TooManyAttempts", message: signinErrorMessage("TooManyAttempts", { retryAfterSeconds: retryAfter }), retryAfter, url: `/api/auth/error?error=TooManyAttempts` },
      { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "no-store" } },
    );
  }
  return response;
}

export { handle as GET, handle as POST };
