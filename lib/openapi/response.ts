// An OpenApiResponse as HTTP: JSON (stored events spliced in as stored) or Alibaba's XML.
import type { OpenApiResponse } from "./handle";
import { stringifyWithRaw } from "./raw-json";
import { toXml } from "./xml";
import { HOST_ID, newRequestId } from "./errors";

export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export function renderOpenApiResponse(r: OpenApiResponse): RenderedResponse {
  const headers = { "Cache-Control": "no-store", ...r.headers };
  if (r.xml) return { status: r.status, headers: { ...headers, "Content-Type": "application/xml; charset=utf-8" }, text: toXml(r.root, r.body) };
  return { status: r.status, headers: { ...headers, "Content-Type": "application/json" }, text: stringifyWithRaw(r.body) };
}

export function toHttpResponse(r: OpenApiResponse): Response {
  const { status, headers, text } = renderOpenApiResponse(r);
  return new Response(text, { status, headers });
}

/** An error the route answers before handleOpenApi can (the body is too large, the method is wrong). */
export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ RequestId: newRequestId(), HostId: HOST_ID, Code: code, Message: message }, { status, headers: { "Cache-Control": "no-store" } });
}
