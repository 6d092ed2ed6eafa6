import type { Metadata } from "next";
import { BucketsSection, type BucketRow } from "@/components/trails/buckets-section";
import { SECTIONS } from "@/components/layout/console-sections";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { listBuckets, localBucketDir } from "@/lib/trails/buckets";

export const metadata: Metadata = { title: "Buckets" };

export default async function BucketsPage() {
  await requireUser(CAN.manageTrails);
  const buckets = await listBuckets();
  const rows: BucketRow[] = buckets.map((b) => ({
    name: b.name,
    kind: b.kind,
    endpoint: b.endpoint,
    region: b.region,
    accessKeyId: b.accessKeyId,
    forcePathStyle: b.forcePathStyle,
    hasSecret: b.hasSecret,
    usedBy: b.usedBy,
    localPath: b.kind === "local" ? localBucketDir(b.name) : null,
    updatedAt: b.updatedAt.toISOString(),
  }));
  return (
    <PageShell
      width="lg"
      parent={SECTIONS.trails}
      title="Buckets"
      description="Object storage that trails deliver to: a local directory or any S3-compatible endpoint. Secrets are encrypted at rest and never shown again."
    >
      <BucketsSection buckets={rows} />
    </PageShell>
  );
}
