// The console's web server: Next.js behind a plain Node HTTP server of ours, so that the address a
// request came from is the TCP peer of its connection and nothing a client wrote. `npm start` runs it
// (and restarts it if it dies); HOST and PORT choose where it listens (default 127.0.0.1:3000).
//
// Next.js gives route handlers no socket. Before Next sees a request, this server replaces any
// x-trailkeeper-peer header with "<token> <peer address>", where the token is made here at start and
// known only to this process; lib/auth/request-info.ts believes the header only with that token.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import next from "next";
import { flushProcessAuditQueue } from "@/lib/audit/queue-key";
import { listenHost } from "@/lib/auth/demo";
import { PEER_HEADER, PEER_TOKEN_ENV, peerHeaderValue } from "@/lib/auth/request-info";
import { RPC_PATH_HEADER, isRpcCallAtRoot } from "@/lib/http/rpc-call";

const ROOT = path.resolve(__dirname, "..");

/**
 * An API call sent to the bare host goes to /openapi here, before Next: a rewrite in proxy.ts would hand
 * the route a request whose Host is Next's own, and ACS3-HMAC-SHA256 signs the Host and the path the
 * client sent. The signed path travels in RPC_PATH_HEADER; a client's own copy is dropped first.
 */
function routeRpcCallAtRoot(req: http.IncomingMessage): void {
  delete req.headers[RPC_PATH_HEADER];
  const url = new URL(req.url ?? "/", "http://trailkeeper.invalid");
  const header = (name: string) => {
    const v = req.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
  if (!isRpcCallAtRoot({ pathname: url.pathname, method: req.method ?? "GET", search: url.searchParams, header })) return;
  req.headers[RPC_PATH_HEADER] = "/";
  req.url = `/openapi${url.search}`;
}

async function main() {
  const token = randomBytes(24).toString("base64url");
  process.env[PEER_TOKEN_ENV] = token;
  const host = listenHost();
  const port = Number(process.env.PORT || 3000);
  const app = next({ dev: false, dir: ROOT, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    // Node folds repeated headers; a client-sent copy is dropped whatever its spelling.
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = peerHeaderValue(token, req.socket.remoteAddress);
    routeRpcCallAtRoot(req);
    handle(req, res).catch((e: unknown) => {
      console.error(`[web] ${req.method} ${req.url?.slice(0, 200)} failed: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });
  // Slow clients cannot hold connections open forever (Node's defaults, made explicit).
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;
  server.on("error", (e) => {
    console.error(`Web server could not listen on ${host}:${port}: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => console.log(`Trailkeeper web server listening on http://${host.includes(":") ? `[${host}]` : host}:${port} (pid ${process.pid})`));

  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      // The API's queued audit events are written before the process goes (docs/api-audit-queue.md).
      const exit = () => void flushProcessAuditQueue().finally(() => process.exit(0));
      server.close(exit);
      // Keep-alive connections would hold close() open; give requests in flight a moment.
      setTimeout(exit, 5_000).unref();
      server.closeIdleConnections();
    });
  }
}

main().catch((e) => {
  console.error(`Web server could not start: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
