import type { NextFetchEvent, NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { getAuthSecret } from "@/lib/auth/secret";

// First line of defence only: every page, action and route handler checks the session itself.
const requireSession = withAuth({ pages: { signIn: "/login" }, secret: getAuthSecret() });

/**
 * An ActionTrail RPC call sent to the bare host (`http://HOST:PORT/?Action=…`, or a form POST there):
 * what the aliyun CLI and SDKs send when their endpoint is given as just HOST:PORT. Server actions also
 * POST to pages, but always with a Next-Action header.
 */
function isRpcCallAtRoot(req: NextRequest): boolean {
  if (req.nextUrl.pathname !== "/") return false;
  if (req.nextUrl.searchParams.has("Action")) return true;
  return (
    req.method === "POST" &&
    !req.headers.has("next-action") &&
    (req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")
  );
}

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  if (isRpcCallAtRoot(req)) return NextResponse.rewrite(new URL(`/openapi${req.nextUrl.search}`, req.url));
  return requireSession(req as NextRequestWithAuth, event);
}

export const config = {
  // Route handlers answer for themselves (401/403 JSON, bearer tokens, signatures): no redirects there.
  matcher: ["/((?!login|api/|openapi|_next|favicon.ico).*)"],
};
