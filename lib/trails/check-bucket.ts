// CheckOssConfig: can a trail deliver to this bucket? Three checks in order, each with its own result:
// the bucket is reachable, a small probe object can be written, and removed again (docs/actiontrail-catalogue.md
// "CheckOssConfig"). The probe lies outside <prefix>/AliyunLogs/, where no verifier looks, and is removed.
import { randomUUID } from "node:crypto";
import { errorText } from "@/lib/delivery/backoff";
import { openObjectStore, S3ObjectStore, type BucketConfig, type ObjectStore } from "@/lib/delivery/object-store";
import { prisma } from "@/lib/db";

export type BucketCheckName = "Reachable" | "Write" | "Delete";

export interface BucketCheck {
  check: BucketCheckName;
  passed: boolean;
  /** What was found: "ok", why it failed, or why it was not tried. */
  message: string;
}

export interface BucketCheckResult {
  bucket: string;
  kind: string;
  checks: BucketCheck[];
  passed: boolean;
}

/** The probe's key: under the prefix, beside (never inside) the delivery paths. */
export function probeKey(prefix: string): string {
  const p = prefix.replace(/^\/+|\/+$/g, "");
  return `${p ? `${p}/` : ""}trailkeeper-oss-check-${randomUUID()}.txt`;
}

/** undefined when no bucket has that name. */
export async function checkBucket(name: string, options: { prefix?: string; now?: Date } = {}): Promise<BucketCheckResult | undefined> {
  const bucket = await prisma.bucket.findUnique({ where: { name } });
  if (!bucket) return undefined;
  const checks: BucketCheck[] = [];
  const skip = (check: BucketCheckName, after: BucketCheckName) => checks.push({ check, passed: false, message: `Not tried: the ${after} check failed.` });
  const run = async (check: BucketCheckName, work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      checks.push({ check, passed: true, message: "ok" });
      return true;
    } catch (e) {
      checks.push({ check, passed: false, message: errorText(e) });
      return false;
    }
  };
  const stores: ObjectStore[] = [];
  const reached = await run("Reachable", async () => {
    stores.push(openObjectStore(bucket as BucketConfig));
    await stores[0].reach();
  });
  const store = stores[0];
  if (!reached || !store) {
    skip("Write", "Reachable");
    skip("Delete", "Reachable");
  } else {
    const key = probeKey(options.prefix ?? "");
    const body = Buffer.from(`Trailkeeper CheckOssConfig probe, ${(options.now ?? new Date()).toISOString()}. Safe to delete.\n`);
    const written = await run("Write", () => store.put(key, body, "text/plain"));
    if (written) await run("Delete", () => store.delete(key));
    else skip("Delete", "Write");
  }
  // A one-off client: its kept-alive sockets go with it.
  if (store instanceof S3ObjectStore) store.client.destroy();
  return { bucket: bucket.name, kind: bucket.kind, checks, passed: checks.every((c) => c.passed) };
}
