import type { Metadata } from "next";
import { NEW_TRAIL_DEFAULTS, TrailForm } from "@/components/trails/trail-form";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { listBuckets } from "@/lib/trails/buckets";

export const metadata: Metadata = { title: "Create trail" };

export default async function NewTrailPage() {
  await requireUser(CAN.manageTrails);
  const buckets = await listBuckets();
  return (
    <PageShell width="sm" title="Create trail" description="Choose which events to deliver and where. The name and home region cannot change later.">
      <TrailForm mode="create" initial={NEW_TRAIL_DEFAULTS} buckets={buckets.map((b) => b.name)} />
    </PageShell>
  );
}
