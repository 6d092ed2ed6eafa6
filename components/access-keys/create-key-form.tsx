"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { useActionState, useState } from "react";
import { createKeyAction } from "@/lib/actions/access-keys";
import { ActionMessage } from "@/components/forms/action-message";
import { SelectField } from "@/components/forms/form-field";
import { Button } from "@/components/ui/button";
import { SecretValue } from "@/components/ui/secret-value";

const PAIR_VALUE = "flex flex-wrap items-center gap-2";

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
          <SelectField label="Owner" id="key-owner" error={state.errors?.username?.[0]} className="w-56" name="username" defaultValue={defaultUser} options={users} />
        )}
        <Button type="submit" disabled={pending}>
          <KeyRound className="size-4" aria-hidden />
          {pending ? "Creating…" : users ? "Create AccessKey" : "Create AccessKey for me"}
        </Button>
      </form>
      <ActionMessage state={state} failuresOnly />
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
            <SecretValue as="dd" className={PAIR_VALUE} text={created.accessKeyId} testId="new-key-id" copyLabel="Copy ID" />
            <dt className="text-slate-600">AccessKey Secret</dt>
            <SecretValue as="dd" className={PAIR_VALUE} text={created.accessKeySecret} testId="new-key-secret" copyLabel="Copy secret" />
          </dl>
          <Button type="button" variant="secondary" className="mt-3" onClick={() => setDismissed(created.accessKeyId)}>
            I have saved the secret
          </Button>
        </section>
      )}
    </div>
  );
}
