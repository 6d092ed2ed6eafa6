// Which requests are calls of the compatible API, wherever they arrive: SDKs and the aliyun CLI send them to
// the endpoint's bare host (`/`), or to `/openapi` when that is the endpoint's path. A call is never a page:
// it is never redirected to the sign-in, and always gets the API's JSON or XML answer.

/**
 * Set by scripts/web-server.ts on a call it routes from `/` to `/openapi`: the path the client signed
 * (ACS3 signs it). It decides nothing else: a client that sets it itself only picks the path its own
 * signature is checked over.
 */
export const RPC_PATH_HEADER = "x-trailkeeper-rpc-path";

export interface RpcProbe {
  pathname: string;
  method: string;
  search: URLSearchParams;
  header: (name: string) => string | null;
}

/**
 * An RPC call at the bare host: an Action parameter (signature v1, GET), an x-acs-action header (ACS3, any
 * method), or a form POST that is not a server action (server actions also POST to pages, always with a
 * Next-Action header).
 */
export function isRpcCallAtRoot(r: RpcProbe): boolean {
  if (r.pathname !== "/") return false;
  if (r.search.has("Action") || r.header("x-acs-action") !== null) return true;
  return r.method === "POST" && r.header("next-action") === null && (r.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
}
