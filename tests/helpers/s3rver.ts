// s3rver, an S3-compatible server on 127.0.0.1, for the tests of S3 buckets (delivery, digests): a free
// port to run it on, and its built-in credentials.
import { createRequire } from "node:module";

export interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
export const S3rver = createRequire(import.meta.url)("s3rver") as new (opts: Record<string, unknown>) => S3rverInstance;
/** s3rver's built-in AccessKey id and secret. */
export const S3RVER_KEY = "S3RVER";
export { freePort } from "./free-port";

