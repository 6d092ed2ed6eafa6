// The compatible API's handler called as the route calls it, with a signed request: the integration
// tests' `call` (the raw answer), `ok` (a 200 body as a client reads it: rendered, then parsed) and
// `refused` (the error's status, code and message). One set per test file, from its client address.
import { expect } from "vitest";
import { flushAuditQueue } from "@/lib/audit/queue";
import { handleOpenApi, type OpenApiRequest, type OpenApiResponse } from "@/lib/openapi/handle";
import { renderOpenApiResponse } from "@/lib/openapi/response";
import { signedParams, type SigningKey } from "./openapi";

type Params = Record<string, string>;

/**
 * The handler, then the audit queue written: a call's own ApiCall event is queued off the request path
 * (lib/audit/queue.ts), and tests that read it back need it in the store when the answer comes.
 */
export async function callAndAudit(req: OpenApiRequest): Promise<OpenApiResponse> {
  const res = await handleOpenApi(req);
  await flushAuditQueue();
  return res;
}

export function openApiCaller(ip: string, userAgent = "vitest-sdk") {
  const call = (key: SigningKey, action: string, params: Params = {}): Promise<OpenApiResponse> =>
    callAndAudit({ method: "POST", params: signedParams("POST", key, action, params), ip, userAgent });

  async function ok(key: SigningKey, action: string, params: Params = {}): Promise<Record<string, any>> {
    const r = await call(key, action, params);
    const { text } = renderOpenApiResponse(r);
    expect(r.status, text).toBe(200);
    const body = JSON.parse(text) as Record<string, any>;
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    return body;
  }

  async function refused(key: SigningKey, action: string, params: Params = {}): Promise<{ status: number; code: string; message: string }> {
    const r = await call(key, action, params);
    expect(r.status).not.toBe(200);
    return { status: r.status, code: String(r.body.Code), message: String(r.body.Message) };
  }

  return { call, ok, refused };
}
