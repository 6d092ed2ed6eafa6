import type { Metadata } from "next";
import { RulesTable, type RuleRow } from "@/components/alerts/rules-table";
import { ActionMessage } from "@/components/forms/action-message";
import { CreateLink, NoneYet } from "@/components/ui/none-yet";
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
  const create = <CreateLink href="/alerts/new">Create rule</CreateLink>;
  return (
    <PageShell
      width="xl"
      title="Tracking alerts"
      description="Rules that send a signed JSON notification to a webhook when matching events or insights arrive."
      actions={canManage && rules.length > 0 ? create : undefined}
    >
      <ActionMessage state={{ ok: true, message: deleted && `Deleted rule ${deleted}.` }} />
      <section aria-label="Alert rules" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        {rules.length === 0 ? (
          <NoneYet title="No alert rules yet" create={canManage && create}>
            A rule watches new events (any combination of the Event Detail Query conditions) or new insights, and notifies a webhook within seconds.
          </NoneYet>
        ) : (
          <RulesTable rules={rows} />
        )}
      </section>
    </PageShell>
  );
}
