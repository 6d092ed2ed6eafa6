"use client";

import { useActionState, useMemo } from "react";
import { addIpListEntryAction, removeIpListEntryAction } from "@/lib/actions/insights";
import { Button } from "@/components/ui/button";
import { ACTIONS_HEADER, columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { Field, Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { IpListKind } from "@/lib/insights/ip-lists";

export interface IpListEntryView {
  id: number;
  cidr: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

const COPY: Record<IpListKind, { title: string; text: string; empty: string }> = {
  allow: {
    title: "Allow list",
    text: "Addresses in these blocks never raise an unusual source IP insight (office egress, VPN, CI runners).",
    empty: "No allow-listed addresses.",
  },
  deny: {
    title: "Deny list",
    text: "Every event from these blocks raises a deny-listed source IP insight, whoever made it.",
    empty: "No deny-listed addresses.",
  },
};

const COLUMN = { cidr: "cidr", note: "note", by: "createdBy", added: "createdAt", actions: "actions" } as const;
const column = columnHelperFor<IpListEntryView>();

function EntriesTable({ list, entries, canEdit }: { list: IpListKind; entries: IpListEntryView[]; canEdit: boolean }) {
  const columns = useMemo<DataColumn<IpListEntryView>[]>(
    () => [
      column.accessor("cidr", {
        id: COLUMN.cidr,
        header: "CIDR block",
        meta: { width: "16rem", className: "truncate font-mono text-xs", title: (e: IpListEntryView) => e.cidr },
        cell: (c) => c.getValue(),
      }),
      column.accessor("note", {
        id: COLUMN.note,
        header: "Note",
        meta: { className: "truncate", title: (e: IpListEntryView) => e.note ?? undefined },
        cell: (c) => c.getValue() ?? <span className="text-slate-400">—</span>,
      }),
      column.accessor("createdBy", { id: COLUMN.by, header: "Added by", meta: { width: "8rem", className: "truncate text-slate-600" }, cell: (c) => c.getValue() }),
      column.accessor("createdAt", {
        id: COLUMN.added,
        header: "Added",
        meta: { width: "11rem", className: "whitespace-nowrap text-slate-600" },
        cell: (c) => <LocalTime iso={c.getValue()} withSeconds={false} />,
      }),
      ...(canEdit
        ? [
            column.display({
              id: COLUMN.actions,
              header: ACTIONS_HEADER,
              meta: { width: "6rem", className: "text-right" },
              cell: ({ row: { original: e } }) => (
                <form action={removeIpListEntryAction}>
                  <input type="hidden" name="id" value={e.id} />
                  <Button type="submit" variant="ghost" className="text-red-700!" aria-label={`Remove ${e.cidr} from the ${list} list`}>
                    Remove
                  </Button>
                </form>
              ),
            }),
          ]
        : []),
    ],
    [list, canEdit],
  );
  return <DataTable look="plain" fixed columns={columns} data={entries} getRowId={(e) => String(e.id)} />;
}

export function IpListSection({ list, entries, canEdit }: { list: IpListKind; entries: IpListEntryView[]; canEdit: boolean }) {
  const [state, action, pending] = useActionState(addIpListEntryAction, {});
  const copy = COPY[list];
  const id = (s: string) => `${list}-${s}`;
  return (
    <section aria-labelledby={id("heading")} className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id={id("heading")} className="font-semibold">
          {copy.title}
        </h2>
        <p className="text-slate-500">{copy.text}</p>
      </div>
      {entries.length === 0 ? (
        <p className="px-4 py-6 text-center text-slate-500">{copy.empty}</p>
      ) : (
        <EntriesTable list={list} entries={entries} canEdit={canEdit} />
      )}
      {canEdit && (
        <form action={action} aria-label={`Add to the ${list} list`} className="flex flex-wrap items-start gap-3 border-t border-slate-200 p-4">
          <input type="hidden" name="list" value={list} />
          <Field label="IP address or CIDR block" htmlFor={id("cidr")} error={state.errors?.cidr?.[0]} errorId={id("cidr-error")} className="w-80">
            <Input
              id={id("cidr")}
              name="cidr"
              key={state.ok ? "reset" : state.values?.cidr}
              defaultValue={state.ok ? "" : state.values?.cidr}
              placeholder="203.0.113.0/24 or 2001:db8::/32"
              maxLength={64}
              required
              aria-invalid={!!state.errors?.cidr}
              aria-describedby={id("cidr-error")}
            />
          </Field>
          <Field label="Note (optional)" htmlFor={id("note")} error={state.errors?.note?.[0]} errorId={id("note-error")} className="w-72">
            <Input id={id("note")} name="note" maxLength={200} placeholder="e.g. Hangzhou office" aria-describedby={id("note-error")} />
          </Field>
          <Button type="submit" disabled={pending} className="mt-5">
            {pending ? "Adding…" : `Add to ${list} list`}
          </Button>
        </form>
      )}
      {state.message && (state.ok || !state.errors?.cidr) && (
        <p role={state.ok ? "status" : "alert"} className={`mx-4 mb-4 rounded-md px-3 py-2 ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          {state.message}
        </p>
      )}
    </section>
  );
}
