"use client";

import { useActionState } from "react";
import { addIpListEntryAction, removeIpListEntryAction } from "@/lib/actions/insights";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table-head";
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
        <table className="w-full table-fixed text-left">
          <colgroup>
            <col className="w-64" />
            <col />
            <col className="w-32" />
            <col className="w-44" />
            {canEdit && <col className="w-24" />}
          </colgroup>
          <TableHead columns={["CIDR block", "Note", "Added by", "Added", ...(canEdit ? [""] : [])]} />
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-100">
                <td className="truncate px-4 py-2 font-mono text-xs" title={e.cidr}>
                  {e.cidr}
                </td>
                <td className="truncate px-4 py-2" title={e.note ?? undefined}>
                  {e.note ?? <span className="text-slate-400">—</span>}
                </td>
                <td className="truncate px-4 py-2 text-slate-600">{e.createdBy}</td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                  <LocalTime iso={e.createdAt} withSeconds={false} />
                </td>
                {canEdit && (
                  <td className="px-4 py-2 text-right">
                    <form action={removeIpListEntryAction}>
                      <input type="hidden" name="id" value={e.id} />
                      <Button type="submit" variant="ghost" className="text-red-700!" aria-label={`Remove ${e.cidr} from the ${list} list`}>
                        Remove
                      </Button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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
