import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { ButtonLink } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PageShell } from "@/components/ui/page-shell";
import { Panel } from "@/components/ui/panel";
import { describeDuration, findConsoleSession, SESSION_MAX_HOURS, sessionIdleMs } from "@/lib/auth/console-sessions";
import { ROLE_DESCRIPTIONS } from "@/lib/auth/role-descriptions";
import { CAN, getSessionState, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser(CAN.readEvents);
  const state = await getSessionState();
  const session = state.user ? await findConsoleSession(state.sessionId) : null;
  const endsBy = session ? new Date(session.createdAt.getTime() + SESSION_MAX_HOURS * 3600_000) : null;
  return (
    <PageShell
      width="sm"
      title="Your account"
      description="Your sign-in and your password."
      actions={
        <ButtonLink href="/account/access-keys" icon={KeyRound}>
          Your AccessKeys
        </ButtonLink>
      }
    >
      <Panel id="profile" title={`Signed in as ${user.username}`}>
        <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2 px-4 py-3">
          <dt className="text-slate-500">Role</dt>
          <dd>
            {user.role} <span className="text-slate-500">· {ROLE_DESCRIPTIONS[user.role]}</span>
          </dd>
          {session && endsBy && (
            <>
              <dt className="text-slate-500">This session</dt>
              <dd>
                began <LocalTime iso={session.createdAt.toISOString()} withSeconds={false} /> from {session.ip ?? "an unknown address"}; it ends after{" "}
                {describeDuration(sessionIdleMs())} without activity, and at <LocalTime iso={endsBy.toISOString()} withSeconds={false} /> at the latest.
              </dd>
            </>
          )}
        </dl>
      </Panel>
      <Panel id="password" title="Change your password">
        <div className="px-4 py-4">
          <ChangePasswordForm />
        </div>
      </Panel>
    </PageShell>
  );
}
