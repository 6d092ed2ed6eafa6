"use client";

import { useActionState } from "react";
import { deleteAlertRuleAction, rotateAlertSecretAction } from "@/lib/actions/alerts";
import { Button } from "@/components/ui/button";
import { SigningSecret } from "./signing-secret";

/** Rotate the signing secret (shown once) and delete the rule. */
export function RuleSecretActions({ id, name }: { id: number; name: string }) {
  const [state, rotate, pending] = useActionState(rotateAlertSecretAction, {});
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <form action={rotate}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Rotating…" : "Rotate signing secret"}
          </Button>
        </form>
        <form
          action={deleteAlertRuleAction}
          onSubmit={(e) => {
            if (!window.confirm(`Delete the rule ${name} and its delivery history?`)) e.preventDefault();
          }}
        >
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="danger">
            Delete rule
          </Button>
        </form>
      </div>
      {state.message && (
        <div role={state.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          <p>{state.message}</p>
          {state.data?.secret && (
            <div className="mt-2">
              <SigningSecret secret={state.data.secret} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
