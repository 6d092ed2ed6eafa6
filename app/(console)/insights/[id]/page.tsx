import { FileSearch } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InsightStatusBadge, InsightTypeBadge } from "@/components/insights/insight-badges";
import { Button, ButtonLink } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { LocalTime } from "@/components/ui/local-time";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { eventsUrl } from "@/lib/events/events-url";
import { regionName } from "@/lib/events/regions";
import { INSIGHT_LABELS } from "@/lib/insights/config";
import { getInsight, insightEventFilters, insightSummary } from "@/lib/insights/insights";
import { setInsightStatusAction } from "@/lib/actions/insights";

export const metadata: Metadata = { title: "Insight" };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

export default async function InsightPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser(CAN.readInsights);
  const insight = await getInsight(Number((await params).id));
  if (!insight) notFound();
  const eventsHref = eventsUrl(insightEventFilters(insight));
  const reason = typeof insight.evidence.reason === "string" ? insight.evidence.reason : undefined;
  const firstEventId = typeof insight.evidence.firstEventId === "string" ? insight.evidence.firstEventId : undefined;
  return (
    <PageShell
      width="md"
      breadcrumbs={[{ label: "Insights", href: "/insights" }, { label: `#${insight.id}` }]}
      title={INSIGHT_LABELS[insight.type]}
      description={insightSummary(insight)}
      actions={
        <>
          <form action={setInsightStatusAction}>
            <input type="hidden" name="id" value={insight.id} />
            <input type="hidden" name="status" value={insight.status === "open" ? "resolved" : "open"} />
            <Button type="submit" variant="secondary">
              {insight.status === "open" ? "Mark resolved" : "Reopen"}
            </Button>
          </form>
          <ButtonLink href={eventsHref} variant="primary">
            <FileSearch className="size-4" aria-hidden /> View the events
          </ButtonLink>
        </>
      }
    >
      <section aria-label="Insight details" className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Fact label="Type">
            <InsightTypeBadge type={insight.type} />
          </Fact>
          <Fact label="Status">
            <InsightStatusBadge status={insight.status} />
          </Fact>
          <Fact label={insight.subjectKind === "accessKey" ? "AccessKey ID" : "User"}>
            <span className="font-mono text-xs">{insight.subject}</span>
          </Fact>
          <Fact label="Region">{insight.region === "all" ? "Several regions" : `${regionName(insight.region)} (${insight.region})`}</Fact>
          <Fact label="Start">
            <LocalTime iso={insight.startTime} />
          </Fact>
          <Fact label="End">
            <LocalTime iso={insight.endTime} />
          </Fact>
          <Fact label="Events">{insight.eventCount}</Fact>
          <Fact label="Source IP">{insight.sourceIp ? <span className="font-mono text-xs">{insight.sourceIp}</span> : "—"}</Fact>
          <Fact label="Detected">
            <LocalTime iso={insight.createdAt.toISOString()} />
          </Fact>
          {firstEventId && (
            <Fact label="First event">
              <Link href={`/events/${encodeURIComponent(firstEventId)}`} className="font-mono text-xs text-orange-700 hover:underline">
                {firstEventId}
              </Link>
            </Fact>
          )}
        </dl>
        {reason && <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-slate-700">{reason}</p>}
      </section>
      <section aria-labelledby="evidence-heading" className="space-y-2">
        <h2 id="evidence-heading" className="font-semibold">
          Evidence
        </h2>
        <JsonView json={JSON.stringify(insight.evidence)} />
      </section>
    </PageShell>
  );
}
