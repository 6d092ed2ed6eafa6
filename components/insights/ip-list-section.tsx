"use client";

import { useActionState, useMemo } from "react";
import { addIpListEntryAction, removeIpListEntryAction } from "@/lib/actions/insights";
import { EmptyRow } from "@/components/activity/section";
import { ActionMessage } from "@/components/forms/action-message";
import { TextField } from "@/components/forms/form-field";
import { PostButton } from "@/components/forms/post-button";
import { Button } from "@/components/ui/button";
import { defineColumns, NoValue, timeColumn } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";
import { Panel } from "@/components/ui/panel";
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

function EntriesTable({ list, entries, canEdit }: { list: IpListKind; entries: IpListEntryView[]; canEdit: boolean }) {
  const columns = useMemo(
    () =>
      defineColumns<IpListEntryView>([
        { id: "cidr", header: "CIDR block", width: "16rem", className: "truncate font-mono text-xs", title: (e) => e.cidr, cell: (e) => e.cidr },
        { id: "note", header: "Note", className: "truncate", title: (e) => e.note ?? undefined, cell: (e) => e.note ?? <NoValue /> },
        { id: "createdBy", header: "Added by", width: "8rem", className: "truncate text-slate-600", cell: (e) => e.createdBy },
        timeColumn({ id: "createdAt", header: "Added", width: "11rem", className: "whitespace-nowrap text-slate-600", time: (e) => e.createdAt, withSeconds: false }),
        canEdit && {
          id: "actions",
          header: ACTIONS_HEADER,
          width: "6rem",
          className: "text-right",
          cell: (e) => (
            <PostButton action={removeIpListEntryAction} fields={{ id: e.id }} variant="ghost" className="text-red-700!" aria-label={`Remove ${e.cidr} from the ${list} list`}>
              Remove
            </PostButton>
          ),
        },
      ]),
    [list, canEdit],
  );
  return <DataTable look="plain" fixed columns={columns} data={entries} getRowId={(e) => String(e.id)} />;
}

export function IpListSection({ list, entries, canEdit }: { list: IpListKind; entries: IpListEntryView[]; canEdit: boolean }) {
  const [state, action, pending] = useActionState(addIpListEntryAction, {});
  const copy = COPY[list];
  const id = (s: string) => `${list}-${s}`;
  return (
    <Panel id={list} title={copy.title} description={copy.text}>
      {entries.length === 0 ? <EmptyRow>{copy.empty}</EmptyRow> : <EntriesTable list={list} entries={entries} canEdit={canEdit} />}
      {canEdit && (
        <form action={action} aria-label={`Add to the ${list} list`} className="flex flex-wrap items-start gap-3 border-t border-slate-200 p-4">
          <input type="hidden" name="list" value={list} />
          <TextField
            label="IP address or CIDR block"
            id={id("cidr")}
            error={state.errors?.cidr?.[0]}
            className="w-80"
            name="cidr"
            key={state.ok ? "reset" : state.values?.cidr}
            defaultValue={state.ok ? "" : state.values?.cidr}
            placeholder="203.0.113.0/24 or 2001:db8::/32"
            maxLength={64}
            required
          />
          <TextField label="Note (optional)" id={id("note")} error={state.errors?.note?.[0]} className="w-72" name="note" maxLength={200} placeholder="e.g. Hangzhou office" />
          <Button type="submit" disabled={pending} className="mt-5">
            {pending ? "Adding…" : `Add to ${list} list`}
          </Button>
        </form>
      )}
      {(state.ok || !state.errors?.cidr) && <ActionMessage state={state} className="mx-4 mb-4" />}
    </Panel>
  );
}
