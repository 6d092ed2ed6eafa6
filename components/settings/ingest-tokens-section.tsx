"use client";

import { useActionState } from "react";
import { createIngestTokenAction, revokeIngestTokenAction } from "@/lib/actions/ingest-tokens";
import { EmptyRow } from "@/components/activity/section";
import { ActionMessage } from "@/components/forms/action-message";
import { TextField } from "@/components/forms/form-field";
import { PostButton } from "@/components/forms/post-button";
import { Button } from "@/components/ui/button";
import { defineColumns, NoValue, timeColumn } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";
import { Panel } from "@/components/ui/panel";
import { SecretValue } from "@/components/ui/secret-value";
import type { IngestTokenSummary } from "@/lib/ingest-tokens/tokens";

const COLUMNS = defineColumns<IngestTokenSummary>([
  { id: "id", header: "ID", className: "font-mono text-xs", cell: (t) => t.id },
  { id: "label", header: "Label", cell: (t) => t.label ?? <NoValue /> },
  timeColumn({ id: "createdAt", header: "Created", className: "text-slate-600", time: (t) => t.createdAt, withSeconds: false }),
  timeColumn({ id: "lastUsedAt", header: "Last used", className: "text-slate-600", time: (t) => t.lastUsedAt, withSeconds: false, empty: "never" }),
  {
    id: "actions",
    header: ACTIONS_HEADER,
    className: "text-right",
    cell: (t) =>
      t.revokedAt ? (
        <span className="text-slate-500">Revoked</span>
      ) : (
        <PostButton action={revokeIngestTokenAction} fields={{ id: t.id }} variant="ghost" className="text-red-700!" aria-label={`Revoke ${t.id}`}>
          Revoke
        </PostButton>
      ),
  },
]);

function TokensTable({ tokens }: { tokens: IngestTokenSummary[] }) {
  return <DataTable look="plain" columns={COLUMNS} data={tokens} getRowId={(t) => t.id} />;
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
