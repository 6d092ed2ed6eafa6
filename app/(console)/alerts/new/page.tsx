import type { Metadata } from "next";
import Link from "next/link";
import { RuleForm } from "@/components/alerts/rule-form";
import { PageHeader } from "@/components/ui/page-header";
import { CAN, requireUser } from "@/lib/auth/session";
import { ZRuleFilters } from "@/lib/alerts/rules";
import { REGIONS } from "@/lib/events/regions";

export const metadata: Metadata = { title: "New alert rule" };

export default async function NewAlertRulePage() {
  await requireUser(CAN.manageAlerts);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-slate-500">
        <Link href="/alerts" className="hover:underline">
          Alerts
        </Link>{" "}
        › New rule
      </nav>
      <PageHeader title="New alert rule" description="The rule gets its own signing secret, shown once when it is created." />
      <RuleForm
        regions={REGIONS.map((r) => ({ id: r.id, name: r.name }))}
        initial={{ name: "", trigger: "insight", insightType: "*", filters: ZRuleFilters.parse({}), webhookUrl: "", enabled: true }}
      />
    </div>
  );
}
