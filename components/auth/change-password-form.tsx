"use client";

import { useActionState } from "react";
import { changeOwnPasswordAction } from "@/lib/actions/users";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "repeatPassword", label: "Repeat the new password", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changeOwnPasswordAction, {});
  return (
    <form action={action} className="max-w-sm space-y-3" noValidate>
      {FIELDS.map((f) => (
        <Field key={f.name} label={f.label} htmlFor={f.name} error={state.errors?.[f.name]?.[0]} errorId={`${f.name}-error`}>
          <Input id={f.name} name={f.name} type="password" autoComplete={f.autoComplete} required aria-invalid={!!state.errors?.[f.name]} aria-describedby={`${f.name}-error`} />
        </Field>
      ))}
      <p className="text-xs text-slate-500">At least 8 characters. Every session of yours ends, this one included: you sign in again with the new password.</p>
      {state.message && !state.errors && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {state.message}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
