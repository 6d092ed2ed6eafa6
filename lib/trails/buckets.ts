// Object-storage buckets trails deliver to: a local directory (data/buckets/<name>, the default) or an
// S3-compatible endpoint whose secret is sealed at rest (lib/crypto/secret-box) and never returned.
import path from "node:path";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { dataDir } from "@/lib/db/database-url";
import { makePrivateDir } from "@/lib/files/private-files";
import { outboundUrlProblem } from "@/lib/net/outbound";
import { unlessTaken } from "@/lib/db/unique";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import { ZBucketInput, type TBucketInput } from "./rules";

export interface BucketSummary {
  name: string;
  kind: "local" | "s3";
  endpoint: string | null;
  region: string | null;
  accessKeyId: string | null;
  forcePathStyle: boolean;
  /** Whether a secret is stored; the secret itself never leaves this module except through getBucketCredentials. */
  hasSecret: boolean;
  usedBy: string[];
  createdAt: Date;
  updatedAt: Date;
}

const BUCKET_RESOURCE = "ACS::OSS::Bucket";

/** Where a local bucket keeps its objects. */
export function localBucketDir(name: string): string {
  return path.join(dataDir(), "buckets", name);
}

function auditParams(b: { name: string; kind: string; endpoint?: string | null; region?: string | null; accessKeyId?: string | null; forcePathStyle?: boolean }) {
  // Never the secret.
  return { BucketName: b.name, Kind: b.kind, Endpoint: b.endpoint ?? "", Region: b.region ?? "", AccessKeyId: b.accessKeyId ?? "", ForcePathStyle: b.forcePathStyle ?? true };
}

export async function listBuckets(): Promise<BucketSummary[]> {
  const [buckets, trails] = await Promise.all([
    prisma.bucket.findMany({ orderBy: { name: "asc" } }),
    prisma.trail.findMany({ where: { ossBucketName: { not: null } }, select: { name: true, ossBucketName: true } }),
  ]);
  return buckets.map(({ secretEncrypted, ...b }) => ({
    ...b,
    kind: b.kind === "s3" ? "s3" : "local",
    hasSecret: !!secretEncrypted,
    usedBy: trails.filter((t) => t.ossBucketName === b.name).map((t) => t.name),
  }));
}

export async function getBucket(name: string): Promise<BucketSummary | null> {
  return (await listBuckets()).find((b) => b.name === name) ?? null;
}

/** For the delivery engine: the bucket with its secret opened. */
export async function getBucketCredentials(name: string) {
  const b = await prisma.bucket.findUnique({ where: { name } });
  if (!b) return null;
  return { ...b, secret: b.secretEncrypted ? openSecret(b.secretEncrypted) : null };
}

/** An S3 endpoint typed in as an internal address is refused; a host name is checked at each connection. */
function assertEndpointAllowed(b: { kind: string; endpoint?: string }) {
  const problem = b.kind === "s3" && b.endpoint ? outboundUrlProblem(b.endpoint, "S3 endpoints") : null;
  if (problem) throw InvalidInput.ofFields({ endpoint: [problem] });
}

export async function createBucket(input: TBucketInput, options: { actor: Actor }): Promise<BucketSummary> {
  const parsed = ZBucketInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const b = parsed.data;
  assertEndpointAllowed(b);
  if (b.kind === "s3" && !b.secret) throw InvalidInput.ofFields({ secret: ["is required for an S3 bucket"] });
  const taken = Conflict.ofFields({ name: [`a bucket named ${b.name} already exists`] });
  if (await prisma.bucket.findUnique({ where: { name: b.name }, select: { name: true } })) throw taken;
  await unlessTaken(
    prisma.bucket.create({
      data:
        b.kind === "s3"
          ? { name: b.name, kind: "s3", endpoint: b.endpoint, region: b.region, accessKeyId: b.accessKeyId, secretEncrypted: sealSecret(b.secret!), forcePathStyle: b.forcePathStyle }
          : { name: b.name, kind: "local" },
    }),
    taken,
  );
  if (b.kind === "local") makePrivateDir(localBucketDir(b.name));
  await recordAuditEvent({ actor: options.actor, eventName: "CreateBucket", requestParameters: auditParams(b), resources: { [BUCKET_RESOURCE]: [b.name] } });
  return (await getBucket(b.name))!;
}

/** Changes a bucket's kind or endpoint; an empty secret keeps the stored one. */
export async function updateBucket(name: string, input: Omit<TBucketInput, "name">, options: { actor: Actor }): Promise<BucketSummary> {
  const before = await prisma.bucket.findUnique({ where: { name } });
  if (!before) throw new NotFound(`Bucket ${name} does not exist`);
  const parsed = ZBucketInput.safeParse({ ...input, name });
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const b = parsed.data;
  assertEndpointAllowed(b);
  if (b.kind === "s3" && !b.secret && !before.secretEncrypted) throw InvalidInput.ofFields({ secret: ["is required for an S3 bucket"] });
  await prisma.bucket.update({
    where: { name },
    data:
      b.kind === "s3"
        ? {
            kind: "s3",
            endpoint: b.endpoint,
            region: b.region,
            accessKeyId: b.accessKeyId,
            forcePathStyle: b.forcePathStyle,
            ...(b.secret ? { secretEncrypted: sealSecret(b.secret) } : {}),
          }
        : { kind: "local", endpoint: null, region: null, accessKeyId: null, secretEncrypted: null },
  });
  if (b.kind === "local") makePrivateDir(localBucketDir(name));
  await recordAuditEvent({
    actor: options.actor,
    eventName: "UpdateBucket",
    requestParameters: { ...auditParams(b), SecretChanged: !!b.secret },
    resources: { [BUCKET_RESOURCE]: [name] },
  });
  return (await getBucket(name))!;
}

/** Deletes a bucket's configuration (never its objects); refused while a trail delivers to it. */
export async function deleteBucket(name: string, options: { actor: Actor }): Promise<void> {
  const before = await prisma.bucket.findUnique({ where: { name }, select: { name: true } });
  if (!before) throw new NotFound(`Bucket ${name} does not exist`);
  const users = await prisma.trail.findMany({ where: { ossBucketName: name }, select: { name: true }, orderBy: { name: "asc" } });
  if (users.length) {
    throw Conflict.ofFields({
      name: [`bucket ${name} is in use by trail${users.length > 1 ? "s" : ""} ${users.map((u) => u.name).join(", ")}; change or delete ${users.length > 1 ? "them" : "it"} first`],
    });
  }
  await prisma.bucket.delete({ where: { name } });
  await recordAuditEvent({ actor: options.actor, eventName: "DeleteBucket", requestParameters: { BucketName: name }, resources: { [BUCKET_RESOURCE]: [name] } });
}
