import type { Metadata } from "next";
import { IpListSection } from "@/components/insights/ip-list-section";
import { SECTIONS } from "@/components/layout/console-sections";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { listIpListEntries } from "@/lib/insights/ip-lists";

export const metadata: Metadata = { title: "IP lists" };

export default async function IpListsPage() {
  const user = await requireUser(CAN.manageIpLists);
  const canEdit = roleCan(user.role, CAN.manageIpLists);
  const entries = (await listIpListEntries()).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
  return (
    <PageShell
      width="md"
      parent={SECTIONS.insights}
      title="IP lists"
      description="IPv4 and IPv6 addresses or CIDR blocks the insight detectors treat specially. Changes apply to events examined from now on and are audited."
    >
      <IpListSection list="allow" entries={entries.filter((e) => e.list === "allow")} canEdit={canEdit} />
      <IpListSection list="deny" entries={entries.filter((e) => e.list === "deny")} canEdit={canEdit} />
    </PageShell>
  );
}
