"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** A rule's new signing secret, shown once (after creating the rule or rotating its secret). */
export function SigningSecret({ secret }: { secret: string }) {
  return (
    <div className="flex items-center gap-2">
      <code data-testid="rule-secret" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">
        {secret}
      </code>
      <CopyButton text={secret} />
    </div>
  );
}
