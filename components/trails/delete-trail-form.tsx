"use client";

import { useActionState } from "react";
import { deleteTrailAction } from "@/lib/actions/trails";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

/** The confirmation step: the admin types the trail's name. */
export function DeleteTrailForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(deleteTrailAction, {});
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-red-200 bg-white p-5 shadow-xs">
      <p>
        Deleting <strong>{name}</strong> stops its delivery and removes its checkpoints. Files already in the bucket and events in the log store stay.
        Running history jobs of this trail are cancelled. This is recorded as a DeleteTrail event.
      </p>
      <input type="hidden" name="name" value={name} />
      <Field label={`Type ${name} to confirm`} htmlFor="confirm-name" error={state.errors?.confirmName?.[0]} errorId="confirm-name-error" className="max-w-sm">
        <Input id="confirm-name" name="confirmName" autoComplete="off" aria-invalid={!!state.errors?.confirmName} aria-describedby="confirm-name-error" />
      </Field>
      {/* A wrong name is shown beside its field; the banner is for what the field cannot say. */}
      {state.message && !state.errors && (
        <p role="alert" className="text-red-700">
          {state.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Deleting…" : "Delete trail"}
        </Button>
        <ButtonLink href={`/trails/${encodeURIComponent(name)}`}>Cancel</ButtonLink>
      </div>
    </form>
  );
}
