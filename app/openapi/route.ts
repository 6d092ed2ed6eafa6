// The ActionTrail-compatible API (Alibaba Cloud RPC style): GET with a query or POST with a form body.
import { clientIp } from "@/lib/auth/request-info";
import { readBodyLimited } from "@/lib/http/read-body";
import { handleOpenApi } from "@/lib/openapi/handle";
import { toHttpResponse } from "@/lib/openapi/response";
import type { TSignatureMethod } from "@/lib/openapi/signature";

export const dynamic = "force-dynamic";

const MAX_BODY = 256 * 1024;

function firstValues(sp: URLSearchParams, into: Record<string, string> = {}): Record<string, string> {
  sp.forEach((v, k) => {
    if (!Object.hasOwn(into, k)) into[k] = v;
  });
  return into;
}

async function respond(req: Request, method: TSignatureMethod, params: Record<string, string>): Promise<Response> {
  const result = await handleOpenApi({
    method,
    params,
    ip: clientIp((n) => req.headers.get(n)),
    userAgent: req.headers.get("user-agent"),
  });
  return toHttpResponse(result);
}

export async function GET(req: Request): Promise<Response> {
  return respond(req, "GET", firstValues(new URL(req.url).searchParams));
}

export async function POST(req: Request): Promise<Response> {
  const body = await readBodyLimited(req, MAX_BODY);
  if (!body.ok) {
    return Response.json({ RequestId: crypto.randomUUID().toUpperCase(), HostId: "trailkeeper", Code: "InvalidParameter", Message: "The request body is too large." }, { status: 400 });
  }
  const params = firstValues(new URLSearchParams(body.text));
  firstValues(new URL(req.url).searchParams, params);
  return respond(req, "POST", params);
}
