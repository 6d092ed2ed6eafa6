import type { Metadata } from "next";
import Link from "next/link";
import { IpListSection } from "@/components/insights/ip-list-section";
import { PageHeader } from "@/components/ui/page-header";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { listIpListEntries } from "@/lib/insights/ip-lists";

export const metadata: Metadata = { title: "IP lists" };

export default async function IpListsPage() {
  const user = await requireUser(CAN.manageIpLists);
  const canEdit = roleCan(user.role, CAN.manageIpLists);
  const entries = (await listIpListEntries()).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-slate-500">
        <Link href="/insights" className="hover:underline">
          Insights
        </Link>{" "}
        › IP lists
      </nav>
      <PageHeader
        title="IP lists"
        description="IPv4 and IPv6 addresses or CIDR blocks the insight detectors treat specially. Changes apply to events examined from now on and are audited."
      />
      <IpListSection list="allow" entries={entries.filter((e) => e.list === "allow")} canEdit={canEdit} />
      <IpListSection list="deny" entries={entries.filter((e) => e.list === "deny")} canEdit={canEdit} />
    </div>
  );
}
