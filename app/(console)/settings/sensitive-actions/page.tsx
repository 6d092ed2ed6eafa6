import type { Metadata } from "next";
import { SensitiveCatalog } from "@/components/settings/sensitive-catalog";
import { SensitiveRules } from "@/components/settings/sensitive-rules";
import { ButtonLink } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { listSensitiveActions } from "@/lib/events/sensitive-actions";
import { EVENT_NAMES } from "@/lib/catalog/catalog";
import { eventStore } from "@/lib/events/event-store";

export const metadata: Metadata = { title: "Sensitive operations" };

export default async function SensitiveActionsPage() {
  const user = await requireUser(CAN.readSensitiveCatalog);
  const canEdit = roleCan(user.role, CAN.editSensitiveCatalog);
  const [entries, stored] = await Promise.all([listSensitiveActions(), canEdit ? eventStore().facetValues("eventName") : Promise.resolve([])]);
  // Suggestions: every event name Trailkeeper knows (its catalogue and the names already stored), not yet listed.
  const listed = new Set(entries.map((e) => e.eventName));
  const suggestions = [...new Set([...EVENT_NAMES, ...stored])].filter((n) => !listed.has(n)).sort();
  return (
    <PageShell
      width="md"
      title="Sensitive operations"
      description="Events named here are marked Sensitive Operation on /events, in the API and in exports."
      actions={canEdit && <ButtonLink href="/settings">Back to settings</ButtonLink>}
    >
      <SensitiveRules />
      <SensitiveCatalog
        entries={entries.map((e) => ({ eventName: e.eventName, reason: e.reason, createdAt: e.createdAt.toISOString() }))}
        canEdit={canEdit}
        suggestions={suggestions}
      />
    </PageShell>
  );
}
