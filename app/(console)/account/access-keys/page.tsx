import type { Metadata } from "next";
import { CreateKeyForm } from "@/components/access-keys/create-key-form";
import { KeysTable, type KeyRow } from "@/components/access-keys/keys-table";
import { OwnerFilter } from "@/components/access-keys/owner-filter";
import { ALL_USERS } from "@/components/access-keys/scope";
import { PageShell } from "@/components/ui/page-shell";
import { listKeysFor } from "@/lib/access-keys/manage";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/users";

export const metadata: Metadata = { title: "AccessKeys" };

export default async function AccessKeysPage({ searchParams }: { searchParams: Promise<{ user?: string | string[] }> }) {
  const user = await requireUser(CAN.manageOwnAccessKeys);
  const isAdmin = roleCan(user.role, CAN.manageAnyAccessKey);
  const asked = [(await searchParams).user].flat()[0]?.trim() || user.username;
  const usernames = isAdmin ? (await listUsers()).map((u) => u.username) : [];
  // Non-admins always see their own keys; an admin's choice must be a known user or "all".
  const scope = !isAdmin ? user.username : asked === ALL_USERS || usernames.includes(asked) ? asked : user.username;
  const refused = asked !== scope;
  const keys = await listKeysFor(user, { username: scope === ALL_USERS ? undefined : scope });
  const rows: KeyRow[] = keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null }));
  const own = scope === user.username;
  const heading = own ? "Your AccessKeys" : scope === ALL_USERS ? "AccessKeys of all users" : `AccessKeys of ${scope}`;

  return (
    <PageShell
      width="md"
      title="AccessKeys"
      description="AccessKey pairs sign calls to the ActionTrail-compatible API at /openapi. A key acts with its owner's role."
      actions={isAdmin && <OwnerFilter users={usernames} value={scope} self={user.username} />}
    >
      {refused && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {isAdmin ? `There is no console user ${asked}; showing your own AccessKeys.` : "Only administrators can see other users' AccessKeys; showing your own."}
        </p>
      )}
      <section aria-labelledby="keys-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="keys-heading" className="font-semibold">
            {heading}
          </h2>
          <p className="text-slate-500">Disable a key to stop it at once without losing it; delete it when nothing uses it any more. Every change is recorded as a RAM event.</p>
        </div>
        {rows.length === 0 ? (
          <p className="px-4 py-8 text-center text-slate-500">{own ? "You have no AccessKeys yet." : "No AccessKeys here yet."}</p>
        ) : (
          <KeysTable keys={rows} showOwner={!own} />
        )}
        <div className="border-t border-slate-200 p-4">
          <CreateKeyForm key={scope} users={isAdmin ? usernames : undefined} defaultUser={scope === ALL_USERS ? user.username : scope} />
        </div>
      </section>
    </PageShell>
  );
}
