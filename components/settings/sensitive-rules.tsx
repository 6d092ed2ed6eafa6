import { ShieldAlert } from "lucide-react";

/** The rules that mark events sensitive whatever the catalogue says (lib/events/sensitive-rule.ts sensitiveByRule). */
export function SensitiveRules() {
  return (
    <section aria-labelledby="rules-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <h2 id="rules-heading" className="flex items-center gap-1.5 font-semibold">
        <ShieldAlert className="size-4 text-amber-700" aria-hidden /> Always sensitive
      </h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-600">
        <li>
          Failed console sign-ins: a <code className="font-mono text-xs">ConsoleSignin</code> with an error code (a successful sign-in is routine).
        </li>
        <li>
          Anything done with the root account (<code className="font-mono text-xs">userIdentity.type</code> is{" "}
          <code className="font-mono text-xs">root-account</code>), including the operator CLI&apos;s own changes.
        </li>
        <li>
          Events sent with <code className="font-mono text-xs">&quot;sensitive&quot;: true</code> in their JSON.
        </li>
      </ul>
    </section>
  );
}
