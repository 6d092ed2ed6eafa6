"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { useActionState, useState } from "react";
import { createKeyAction } from "@/lib/actions/access-keys";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Select } from "@/components/ui/input";

/**
 * Creates a pair and shows its secret this once. The secret lives only in this component's state:
 * a reload or another visit never shows it again. `users` (admins only) adds an owner selector.
 */
export function CreateKeyForm({ users, defaultUser }: { users?: string[]; defaultUser: string }) {
  const [state, action, pending] = useActionState(createKeyAction, {});
  // Hides the panel once the user says they saved it; a new creation shows the new pair.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state.data && state.data.accessKeyId !== dismissed ? state.data : undefined;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        {users && (
          <Field label="Owner" htmlFor="key-owner" error={state.errors?.username?.[0]} errorId="key-owner-error" className="w-56">
            <Select id="key-owner" name="username" defaultValue={defaultUser} aria-describedby="key-owner-error">
              {users.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button type="submit" disabled={pending}>
          <KeyRound className="size-4" aria-hidden />
          {pending ? "Creating…" : users ? "Create AccessKey" : "Create AccessKey for me"}
        </Button>
      </form>
      {state.message && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {state.message}
        </p>
      )}
      {created && (
        <section aria-label="New AccessKey" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p role="status" className="font-medium text-slate-900">
            {state.message}
          </p>
          <p className="mt-1 flex items-start gap-1.5 text-amber-900">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            Copy the AccessKey Secret now. You will not see it again: Trailkeeper keeps it only encrypted, for checking signatures.
          </p>
          <dl className="mt-3 grid gap-2 sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-600">AccessKey ID</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code data-testid="new-key-id" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">
                {created.accessKeyId}
              </code>
              <CopyButton text={created.accessKeyId} label="Copy ID" />
            </dd>
            <dt className="text-slate-600">AccessKey Secret</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code data-testid="new-key-secret" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">
                {created.accessKeySecret}
              </code>
              <CopyButton text={created.accessKeySecret} label="Copy secret" />
            </dd>
          </dl>
          <Button type="button" variant="secondary" className="mt-3" onClick={() => setDismissed(created.accessKeyId)}>
            I have saved the secret
          </Button>
        </section>
      )}
    </div>
  );
}
