import type { NextFetchEvent, NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { getAuthSecret } from "@/lib/auth/secret";
import { isHttpsRequest } from "@/lib/auth/request-info";
import { isRpcCallAtRoot } from "@/lib/http/rpc-call";
import { HSTS, newNonce, pageCsp, ROUTE_CSP } from "@/lib/http/security-headers";

/** Route handlers: they answer for themselves (401/403 JSON, bearer tokens, signatures), never a page. */
const ROUTE_HANDLER = /^\/(api\/|openapi(\/|$))/;
/** Where a session is needed before anything renders: what the proxy's matcher covered before it set headers. */
const NEEDS_SESSION = /^\/(?!login|api\/|openapi|_next|favicon\.ico|icon\.svg|robots\.txt)/;

function https(req: NextRequest): boolean {
  return isHttpsRequest((n) => req.headers.get(n));
}

function withHeaders(res: NextResponse | Response, req: NextRequest, csp: string): NextResponse | Response {
  res.headers.set("Content-Security-Policy", csp);
  if (https(req)) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

/**
 * A page, rendered with a nonce of its own: the CSP goes on the request too, where Next finds the nonce
 * to put on the scripts it renders (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
 */
function page(req: NextRequest): NextResponse {
  const csp = pageCsp(newNonce(), { https: https(req), dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  return withHeaders(NextResponse.next({ request: { headers } }), req, csp) as NextResponse;
}

// First line of defence only: every page, action and route handler checks the session itself.
const requireSession = withAuth((req) => page(req), { pages: { signIn: "/login" }, secret: getAuthSecret() });

export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const path = req.nextUrl.pathname;
  const probe = { pathname: path, method: req.method, search: req.nextUrl.searchParams, header: (n: string) => req.headers.get(n) };
  // scripts/web-server.ts routes these before Next (ACS3 signs the Host, which a rewrite changes); this
  // is for a server started without it (next dev), where signature v1 calls at the bare host still work.
  if (isRpcCallAtRoot(probe)) return withHeaders(NextResponse.rewrite(new URL(`/openapi${req.nextUrl.search}`, req.url)), req, ROUTE_CSP);
  if (ROUTE_HANDLER.test(path)) return withHeaders(NextResponse.next(), req, ROUTE_CSP);
  if (!NEEDS_SESSION.test(path)) return page(req);
  const res = await requireSession(req as NextRequestWithAuth, event);
  // Signed out: withAuth's redirect to /login, which renders nothing, gets the route CSP.
  if (res && !res.headers.has("Content-Security-Policy")) return withHeaders(res, req, ROUTE_CSP);
  return res;
}

export const config = {
  // Every page and route gets its headers; only Next's static files and the favicon are not seen here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
