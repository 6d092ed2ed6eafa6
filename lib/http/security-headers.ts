// The security headers of every response, and who sets which (each header exactly once):
// - next.config.js headers(): the ones that never change — X-Frame-Options, X-Content-Type-Options and
//   Referrer-Policy, on every path (static assets included).
// - proxy.ts, with these values: the ones that depend on the request — the page CSP with a fresh nonce
//   per request (Next reads it from the request's CSP header and puts it on its own scripts), the route
//   CSP of route handlers, and Strict-Transport-Security when the request came over HTTPS through a
//   trusted proxy. Static files under /_next/static get no CSP: a policy on a script or a stylesheet is
//   not applied to it, only a document's policy is.

/** What a route handler answers (JSON, CSV, XML): nothing in it may load or run anything, or be framed. */
export const ROUTE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** One year; not includeSubDomains or preload: the console does not own its parent domain's other hosts. */
export const HSTS = "max-age=31536000";

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The CSP of a console page. Scripts only with this response's nonce ('strict-dynamic' lets the scripts it
 * allows load Next's chunks; 'self' is the fallback of browsers without CSP3). <style> elements need the
 * nonce too; style attributes are allowed ('unsafe-inline' in style-src-attr only), because React renders
 * `style={…}` props as attributes on the server — recharts' chart containers, tooltips and legends,
 * the bar widths of the dashboard lists — and a nonce cannot cover an attribute. An attribute can change
 * how something looks, never run code. `upgrade-insecure-requests` only under HTTPS: on plain http://
 * it would send the browser to an https:// that does not exist.
 */
export function pageCsp(nonce: string, opts: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
