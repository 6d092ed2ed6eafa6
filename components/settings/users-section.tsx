"use client";

import { useActionState } from "react";
import { createUserAction, type ActionState } from "@/app/(console)/settings/actions";
import { Button } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table-head";
import { Field, Input, Select } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { UserSummary } from "@/lib/users/users";

const ROLE_HELP = { admin: "everything", auditor: "read and export events, read trails", security: "auditor + insights, AccessKey audit, IP lists" };

export function UsersSection({ users }: { users: UserSummary[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createUserAction, {});
  return (
    <section aria-labelledby="users-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <h2 id="users-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
        Console users
      </h2>
      <table className="w-full text-left">
        <TableHead columns={["Username", "Role", "Created"]} />
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-100">
              <td className="px-4 py-2 font-medium">{u.username}</td>
              <td className="px-4 py-2">
                {u.role} <span className="text-slate-500">· {ROLE_HELP[u.role]}</span>
              </td>
              <td className="px-4 py-2 text-slate-600">
                <LocalTime iso={new Date(u.createdAt).toISOString()} withSeconds={false} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form action={action} className="grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-start" noValidate>
        <Field label="Username" htmlFor="new-username" error={state.errors?.username?.[0]} errorId="new-username-error">
          <Input id="new-username" name="username" required aria-invalid={!!state.errors?.username} aria-describedby="new-username-error" autoComplete="off" />
        </Field>
        <Field label="Password" htmlFor="new-password" error={state.errors?.password?.[0]} errorId="new-password-error">
          <Input id="new-password" name="password" type="password" required aria-invalid={!!state.errors?.password} aria-describedby="new-password-error" autoComplete="new-password" />
        </Field>
        <Field label="Role" htmlFor="new-role" error={state.errors?.role?.[0]} errorId="new-role-error">
          <Select id="new-role" name="role" defaultValue="auditor" aria-describedby="new-role-error">
            <option value="auditor">auditor</option>
            <option value="security">security</option>
            <option value="admin">admin</option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-5">
          {pending ? "Adding…" : "Add user"}
        </Button>
        {state.message && (
          <p role={state.ok ? "status" : "alert"} className={`sm:col-span-4 ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
            {state.message}
          </p>
        )}
      </form>
    </section>
  );
}
