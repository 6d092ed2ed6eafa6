import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TrailForm } from "@/components/trails/trail-form";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { listBuckets } from "@/lib/trails/buckets";
import { getTrail } from "@/lib/trails/trails";

export const metadata: Metadata = { title: "Edit trail" };

export default async function EditTrailPage({ params }: { params: Promise<{ name: string }> }) {
  await requireUser(CAN.manageTrails);
  const name = decodeURIComponent((await params).name);
  const [trail, buckets] = await Promise.all([getTrail(name), listBuckets()]);
  if (!trail) notFound();
  return (
    <PageShell width="sm" title={`Edit trail ${trail.name}`} description="Changes apply to events delivered from now on.">
      <TrailForm
        mode="edit"
        buckets={buckets.map((b) => b.name)}
        initial={{
          name: trail.name,
          homeRegion: trail.homeRegion,
          eventRW: trail.eventRW,
          trailScope: trail.trailRegion === "All" ? "all" : "home",
          ossBucketName: trail.ossBucketName ?? "",
          ossKeyPrefix: trail.ossKeyPrefix,
          logStoreEnabled: trail.logStoreEnabled,
          logStoreRetentionDays: String(trail.logStoreRetentionDays),
          startLogging: trail.isLogging,
        }}
      />
    </PageShell>
  );
}
