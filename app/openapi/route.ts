// The ActionTrail-compatible API (Alibaba Cloud RPC style): GET with a query or POST with a form body,
// signed with signature v1 (parameters) or ACS3-HMAC-SHA256 (the Authorization header, what the V2.0 SDKs send).
import { clientIp } from "@/lib/auth/request-info";
import { readBodyLimited } from "@/lib/http/read-body";
import { RPC_PATH_HEADER } from "@/lib/http/rpc-call";
import { handleOpenApi, type Acs3Call } from "@/lib/openapi/handle";
import { errorResponse, toHttpResponse } from "@/lib/openapi/response";
import { payloadSha256 } from "@/lib/openapi/signature-v3";
import type { TSignatureMethod } from "@/lib/openapi/signature";

export const dynamic = "force-dynamic";

const MAX_BODY = 256 * 1024;

function firstValues(sp: URLSearchParams, into: Record<string, string> = {}): Record<string, string> {
  sp.forEach((v, k) => {
    if (!Object.hasOwn(into, k)) into[k] = v;
  });
  return into;
}

/** A V3-signed call: an ACS3 Authorization header, or x-acs-action without v1's Signature parameter. */
function acs3Of(req: Request, url: URL, body: Buffer, params: Record<string, string>): Acs3Call | undefined {
  const authorization = req.headers.get("authorization") ?? "";
  const v3 = authorization.startsWith("ACS3-") || (req.headers.has("x-acs-action") && !params.Signature);
  if (!v3) return undefined;
  return {
    method: req.method as TSignatureMethod,
    // Set by proxy.ts when it routed a call sent to the bare host here: the client signed "/".
    path: req.headers.get(RPC_PATH_HEADER) ?? url.pathname,
    query: firstValues(url.searchParams),
    header: (name) => req.headers.get(name),
    authorization,
    bodySha256: payloadSha256(body),
  };
}

async function respond(req: Request, method: TSignatureMethod, params: Record<string, string>, body: Buffer): Promise<Response> {
  const url = new URL(req.url);
  const acs3 = acs3Of(req, url, body, params);
  if (acs3) {
    // The action and version of a V3 call are its signed headers.
    params.Action = req.headers.get("x-acs-action") ?? "";
    params.Version = req.headers.get("x-acs-version") ?? "";
  }
  const result = await handleOpenApi({
    method,
    params,
    acs3,
    accept: req.headers.get("accept"),
    ip: clientIp((n) => req.headers.get(n)),
    userAgent: req.headers.get("user-agent"),
  });
  return toHttpResponse(result);
}

export async function GET(req: Request): Promise<Response> {
  return respond(req, "GET", firstValues(new URL(req.url).searchParams), Buffer.alloc(0));
}

export async function POST(req: Request): Promise<Response> {
  const body = await readBodyLimited(req, MAX_BODY);
  if (!body.ok) return errorResponse(400, "InvalidParameter", `The request body is larger than ${MAX_BODY} bytes.`);
  const params = firstValues(new URLSearchParams(body.text));
  firstValues(new URL(req.url).searchParams, params);
  return respond(req, "POST", params, body.raw);
}

/** Any other method: still an API answer, never a page. */
function methodNotAllowed(): Response {
  return errorResponse(405, "UnsupportedHTTPMethod", "The compatible API accepts GET and POST.");
}
export { methodNotAllowed as PUT, methodNotAllowed as DELETE, methodNotAllowed as PATCH };
