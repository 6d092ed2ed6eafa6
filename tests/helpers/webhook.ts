// A webhook receiver on 127.0.0.1 for the alert and notification tests: it records each request's
// headers and body and answers with the next status of `statuses` (the last one repeats).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export async function webhookReceiver(statuses: number[] = [200]) {
  const received: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
