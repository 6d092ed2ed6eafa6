import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { ButtonLink } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PageShell } from "@/components/ui/page-shell";
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
        <ButtonLink href="/account/access-keys">
          <KeyRound className="size-4" aria-hidden /> Your AccessKeys
        </ButtonLink>
      }
    >
      <section aria-labelledby="profile-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <h2 id="profile-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Signed in as {user.username}
        </h2>
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
      </section>
      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <h2 id="password-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Change your password
        </h2>
        <div className="px-4 py-4">
          <ChangePasswordForm />
        </div>
      </section>
    </PageShell>
  );
}
