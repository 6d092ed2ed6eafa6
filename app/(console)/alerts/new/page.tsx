import type { Metadata } from "next";
import { RuleForm } from "@/components/alerts/rule-form";
import { SECTIONS } from "@/components/layout/console-sections";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { ZRuleFilters } from "@/lib/alerts/rules";
import { REGIONS } from "@/lib/events/regions";

export const metadata: Metadata = { title: "New alert rule" };

export default async function NewAlertRulePage() {
  await requireUser(CAN.manageAlerts);
  return (
    <PageShell
      width="md"
      breadcrumbs={[SECTIONS.alerts, { label: "New rule" }]}
      title="New alert rule"
      description="The rule gets its own signing secret, shown once when it is created."
    >
      <RuleForm
        regions={REGIONS.map((r) => ({ id: r.id, name: r.name }))}
        initial={{ name: "", trigger: "insight", insightType: "*", filters: ZRuleFilters.parse({}), webhookUrl: "", enabled: true }}
      />
    </PageShell>
  );
}
