import { FileSearch } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InsightStatusBadge, InsightTypeBadge } from "@/components/insights/insight-badges";
import { PostButton } from "@/components/forms/post-button";
import { ButtonLink } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { FactsCard } from "@/components/ui/facts-card";
import { LocalTime } from "@/components/ui/local-time";
import { SECTIONS } from "@/components/layout/console-sections";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { eventsUrl } from "@/lib/events/events-url";
import { regionName } from "@/lib/events/regions";
import { INSIGHT_LABELS } from "@/lib/insights/config";
import { getInsight, insightEventFilters, insightSummary } from "@/lib/insights/insights";
import { insightEventsOf } from "@/lib/insights/insight-events";
import { setInsightStatusAction } from "@/lib/actions/insights";

export const metadata: Metadata = { title: "Insight" };

export default async function InsightPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser(CAN.readInsights);
  const insight = await getInsight(Number((await params).id));
  if (!insight) notFound();
  const eventsHref = eventsUrl(insightEventFilters(insight));
  const insightEvents = await insightEventsOf(insight.id);
  const reason = typeof insight.evidence.reason === "string" ? insight.evidence.reason : undefined;
  const firstEventId = typeof insight.evidence.firstEventId === "string" ? insight.evidence.firstEventId : undefined;
  return (
    <PageShell
      width="md"
      breadcrumbs={[SECTIONS.insights, { label: `#${insight.id}` }]}
      title={INSIGHT_LABELS[insight.type]}
      description={insightSummary(insight)}
      actions={
        <>
          <PostButton action={setInsightStatusAction} fields={{ id: insight.id, status: insight.status === "open" ? "resolved" : "open" }} variant="secondary">
            {insight.status === "open" ? "Mark resolved" : "Reopen"}
          </PostButton>
          <ButtonLink href={eventsHref} variant="primary" icon={FileSearch}>
            View the events
          </ButtonLink>
        </>
      }
    >
      <FactsCard
        label="Insight details"
        columns="grid-cols-2 md:grid-cols-4"
        facts={[
          { label: "Type", value: <InsightTypeBadge type={insight.type} /> },
          { label: "Status", value: <InsightStatusBadge status={insight.status} /> },
          { label: insight.subjectKind === "accessKey" ? "AccessKey ID" : "User", value: <span className="font-mono text-xs">{insight.subject}</span> },
          { label: "Region", value: insight.region === "all" ? "Several regions" : `${regionName(insight.region)} (${insight.region})` },
          { label: "Start", value: <LocalTime iso={insight.startTime} /> },
          { label: "End", value: <LocalTime iso={insight.endTime} /> },
          { label: "Events", value: insight.eventCount },
          { label: "Source IP", value: insight.sourceIp ? <span className="font-mono text-xs">{insight.sourceIp}</span> : "—" },
          { label: "Detected", value: <LocalTime iso={insight.createdAt.toISOString()} /> },
          firstEventId && {
            label: "First event",
            value: (
              <Link href={`/events/${encodeURIComponent(firstEventId)}`} className="font-mono text-xs text-orange-700 hover:underline">
                {firstEventId}
              </Link>
            ),
          },
        ]}
        footer={reason && <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-slate-700">{reason}</p>}
      />
      <section aria-labelledby="evidence-heading" className="space-y-2">
        <h2 id="evidence-heading" className="font-semibold">
          Evidence
        </h2>
        <JsonView json={JSON.stringify(insight.evidence)} />
      </section>
      <section aria-labelledby="insight-event-heading" className="space-y-2">
        <h2 id="insight-event-heading" className="font-semibold">
          Insight event
        </h2>
        <p className="text-sm text-slate-600">
          As ActionTrail records it: a Start event when the insight is found and an End event once its window has closed; the same JSON that
          LookupInsightEvents returns and trails with insights on deliver.
        </p>
        {insightEvents.length === 0 ? (
          <p className="text-sm text-slate-600">Not written yet: the insight step writes it within a few seconds.</p>
        ) : (
          insightEvents.map((e) => (
            <div key={e.id} className="space-y-1">
              <h3 className="text-sm font-medium text-slate-700">{e.state} event</h3>
              <JsonView json={e.raw} className="max-h-[28rem] overflow-auto p-3 text-xs" />
            </div>
          ))
        )}
      </section>
    </PageShell>
  );
}
