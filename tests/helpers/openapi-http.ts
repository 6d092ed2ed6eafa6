// The compatible API over real HTTP for the integration tests: a node:http server on 127.0.0.1 that hands
// every request to the route handler the console serves (app/openapi/route.ts). The clients pointed at it
// are in openapi-clients.ts; the e2e suite drives the same clients against the whole server (proxy.ts included).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GET, POST, PUT } from "@/app/openapi/route";
import type { ApiServer } from "./openapi-clients";

export * from "./openapi-clients";

async function toRequest(req: http.IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
}

export async function startApiServer(): Promise<ApiServer> {
  let origin = "";
  const server = http.createServer((req, res) => {
    void (async () => {
      const request = await toRequest(req, origin);
      const handler = req.method === "GET" ? GET : req.method === "POST" ? POST : PUT;
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((e) => {
      res.writeHead(599).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    host: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

