import { ListFilter } from "lucide-react";
import type { Metadata } from "next";
import { InsightFilters } from "@/components/insights/insight-filters";
import { InsightsTable, type InsightListRow } from "@/components/insights/insights-table";
import { AutoRefresh } from "@/components/trails/auto-refresh";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { findInsights, insightSummary, ZInsightSearchParams } from "@/lib/insights/insights";

export const metadata: Metadata = { title: "Insights" };

type Params = Record<string, string | string[] | undefined>;

function pageHref(params: Params, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (typeof v === "string" && v && k !== "page") q.set(k, v);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return `/insights${s ? `?${s}` : ""}`;
}

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireUser(CAN.readInsights);
  const params = await searchParams;
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const search = ZInsightSearchParams.parse(flat);
  const { rows, hasMore } = await findInsights(search);
  const listed: InsightListRow[] = rows.map((i) => ({ id: i.id, startTime: i.startTime, type: i.type, subjectKind: i.subjectKind, subject: i.subject, status: i.status, summary: insightSummary(i) }));
  const filtered = !!(search.type || search.subject);
  return (
    <PageShell
      width="xl"
      title="Insights"
      description="Unusual activity found in the events as they arrive: new source IPs, deny-listed IPs, call and error rates far above a user's baseline."
      actions={
        <>
          <AutoRefresh seconds={10} />
          <ButtonLink href="/insights/ip-lists" icon={ListFilter}>
            IP lists
          </ButtonLink>
        </>
      }
    >
      <InsightFilters search={search} />
      <section aria-label="Insight list" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        {rows.length === 0 ? (
          <div className="px-6 py-14 text-center">
            <p className="font-medium">{filtered ? "No insights match these conditions" : "No insights in this time"}</p>
            <p className="mx-auto mt-1 max-w-lg text-slate-500">
              {filtered
                ? "Try another type, subject or a longer time."
                : "The worker examines every new event. An insight appears here when a user or AccessKey calls from an IP it has not used in 30 days, from a deny-listed IP, or far more often (or with far more errors) than its baseline."}
            </p>
          </div>
        ) : (
          <InsightsTable rows={listed} />
        )}
      </section>
      {(search.page > 1 || hasMore) && (
        <nav aria-label="Pages" className="flex items-center justify-end gap-2">
          {search.page > 1 && <ButtonLink href={pageHref(params, search.page - 1)}>Newer</ButtonLink>}
          <span className="text-slate-500">Page {search.page}</span>
          {hasMore && <ButtonLink href={pageHref(params, search.page + 1)}>Older</ButtonLink>}
        </nav>
      )}
    </PageShell>
  );
}
