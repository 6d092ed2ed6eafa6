"use client";

import { useActionState, useState } from "react";
import { deleteKeyAction, setKeyStatusAction } from "@/lib/actions/access-keys";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";

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

export function KeysTable({ keys, showOwner }: { keys: KeyRow[]; showOwner: boolean }) {
  const columns = ["AccessKey ID", ...(showOwner ? ["Owner"] : []), "Status", "Created", "Last used", ""];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left">
        <TableHead columns={columns} />
        <tbody>
          {keys.map((k) => (
            <tr key={k.accessKeyId} className="border-t border-slate-100 align-top">
              <td className="px-4 py-2 font-mono text-xs leading-7">{k.accessKeyId}</td>
              {showOwner && (
                <td className="px-4 py-2 leading-7">
                  <span className="font-medium">{k.username}</span> <span className="text-slate-500">· {k.role}</span>
                </td>
              )}
              <td className="px-4 py-2 leading-7">
                <StatusBadge status={k.status} />
              </td>
              <td className="px-4 py-2 leading-7 whitespace-nowrap text-slate-600">
                <LocalTime iso={k.createdAt} withSeconds={false} />
              </td>
              <td className="px-4 py-2 leading-7 whitespace-nowrap text-slate-600">
                {k.lastUsedAt ? <LocalTime iso={k.lastUsedAt} withSeconds={false} /> : "never"}
              </td>
              <td className="px-4 py-1">
                <KeyActions k={k} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
