import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { RulesTable, type RuleRow } from "@/components/alerts/rules-table";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { latestDeliveryByRule } from "@/lib/alerts/engine";
import { describeRule, listAlertRules } from "@/lib/alerts/rules";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requireUser(CAN.readAlerts);
  const canManage = roleCan(user.role, CAN.manageAlerts);
  const [{ deleted }, rules, latest] = await Promise.all([searchParams, listAlertRules(), latestDeliveryByRule()]);
  const rows: RuleRow[] = rules.map((r) => ({ id: r.id, name: r.name, sends: describeRule(r), webhookUrl: r.webhookUrl, enabled: r.enabled, latest: latest.get(r.id) ?? null }));
  const create = (
    <ButtonLink href="/alerts/new" variant="primary">
      <Plus className="size-4" aria-hidden /> Create rule
    </ButtonLink>
  );
  return (
    <PageShell
      width="xl"
      title="Tracking alerts"
      description="Rules that send a signed JSON notification to a webhook when matching events or insights arrive."
      actions={canManage && rules.length > 0 ? create : undefined}
    >
      {deleted && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-800">
          Deleted rule {deleted}.
        </p>
      )}
      <section aria-label="Alert rules" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        {rules.length === 0 ? (
          <div className="px-6 py-14 text-center">
            <p className="font-medium">No alert rules yet</p>
            <p className="mx-auto mt-1 max-w-md text-slate-500">
              A rule watches new events (any combination of the Event Detail Query conditions) or new insights, and notifies a webhook within seconds.
            </p>
            {canManage ? <div className="mt-4">{create}</div> : <p className="mt-3 text-slate-500">An administrator can create one.</p>}
          </div>
        ) : (
          <RulesTable rules={rows} />
        )}
      </section>
    </PageShell>
  );
}
