"use client";

import { useActionState } from "react";
import { deleteAlertRuleAction, rotateAlertSecretAction } from "@/lib/actions/alerts";
import { ActionMessage } from "@/components/forms/action-message";
import { PostButton } from "@/components/forms/post-button";
import { SecretValue } from "@/components/ui/secret-value";

/** Rotate the signing secret (shown once) and delete the rule. */
export function RuleSecretActions({ id, name }: { id: number; name: string }) {
  const [state, rotate, pending] = useActionState(rotateAlertSecretAction, {});
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <PostButton action={rotate} fields={{ id }} variant="secondary" pending={pending} pendingLabel="Rotating…">
          Rotate signing secret
        </PostButton>
        <PostButton
          action={deleteAlertRuleAction}
          fields={{ id }}
          variant="danger"
          onSubmit={(e) => {
            if (!window.confirm(`Delete the rule ${name} and its delivery history?`)) e.preventDefault();
          }}
        >
          Delete rule
        </PostButton>
      </div>
      <ActionMessage state={state}>{state.data?.secret && <SecretValue text={state.data.secret} testId="rule-secret" className="mt-2 flex items-center gap-2" />}</ActionMessage>
    </div>
  );
}
