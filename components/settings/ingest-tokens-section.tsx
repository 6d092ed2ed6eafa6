"use client";

import { useActionState } from "react";
import { createIngestTokenAction, revokeIngestTokenAction } from "@/lib/actions/ingest-tokens";
import { Button } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table-head";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { IngestTokenSummary } from "@/lib/ingest-tokens/tokens";

export function IngestTokensSection({ tokens }: { tokens: IngestTokenSummary[] }) {
  const [state, action, pending] = useActionState(createIngestTokenAction, {});
  return (
    <section aria-labelledby="tokens-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="tokens-heading" className="font-semibold">
          Ingest tokens
        </h2>
        <p className="text-slate-500">
          Systems send events to <code className="font-mono text-xs">POST /api/v1/events</code> with{" "}
          <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </div>
      {tokens.length === 0 ? (
        <p className="px-4 py-6 text-center text-slate-500">No ingest tokens yet.</p>
      ) : (
        <table className="w-full text-left">
          <TableHead columns={["ID", "Label", "Created", "Last used", ""]} />
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-mono text-xs">{t.id}</td>
                <td className="px-4 py-2">{t.label ?? <span className="text-slate-400">—</span>}</td>
                <td className="px-4 py-2 text-slate-600">
                  <LocalTime iso={new Date(t.createdAt).toISOString()} withSeconds={false} />
                </td>
                <td className="px-4 py-2 text-slate-600">
                  {t.lastUsedAt ? <LocalTime iso={new Date(t.lastUsedAt).toISOString()} withSeconds={false} /> : "never"}
                </td>
                <td className="px-4 py-2 text-right">
                  {t.revokedAt ? (
                    <span className="text-slate-500">Revoked</span>
                  ) : (
                    <form action={revokeIngestTokenAction}>
                      <input type="hidden" name="id" value={t.id} />
                      <Button type="submit" variant="ghost" className="text-red-700!" aria-label={`Revoke ${t.id}`}>
                        Revoke
                      </Button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form action={action} className="flex flex-wrap items-end gap-3 border-t border-slate-200 p-4">
        <Field label="Label (optional)" htmlFor="token-label" error={state.errors?.label?.[0]} errorId="token-label-error" className="w-64">
          <Input id="token-label" name="label" maxLength={64} placeholder="e.g. siem-forwarder" aria-describedby="token-label-error" />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {state.message && (
        <div role={state.ok ? "status" : "alert"} className={`mx-4 mb-4 rounded-md px-3 py-2 ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          <p>{state.message}</p>
          {state.data?.secret && (
            <div className="mt-2 flex items-center gap-2">
              <code className="rounded bg-white px-2 py-1 font-mono text-xs break-all">{state.data.secret}</code>
              <CopyButton text={state.data.secret} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
