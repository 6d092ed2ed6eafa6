// A free TCP port on 127.0.0.1 for a server a test or the benchmark starts (s3rver, the web server, a
// plain echo server). Relative imports only: the bench and the e2e specs load this file too.
import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
