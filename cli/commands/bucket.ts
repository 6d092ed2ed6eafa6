// bucket create | list | delete — a local directory (default) or an S3-compatible endpoint.
import { createBucket, deleteBucket, listBuckets, localBucketDir } from "@/lib/trails/buckets";
import { cliActor, listCommand, parseCommandArgs, requireOption, UsageError } from "./common";

export async function bucketCreate(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    name: { type: "string" },
    kind: { type: "string", default: "local" },
    endpoint: { type: "string" },
    region: { type: "string" },
    "access-key-id": { type: "string" },
    secret: { type: "string" },
    "virtual-hosted-style": { type: "boolean", default: false },
  });
  if (values.kind !== "local" && values.kind !== "s3") throw new UsageError("--kind must be local or s3");
  const b = await createBucket(
    {
      name: requireOption(values.name, "name"),
      kind: values.kind,
      endpoint: values.endpoint,
      region: values.region,
      accessKeyId: values["access-key-id"],
      secret: values.secret ?? process.env.TRAILKEEPER_BUCKET_SECRET,
      forcePathStyle: !values["virtual-hosted-style"],
    },
    { actor: cliActor() },
  );
  console.log(`Created bucket ${b.name} (${b.kind === "s3" ? `S3 at ${b.endpoint}` : `local directory ${localBucketDir(b.name)}`})`);
}

export const bucketList = listCommand(listBuckets, "No buckets yet. Create one with: bucket create --name NAME", {
  NAME: (b) => b.name,
  KIND: (b) => b.kind,
  LOCATION: (b) => (b.kind === "s3" ? `${b.endpoint} (${b.region})` : localBucketDir(b.name)),
  "USED BY": (b) => b.usedBy.join(",") || null,
});

export async function bucketDelete(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {}, 1);
  if (!positionals[0]) throw new UsageError("the bucket name is required");
  await deleteBucket(positionals[0], { actor: cliActor() });
  console.log(`Deleted bucket ${positionals[0]}`);
}
