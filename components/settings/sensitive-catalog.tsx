"use client";

import Link from "next/link";
import { useActionState, useMemo, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { addSensitiveActionAction, removeSensitiveActionAction, updateSensitiveActionAction } from "@/lib/actions/sensitive-catalog";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { TableHead } from "@/components/ui/table-head";

export interface CatalogEntry {
  eventName: string;
  reason: string | null;
  createdAt: string;
}

function eventsLink(eventName: string): string {
  return `/events?${new URLSearchParams({ region: "all", range: "7d", eventName }).toString()}`;
}

function Notice({ state }: { state: ActionResult }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}

/** One entry: its reason (editable in place by admins) and a two-step remove. */
function EntryRow({ entry, canEdit, removeAction, removePending }: { entry: CatalogEntry; canEdit: boolean; removeAction: (form: FormData) => void; removePending: boolean }) {
  const [editing, setEditing] = useState(false);
  // A successful save closes the editor; the saved reason arrives with the refreshed list.
  const [editState, editAction, editPending] = useActionState<ActionResult, FormData>(async (prev, form) => {
    const result = await updateSensitiveActionAction(prev, form);
    if (result.ok) setEditing(false);
    return result;
  }, {});
  const [confirming, setConfirming] = useState(false);
  const name = entry.eventName;
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="px-4 py-2 leading-7">
        <Link href={eventsLink(name)} className="font-mono text-xs text-orange-700 hover:underline" title={`Events named ${name} in the last 7 days`}>
          {name}
        </Link>
      </td>
      <td className="px-4 py-2 leading-7 break-words text-slate-700">
        {editing ? (
          <form action={editAction} className="flex items-start gap-2">
            <input type="hidden" name="eventName" value={name} />
            <Input name="reason" defaultValue={entry.reason ?? ""} maxLength={200} aria-label={`Reason for ${name}`} autoFocus />
            <Button type="submit" disabled={editPending}>
              {editPending ? "Saving…" : "Save"}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          (entry.reason ?? <span className="text-slate-400">—</span>)
        )}
        {editState.ok === false && <Notice state={editState} />}
      </td>
      {canEdit && (
        <td className="px-4 py-1 text-right">
          {confirming ? (
            <form action={removeAction} className="flex items-center justify-end gap-2">
              <input type="hidden" name="eventName" value={name} />
              <span className="text-xs whitespace-nowrap text-red-800">Stored events lose the mark.</span>
              <Button type="submit" variant="danger" disabled={removePending} aria-label={`Confirm remove ${name}`}>
                {removePending ? "Removing…" : "Remove"}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </form>
          ) : (
            <div className="flex justify-end gap-1">
              {!editing && (
                <Button type="button" variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit reason for ${name}`}>
                  Edit
                </Button>
              )}
              <Button type="button" variant="ghost" className="text-red-700!" onClick={() => setConfirming(true)} aria-label={`Remove ${name}`}>
                Remove
              </Button>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}

function AddForm({ suggestions }: { suggestions: string[] }) {
  const [state, action, pending] = useActionState(addSensitiveActionAction, {});
  return (
    <form
      key={state.stamp ?? 0}
      action={action}
      noValidate
      className="grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-[16rem_1fr_auto] sm:items-start"
    >
      <Field label="Event name" htmlFor="sensitive-event-name" error={state.errors?.eventName?.[0]} errorId="sensitive-event-name-error">
        <Input
          id="sensitive-event-name"
          name="eventName"
          list="sensitive-event-suggestions"
          autoComplete="off"
          placeholder="e.g. DeleteDBInstance"
          aria-invalid={!!state.errors?.eventName}
          aria-describedby="sensitive-event-name-error"
        />
        <datalist id="sensitive-event-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </Field>
      <Field label="Reason (optional)" htmlFor="sensitive-reason" error={state.errors?.reason?.[0]} errorId="sensitive-reason-error">
        <Input id="sensitive-reason" name="reason" maxLength={200} placeholder="Why it deserves a look" aria-describedby="sensitive-reason-error" />
      </Field>
      <Button type="submit" disabled={pending} className="sm:mt-5">
        {pending ? "Adding…" : "Add to catalogue"}
      </Button>
      {state.message && (
        <p role={state.ok ? "status" : "alert"} className={`sm:col-span-3 ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}

export function SensitiveCatalog({ entries, canEdit, suggestions }: { entries: CatalogEntry[]; canEdit: boolean; suggestions: string[] }) {
  const [query, setQuery] = useState("");
  // One remove state for the list: the removed row disappears, its outcome stays visible above the table.
  const [removeState, removeAction, removePending] = useActionState(removeSensitiveActionAction, {});
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? entries.filter((e) => e.eventName.toLowerCase().includes(q) || (e.reason ?? "").toLowerCase().includes(q)) : entries;
  }, [entries, query]);
  return (
    <section aria-labelledby="catalog-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="catalog-heading" className="font-semibold">
            Catalogue <span className="font-normal text-slate-500">· {entries.length} event names</span>
          </h2>
          <p className="text-slate-500">
            {canEdit
              ? "Adding or removing a name re-marks the events already stored, and is recorded as an Actiontrail event."
              : "Read only: an administrator edits this list."}
          </p>
        </div>
        <div className="w-64">
          <Input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Filter names and reasons" aria-label="Filter the catalogue" />
        </div>
      </div>
      {removeState.message && (
        <div className="border-b border-slate-200 px-4 py-2">
          <Notice state={removeState} />
        </div>
      )}
      {shown.length === 0 ? (
        <p className="px-4 py-8 text-center text-slate-500">{entries.length === 0 ? "The catalogue is empty: only the rules above mark events sensitive." : "No entry matches this filter."}</p>
      ) : (
        <table className="w-full table-fixed text-left">
          <colgroup>
            <col className="w-64" />
            <col />
            {canEdit && <col className="w-72" />}
          </colgroup>
          <TableHead columns={["Event name", "Reason", ...(canEdit ? [""] : [])]} />
          <tbody>
            {shown.map((e) => (
              <EntryRow key={e.eventName} entry={e} canEdit={canEdit} removeAction={removeAction} removePending={removePending} />
            ))}
          </tbody>
        </table>
      )}
      {canEdit && <AddForm suggestions={suggestions} />}
    </section>
  );
}
