import { KeyRound, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { IngestTokensSection } from "@/components/settings/ingest-tokens-section";
import { UsersSection } from "@/components/settings/users-section";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser } from "@/lib/auth/session";
import { listIngestTokens } from "@/lib/ingest-tokens/tokens";
import { listUsers } from "@/lib/users/users";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requireUser(CAN.manageUsers);
  const [users, tokens] = await Promise.all([listUsers(), listIngestTokens()]);
  return (
    <PageShell
      width="md"
      title="Settings"
      description="Console users and the tokens systems use to send events."
      actions={
        <>
          <ButtonLink href="/settings/sensitive-actions" icon={ShieldAlert}>
            Sensitive operations
          </ButtonLink>
          <ButtonLink href="/account/access-keys?user=*" icon={KeyRound}>
            All AccessKeys
          </ButtonLink>
        </>
      }
    >
      <UsersSection users={users} currentUser={admin.username} />
      <IngestTokensSection tokens={tokens} />
    </PageShell>
  );
}
