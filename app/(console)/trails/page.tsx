import type { Metadata } from "next";
import { InnerTrailSection } from "@/components/trails/inner-trail-section";
import { TrailsTable, type TrailRow } from "@/components/trails/trails-table";
import { ActionMessage } from "@/components/forms/action-message";
import { ButtonLink } from "@/components/ui/button";
import { CreateLink, NoneYet } from "@/components/ui/none-yet";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { INNER_TRAIL_KIND, MAX_TRAILS_PER_REGION } from "@/lib/trails/rules";
import { listTrails } from "@/lib/trails/trails";
import { queryRetentionDays } from "@/lib/config/retention";

export const metadata: Metadata = { title: "Trails" };

export default async function TrailsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requireUser(CAN.readTrails);
  const canManage = roleCan(user.role, CAN.manageTrails);
  const [{ deleted }, trails, [inner]] = await Promise.all([searchParams, listTrails(), listTrails({ kind: INNER_TRAIL_KIND })]);
  const rows: TrailRow[] = trails.map((t) => ({ ...t, latestDeliveryTime: t.latestDeliveryTime?.toISOString() ?? null }));
  const create = <CreateLink href="/trails/new">Create trail</CreateLink>;
  return (
    <PageShell
      width="xl"
      title="Trails"
      description={`Trails deliver events to object storage and the log store for long-term keeping. Up to ${MAX_TRAILS_PER_REGION} trails per home region.`}
      actions={
        canManage && (
          <>
            <ButtonLink href="/trails/buckets">Buckets</ButtonLink>
            {create}
          </>
        )
      }
    >
      <ActionMessage state={{ ok: true, message: deleted && `Deleted trail ${deleted}.` }} />
      <section aria-label="Trail list" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        {rows.length === 0 ? (
          <NoneYet title="No trails yet" create={canManage && create}>
            Events stay queryable for {queryRetentionDays()} days. A trail keeps them longer by delivering them to a bucket or the log store as they arrive.
          </NoneYet>
        ) : (
          <TrailsTable trails={rows} />
        )}
      </section>
      <InnerTrailSection inner={inner ? { ...inner, latestDeliveryTime: inner.latestDeliveryTime?.toISOString() ?? null } : null} />
    </PageShell>
  );
}
