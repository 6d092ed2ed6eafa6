import type { Metadata } from "next";
import { IngestTokensSection } from "@/components/settings/ingest-tokens-section";
import { UsersSection } from "@/components/settings/users-section";
import { PageHeader } from "@/components/ui/page-header";
import { CAN, requireUser } from "@/lib/auth/session";
import { listIngestTokens } from "@/lib/ingest-tokens/tokens";
import { listUsers } from "@/lib/users/users";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser(CAN.manageUsers);
  const [users, tokens] = await Promise.all([listUsers(), listIngestTokens()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title="Settings" description="Console users and the tokens systems use to send events." />
      <UsersSection users={users} />
      <IngestTokensSection tokens={tokens} />
    </div>
  );
}
