"use client";

import { useActionState, useMemo, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { createUserAction, manageUserAction, type ManageIntent } from "@/lib/actions/users";
import { ActionMessage } from "@/components/forms/action-message";
import { SelectField, TextField } from "@/components/forms/form-field";
import { Button } from "@/components/ui/button";
import { defineColumns, timeColumn } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";
import { ExpandToggle } from "@/components/ui/expand-toggle";
import { Input } from "@/components/ui/input";
import { Panel } from "@/components/ui/panel";
import { ROLE_DESCRIPTIONS } from "@/lib/auth/role-descriptions";
import type { UserSummary } from "@/lib/users/users";

const ROLES = ["auditor", "security", "admin"] as const;

/** The users, one open at a time: `onToggle` opens a row's panel or closes the open one. */
function UsersTable({ users, currentUser, open, onToggle, renderPanel }: {
  users: UserSummary[];
  currentUser: string;
  open: string | null;
  onToggle: (username: string) => void;
  renderPanel: (user: UserSummary) => React.ReactNode;
}) {
  const columns = useMemo(
    () =>
      defineColumns<UserSummary>([
        {
          id: "toggle",
          header: ACTIONS_HEADER,
          width: "2.5rem",
          bare: true,
          className: "py-1.5 pl-3",
          // Not expandColumn: the open row is the section's state (expandedRowId), so the toggle calls onToggle.
          cell: (u, { expanded }) => <ExpandToggle expanded={expanded} onToggle={() => onToggle(u.username)} label={`Manage ${u.username}`} />,
        },
        {
          id: "username",
          header: "Username",
          className: "font-medium",
          cell: (u) => (
            <>
              {u.username}
              {u.username === currentUser && <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span>}
            </>
          ),
        },
        {
          id: "role",
          header: "Role",
          cell: (u) => (
            <>
              {u.role} <span className="text-slate-500">· {ROLE_DESCRIPTIONS[u.role]}</span>
            </>
          ),
        },
        {
          id: "status",
          header: "Status",
          cell: (u) => <span className={`rounded px-1.5 py-0.5 text-xs ${u.disabled ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-800"}`}>{u.disabled ? "Disabled" : "Enabled"}</span>,
        },
        timeColumn({ id: "createdAt", header: "Created", className: "text-slate-600", time: (u) => u.createdAt, withSeconds: false }),
      ]),
    [currentUser, onToggle],
  );
  return <DataTable look="plain" columns={columns} data={users} getRowId={(u) => u.username} expandedRowId={open} renderDetail={renderPanel} />;
}

export function UsersSection({ users, currentUser }: { users: UserSummary[]; currentUser: string }) {
  const [state, action, pending] = useActionState(createUserAction, {});
  // One state for every row's panel, so a message outlives the row it was about (a deleted user).
  const [manageState, manage, managing] = useActionState(manageUserAction, {});
  const [open, setOpen] = useState<string | null>(null);
  // A stable toggle: the table's columns (and so its cells) are made once.
  const [toggle] = useState(() => (username: string) => setOpen((cur) => (cur === username ? null : username)));
  const orphanMessage = manageState.message && !users.some((u) => u.username === manageState.values?.username);
  return (
    <Panel
      id="users"
      title="Console users"
      description="Changes take effect at the user's next request: disabling, deleting and a new password end their sessions. Every change is recorded as an Actiontrail event."
    >
      {orphanMessage && <ActionMessage state={manageState} className="mx-4 mt-3" />}
      <UsersTable
        users={users}
        currentUser={currentUser}
        open={open}
        onToggle={toggle}
        renderPanel={(u) => <UserPanel user={u} state={manageState} action={manage} pending={managing} />}
      />
      <form action={action} className="grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-start" noValidate>
        <TextField label="Username" id="new-username" error={state.errors?.username?.[0]} name="username" required autoComplete="off" />
        <TextField label="Password" id="new-password" error={state.errors?.password?.[0]} name="password" type="password" required autoComplete="new-password" />
        <SelectField label="Role" id="new-role" error={state.errors?.role?.[0]} name="role" defaultValue="auditor" options={ROLES} />
        <Button type="submit" disabled={pending} className="sm:mt-5">
          {pending ? "Adding…" : "Add user"}
        </Button>
        {state.message && (
          <p role={state.ok ? "status" : "alert"} className={`sm:col-span-4 ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
            {state.message}
          </p>
        )}
      </form>
    </Panel>
  );
}

/** One user's actions: role, a new password, disable or enable, delete (typed confirmation). */
type ManageResult = ActionResult<{ username: string; intent: ManageIntent }>;

function UserPanel({ user, state, action, pending }: { user: UserSummary; state: ManageResult; action: (form: FormData) => void; pending: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const id = `user-${user.id}`;
  return (
    <div role="group" aria-label={`Manage ${user.username}`} className="space-y-3">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        {/* Keyed by the role: after a change the select starts from the new one. */}
        <form key={user.role} action={action} className="flex items-end gap-2">
          <input type="hidden" name="username" value={user.username} />
          <SelectField label="Role" id={`${id}-role`} name="role" defaultValue={user.role} inputClassName="w-36" options={ROLES} />
          <Button type="submit" name="intent" value="role" variant="secondary" disabled={pending}>
            Change role
          </Button>
        </form>
        <form action={action} className="flex items-end gap-2" noValidate>
          <input type="hidden" name="username" value={user.username} />
          <TextField label="New password" id={`${id}-password`} name="password" type="password" autoComplete="new-password" inputClassName="w-52" />
          <Button type="submit" name="intent" value="password" variant="secondary" disabled={pending}>
            Set password
          </Button>
        </form>
        <form action={action} className="flex items-end gap-2">
          <input type="hidden" name="username" value={user.username} />
          {user.disabled ? (
            <Button type="submit" name="intent" value="enable" variant="secondary" disabled={pending}>
              Enable user
            </Button>
          ) : (
            <Button type="submit" name="intent" value="disable" variant="secondary" disabled={pending}>
              Disable user
            </Button>
          )}
          {!confirming && (
            <Button type="button" variant="ghost" className="text-red-700!" onClick={() => setConfirming(true)}>
              Delete user…
            </Button>
          )}
        </form>
      </div>
      {confirming && (
        <form action={action} className="rounded-md border border-red-200 bg-white p-3">
          <input type="hidden" name="username" value={user.username} />
          <p id={`${id}-confirm-help`} className="mb-2 text-slate-700">
            Delete <strong>{user.username}</strong>? Their sessions and AccessKeys go with them; their events stay. Type the username to confirm.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Input id={`${id}-confirm`} name="confirm" autoComplete="off" aria-label={`Username to confirm deleting ${user.username}`} aria-describedby={`${id}-confirm-help`} className="w-64" />
            <Button type="submit" name="intent" value="delete" variant="danger" disabled={pending}>
              Delete {user.username}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {state.values?.username === user.username && <ActionMessage state={state} />}
    </div>
  );
}
