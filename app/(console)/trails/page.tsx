import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { TrailsTable, type TrailRow } from "@/components/trails/trails-table";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { MAX_TRAILS_PER_REGION } from "@/lib/trails/rules";
import { listTrails } from "@/lib/trails/trails";

export const metadata: Metadata = { title: "Trails" };

export default async function TrailsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requireUser(CAN.readTrails);
  const canManage = roleCan(user.role, CAN.manageTrails);
  const [{ deleted }, trails] = await Promise.all([searchParams, listTrails()]);
  const rows: TrailRow[] = trails.map((t) => ({ ...t, latestDeliveryTime: t.latestDeliveryTime?.toISOString() ?? null }));
  return (
    <PageShell
      width="xl"
      title="Trails"
      description={`Trails deliver events to object storage and the log store for long-term keeping. Up to ${MAX_TRAILS_PER_REGION} trails per home region.`}
      actions={
        canManage && (
          <>
            <ButtonLink href="/trails/buckets">Buckets</ButtonLink>
            <ButtonLink href="/trails/new" variant="primary">
              <Plus className="size-4" aria-hidden /> Create trail
            </ButtonLink>
          </>
        )
      }
    >
      {deleted && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-800">
          Deleted trail {deleted}.
        </p>
      )}
      <section aria-label="Trail list" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        {rows.length === 0 ? (
          <div className="px-6 py-14 text-center">
            <p className="font-medium">No trails yet</p>
            <p className="mx-auto mt-1 max-w-md text-slate-500">
              Events stay queryable for 90 days. A trail keeps them longer by delivering them to a bucket or the log store as they arrive.
            </p>
            {canManage ? (
              <ButtonLink href="/trails/new" variant="primary" className="mt-4">
                <Plus className="size-4" aria-hidden /> Create trail
              </ButtonLink>
            ) : (
              <p className="mt-3 text-slate-500">An administrator can create one.</p>
            )}
          </div>
        ) : (
          <TrailsTable trails={rows} />
        )}
      </section>
    </PageShell>
  );
}
