import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryHistory } from "@/components/alerts/delivery-history";
import { RuleForm } from "@/components/alerts/rule-form";
import { RuleSecretActions } from "@/components/alerts/rule-secret-actions";
import { AutoRefresh } from "@/components/trails/auto-refresh";
import { SECTIONS } from "@/components/layout/console-sections";
import { PageShell } from "@/components/ui/page-shell";
import { Panel } from "@/components/ui/panel";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { findRuleDeliveries } from "@/lib/alerts/engine";
import { describeRule, getAlertRule } from "@/lib/alerts/rules";
import { REGIONS } from "@/lib/events/regions";

export const metadata: Metadata = { title: "Alert rule" };

export default async function AlertRulePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(CAN.readAlerts);
  const canManage = roleCan(user.role, CAN.manageAlerts);
  const rule = await getAlertRule(Number((await params).id));
  if (!rule) notFound();
  const deliveries = await findRuleDeliveries(rule.id);
  return (
    <PageShell
      width="lg"
      parent={SECTIONS.alerts}
      title={rule.name}
      description={`${describeRule(rule)} → ${rule.webhookUrl}${rule.enabled ? "" : " (disabled)"}`}
      actions={<AutoRefresh seconds={5} />}
    >
      {canManage && (
        <>
          <RuleForm
            regions={REGIONS.map((r) => ({ id: r.id, name: r.name }))}
            initial={{ id: rule.id, name: rule.name, trigger: rule.trigger, insightType: rule.insightType, filters: rule.filters, webhookUrl: rule.webhookUrl, enabled: rule.enabled }}
          />
          <RuleSecretActions id={rule.id} name={rule.name} />
        </>
      )}
      <Panel
        id="deliveries"
        title="Delivery history"
        description="The latest 50 notifications of this rule, with every attempt. Failed attempts are retried with growing waits."
        className="overflow-hidden"
      >
        <DeliveryHistory rows={deliveries} />
      </Panel>
    </PageShell>
  );
}
