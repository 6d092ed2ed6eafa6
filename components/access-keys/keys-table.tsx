"use client";

import { useActionState, useMemo, useState } from "react";
import { deleteKeyAction, setKeyStatusAction } from "@/lib/actions/access-keys";
import { Button } from "@/components/ui/button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { defineColumns, timeColumn } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";

export interface KeyRow {
  accessKeyId: string;
  username: string;
  role: string;
  status: "Active" | "Inactive";
  createdAt: string;
  lastUsedAt: string | null;
}

function StatusBadge({ status }: { status: KeyRow["status"] }) {
  const active = status === "Active";
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${active ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600"}`}>
      {active ? "Active" : "Inactive"}
    </span>
  );
}

/** Enable/disable and a two-step delete; errors (e.g. a key that is not yours) show in the row. */
function KeyActions({ k }: { k: KeyRow }) {
  const [statusState, statusAction, statusPending] = useActionState(setKeyStatusAction, {});
  const [deleteState, deleteAction, deletePending] = useActionState(deleteKeyAction, {});
  const [confirming, setConfirming] = useState(false);
  const error = [statusState, deleteState].find((s) => s.ok === false)?.message;
  const next = k.status === "Active" ? "Inactive" : "Active";
  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <ConfirmForm
          action={deleteAction}
          className="flex flex-wrap items-center justify-end gap-2"
          verb="Delete"
          busy="Deleting…"
          pending={deletePending}
          subject={k.accessKeyId}
          onCancel={() => setConfirming(false)}
        >
          <input type="hidden" name="accessKeyId" value={k.accessKeyId} />
          <span className="text-red-800">Delete for good? Programs using it stop working.</span>
        </ConfirmForm>
      ) : (
        <div className="flex items-center justify-end gap-1">
          <form action={statusAction}>
            <input type="hidden" name="accessKeyId" value={k.accessKeyId} />
            <input type="hidden" name="status" value={next} />
            <Button type="submit" variant="ghost" disabled={statusPending} aria-label={`${next === "Active" ? "Enable" : "Disable"} ${k.accessKeyId}`}>
              {next === "Active" ? "Enable" : "Disable"}
            </Button>
          </form>
          <Button type="button" variant="ghost" className="text-red-700!" onClick={() => setConfirming(true)} aria-label={`Delete ${k.accessKeyId}`}>
            Delete
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="max-w-sm text-right text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function KeysTable({ keys, showOwner }: { keys: KeyRow[]; showOwner: boolean }) {
  const columns = useMemo(
    () =>
      defineColumns<KeyRow>([
        { id: "accessKeyId", header: "AccessKey ID", className: "font-mono text-xs leading-7", cell: (k) => k.accessKeyId },
        showOwner && {
          id: "owner",
          header: "Owner",
          className: "leading-7",
          cell: (k) => (
            <>
              <span className="font-medium">{k.username}</span> <span className="text-slate-500">· {k.role}</span>
            </>
          ),
        },
        { id: "status", header: "Status", className: "leading-7", cell: (k) => <StatusBadge status={k.status} /> },
        timeColumn({ id: "createdAt", header: "Created", className: "leading-7 whitespace-nowrap text-slate-600", time: (k) => k.createdAt, withSeconds: false }),
        timeColumn({ id: "lastUsedAt", header: "Last used", className: "leading-7 whitespace-nowrap text-slate-600", time: (k) => k.lastUsedAt, withSeconds: false, empty: "never" }),
        { id: "actions", header: ACTIONS_HEADER, bare: true, className: "px-4 py-1", cell: (k) => <KeyActions k={k} /> },
      ]),
    [showOwner],
  );
  return <DataTable look="plain" rowClassName="align-top" columns={columns} data={keys} getRowId={(k) => k.accessKeyId} />;
}
