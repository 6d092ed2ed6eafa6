import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteTrailForm } from "@/components/trails/delete-trail-form";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { getTrail } from "@/lib/trails/trails";

export const metadata: Metadata = { title: "Delete trail" };

export default async function DeleteTrailPage({ params }: { params: Promise<{ name: string }> }) {
  await requireUser(CAN.manageTrails);
  const trail = await getTrail(decodeURIComponent((await params).name));
  if (!trail) notFound();
  return (
    <PageShell width="xs" title={`Delete trail ${trail.name}?`}>
      <DeleteTrailForm name={trail.name} />
    </PageShell>
  );
}
