"use client";

import { useActionState, useMemo } from "react";
import { createIngestTokenAction, revokeIngestTokenAction } from "@/lib/actions/ingest-tokens";
import { EmptyRow } from "@/components/activity/section";
import { ActionMessage } from "@/components/forms/action-message";
import { TextField } from "@/components/forms/form-field";
import { PostButton } from "@/components/forms/post-button";
import { Button } from "@/components/ui/button";
import { ACTIONS_HEADER, columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { SecretValue } from "@/components/ui/secret-value";
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
            <PostButton action={revokeIngestTokenAction} fields={{ id: t.id }} variant="ghost" className="text-red-700!" aria-label={`Revoke ${t.id}`}>
              Revoke
            </PostButton>
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
    <Panel
      id="tokens"
      title="Ingest tokens"
      description={
        <>
          Systems send events to <code className="font-mono text-xs">POST /api/v1/events</code> with{" "}
          <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>.
        </>
      }
    >
      {tokens.length === 0 ? <EmptyRow>No ingest tokens yet.</EmptyRow> : <TokensTable tokens={tokens} />}
      <form action={action} className="flex flex-wrap items-end gap-3 border-t border-slate-200 p-4">
        <TextField label="Label (optional)" id="token-label" error={state.errors?.label?.[0]} className="w-64" name="label" maxLength={64} placeholder="e.g. siem-forwarder" />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <ActionMessage state={state} className="mx-4 mb-4">
        {state.data?.secret && <SecretValue text={state.data.secret} className="mt-2 flex items-center gap-2" />}
      </ActionMessage>
    </Panel>
  );
}
