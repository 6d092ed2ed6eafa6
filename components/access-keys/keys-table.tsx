"use client";

import { useActionState, useMemo, useState } from "react";
import { deleteKeyAction, setKeyStatusAction } from "@/lib/actions/access-keys";
import { Button } from "@/components/ui/button";
import { ACTIONS_HEADER, columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";

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
        <form action={deleteAction} className="flex flex-wrap items-center justify-end gap-2">
          <input type="hidden" name="accessKeyId" value={k.accessKeyId} />
          <span className="text-red-800">Delete for good? Programs using it stop working.</span>
          <Button type="submit" variant="danger" disabled={deletePending} aria-label={`Confirm delete ${k.accessKeyId}`}>
            {deletePending ? "Deleting…" : "Delete"}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
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

const COLUMN = { id: "accessKeyId", owner: "owner", status: "status", created: "createdAt", lastUsed: "lastUsedAt", actions: "actions" } as const;
const column = columnHelperFor<KeyRow>();

export function KeysTable({ keys, showOwner }: { keys: KeyRow[]; showOwner: boolean }) {
  const columns = useMemo<DataColumn<KeyRow>[]>(
    () => [
      column.accessor("accessKeyId", { id: COLUMN.id, header: "AccessKey ID", meta: { className: "font-mono text-xs leading-7" }, cell: (c) => c.getValue() }),
      ...(showOwner
        ? [
            column.accessor("username", {
              id: COLUMN.owner,
              header: "Owner",
              meta: { className: "leading-7" },
              cell: ({ row: { original: k } }) => (
                <>
                  <span className="font-medium">{k.username}</span> <span className="text-slate-500">· {k.role}</span>
                </>
              ),
            }),
          ]
        : []),
      column.accessor("status", { id: COLUMN.status, header: "Status", meta: { className: "leading-7" }, cell: (c) => <StatusBadge status={c.getValue()} /> }),
      column.accessor("createdAt", {
        id: COLUMN.created,
        header: "Created",
        meta: { className: "leading-7 whitespace-nowrap text-slate-600" },
        cell: (c) => <LocalTime iso={c.getValue()} withSeconds={false} />,
      }),
      column.accessor("lastUsedAt", {
        id: COLUMN.lastUsed,
        header: "Last used",
        meta: { className: "leading-7 whitespace-nowrap text-slate-600" },
        cell: (c) => {
          const v = c.getValue();
          return v ? <LocalTime iso={v} withSeconds={false} /> : "never";
        },
      }),
      column.display({ id: COLUMN.actions, header: ACTIONS_HEADER, meta: { bare: true, className: "px-4 py-1" }, cell: ({ row }) => <KeyActions k={row.original} /> }),
    ],
    [showOwner],
  );
  return <DataTable look="plain" rowClassName="align-top" columns={columns} data={keys} getRowId={(k) => k.accessKeyId} />;
}
