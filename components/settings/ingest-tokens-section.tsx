"use client";

import { useActionState, useMemo } from "react";
import { createIngestTokenAction, revokeIngestTokenAction } from "@/lib/actions/ingest-tokens";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ACTIONS_HEADER, columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { Field, Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { IngestTokenSummary } from "@/lib/ingest-tokens/tokens";

const COLUMN = { id: "id", label: "label", created: "createdAt", lastUsed: "lastUsedAt", actions: "actions" } as const;
const column = columnHelperFor<IngestTokenSummary>();

function TokensTable({ tokens }: { tokens: IngestTokenSummary[] }) {
  const columns = useMemo<DataColumn<IngestTokenSummary>[]>(
    () => [
      column.accessor("id", { id: COLUMN.id, header: "ID", meta: { className: "font-mono text-xs" }, cell: (c) => c.getValue() }),
      column.accessor("label", { id: COLUMN.label, header: "Label", cell: (c) => c.getValue() ?? <span className="text-slate-400">—</span> }),
      column.accessor("createdAt", {
        id: COLUMN.created,
        header: "Created",
        meta: { className: "text-slate-600" },
        cell: (c) => <LocalTime iso={new Date(c.getValue()).toISOString()} withSeconds={false} />,
      }),
      column.accessor("lastUsedAt", {
        id: COLUMN.lastUsed,
        header: "Last used",
        meta: { className: "text-slate-600" },
        cell: ({ row: { original: t } }) => (t.lastUsedAt ? <LocalTime iso={new Date(t.lastUsedAt).toISOString()} withSeconds={false} /> : "never"),
      }),
      column.display({
        id: COLUMN.actions,
        header: ACTIONS_HEADER,
        meta: { className: "text-right" },
        cell: ({ row: { original: t } }) =>
          t.revokedAt ? (
            <span className="text-slate-500">Revoked</span>
          ) : (
            <form action={revokeIngestTokenAction}>
              <input type="hidden" name="id" value={t.id} />
              <Button type="submit" variant="ghost" className="text-red-700!" aria-label={`Revoke ${t.id}`}>
                Revoke
              </Button>
            </form>
          ),
      }),
    ],
    [],
  );
  return <DataTable look="plain" columns={columns} data={tokens} getRowId={(t) => t.id} />;
}

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
        <TokensTable tokens={tokens} />
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
