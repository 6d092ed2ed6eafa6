// The Node entries (npm start, the worker, the CLI, the benchmark, test helper scripts) run lib/ outside
// Next.js. Data modules import "server-only" so that a client component that reaches them fails the build;
// in plain Node that import would throw, so each entry imports this module first and `server-only`
// resolves to the package's own empty module, as it does in Next's server bundles.
import Module from "node:module";
import path from "node:path";

const empty = path.join(path.dirname(require.resolve("server-only")), "empty.js");
type Resolve = (request: string, ...rest: unknown[]) => string;
const node = Module as unknown as { _resolveFilename: Resolve };
const resolve = node._resolveFilename;
node._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === "server-only" ? empty : resolve.call(this, request, ...rest);
};
