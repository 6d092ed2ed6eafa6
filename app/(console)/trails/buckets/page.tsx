import type { Metadata } from "next";
import Link from "next/link";
import { BucketsSection, type BucketRow } from "@/components/trails/buckets-section";
import { PageHeader } from "@/components/ui/page-header";
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
    <div className="mx-auto max-w-6xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-slate-500">
        <Link href="/trails" className="hover:underline">
          Trails
        </Link>{" "}
        › Buckets
      </nav>
      <PageHeader title="Buckets" description="Object storage that trails deliver to: a local directory or any S3-compatible endpoint. Secrets are encrypted at rest and never shown again." />
      <BucketsSection buckets={rows} />
    </div>
  );
}
