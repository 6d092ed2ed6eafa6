// The two official clients of the compatible API, pointed at a server: the V2.0 core (@alicloud/openapi-client,
// whose default signature is ACS3-HMAC-SHA256, the base of every generated ActionTrail SDK) and the V1
// client (@alicloud/pop-core); and calls signed by hand with the V2.0 core's own signer. Relative imports:
// the e2e specs load this file too.
import { createHash } from "node:crypto";
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import RPCClient from "@alicloud/pop-core";
import { API_VERSION, type SigningKey } from "./openapi";

export interface ApiServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** 127.0.0.1:PORT, the endpoint as the SDKs take it. */
  host: string;
  close(): Promise<void>;
}

export interface V2Options {
  method?: "GET" | "POST";
  /** Send the parameters as a form body instead of the query string. */
  body?: boolean;
  /** "v2" is the legacy RPC signature; default: the core's default (ACS3-HMAC-SHA256). */
  signatureAlgorithm?: string;
  secret?: string;
  /** Extra headers (e.g. Accept). */
  headers?: Record<string, string>;
}

/** The V2.0 core's callApi, exactly as a generated ActionTrail SDK calls it (style RPC, pathname "/"). */
export async function v2Call(server: ApiServer, key: SigningKey, action: string, query: Record<string, string> = {}, o: V2Options = {}): Promise<Record<string, any>> {
  const client = new OpenApi(
    new Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: o.secret ?? key.accessKeySecret,
      endpoint: server.host,
      protocol: "HTTP",
      regionId: "cn-hangzhou",
      ...(o.signatureAlgorithm ? { signatureAlgorithm: o.signatureAlgorithm } : {}),
    }),
  );
  const params = new Params({
    action,
    version: API_VERSION,
    protocol: "HTTP",
    pathname: "/",
    method: o.method ?? "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const request = new OpenApiRequest(o.body ? { body: query, headers: o.headers } : { query, headers: o.headers });
  // No retries: a test sees the first answer.
  const res = (await client.callApi(params, request, { autoretry: false, maxAttempts: 1 } as never)) as { body: Record<string, any>; statusCode: number };
  return res.body;
}

/** The error a V2 call fails with: the API's Code, the HTTP status and the message. */
export async function v2Error(server: ApiServer, key: SigningKey, action: string, query: Record<string, string> = {}, o: V2Options = {}): Promise<{ code: string; status: number; message: string }> {
  try {
    await v2Call(server, key, action, query, o);
  } catch (e) {
    const err = e as { code?: string; message?: string; data?: { statusCode?: number } };
    return { code: String(err.code), status: Number(err.data?.statusCode), message: String(err.message) };
  }
  throw new Error(`${action} succeeded; expected it to fail`);
}

/** The V1 client (signature v1, HMAC-SHA1) as its README shows it. */
export function popCore(server: ApiServer, key: SigningKey): RPCClient {
  return new RPCClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, endpoint: server.origin, apiVersion: API_VERSION });
}

export interface Acs3Parts {
  method: "GET" | "POST";
  path?: string;
  query?: Record<string, string>;
  /** A form body (sent as application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  nonce?: string;
  date?: Date;
  /** What to change after signing, to see the server notice. */
  tamper?: (r: { url: URL; headers: Record<string, string>; body: string }) => void;
  /** Leave these out of SignedHeaders (the request still carries them). */
  unsigned?: string[];
}

/**
 * A call signed by hand with the V2.0 core's own signer (@alicloud/openapi-util getAuthorization), for the
 * cases the client never produces by itself: a reused nonce, an old date, a body changed after signing.
 */
export async function acs3Fetch(server: ApiServer, key: SigningKey, action: string, parts: Acs3Parts): Promise<{ status: number; body: Record<string, any> }> {
  const { default: OpenApiUtil } = await import("@alicloud/openapi-util");
  const body = parts.form ? new URLSearchParams(parts.form).toString() : "";
  const headers: Record<string, string> = {
    host: server.host,
    "x-acs-action": action,
    "x-acs-version": API_VERSION,
    "x-acs-date": (parts.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": parts.nonce ?? crypto.randomUUID(),
    "x-acs-content-sha256": createHash("sha256").update(body).digest("hex"),
    accept: "application/json",
    ...(parts.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
  };
  const signing = { ...headers };
  for (const h of parts.unsigned ?? []) delete signing[h];
  const query = parts.query ?? {};
  headers.Authorization = OpenApiUtil.getAuthorization(
    { pathname: parts.path ?? "/", method: parts.method, query, headers: signing } as never,
    "ACS3-HMAC-SHA256",
    headers["x-acs-content-sha256"],
    key.accessKeyId,
    key.accessKeySecret,
  );
  const url = new URL(parts.path ?? "/", server.origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const req = { url, headers, body };
  parts.tamper?.(req);
  const { host: _host, ...sent } = req.headers;
  const res = await fetch(req.url, { method: parts.method, headers: sent, body: parts.method === "POST" ? req.body : undefined });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
