"use client";

import { createContext, useActionState, useCallback, useContext, useMemo, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { addSensitiveActionAction, removeSensitiveActionAction, updateSensitiveActionAction } from "@/lib/actions/sensitive-catalog";
import { Button } from "@/components/ui/button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { defineColumns, linkColumn, NoValue } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";
import { Field, Input } from "@/components/ui/input";
import { eventsUrl } from "@/lib/events/events-url";

export interface CatalogEntry {
  eventName: string;
  reason: string | null;
  createdAt: string;
}

function eventsLink(eventName: string): string {
  return eventsUrl({ region: "all", range: "7d", eventName });
}

function Notice({ state, className = "text-xs" }: { state: ActionResult; className?: string }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`${className} ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}

/** What every row's cells share: which reasons are being edited, and the list's one remove action. */
interface RowControls {
  editing: ReadonlySet<string>;
  setEditing: (eventName: string, on: boolean) => void;
  removeAction: (form: FormData) => void;
  removePending: boolean;
}
const RowControlsContext = createContext<RowControls | null>(null);

function useRowControls(): RowControls {
  const controls = useContext(RowControlsContext);
  if (!controls) throw new Error("catalogue cells render inside the catalogue table");
  return controls;
}

/** An entry's reason, editable in place by admins. */
function ReasonCell({ entry }: { entry: CatalogEntry }) {
  const { editing, setEditing } = useRowControls();
  const name = entry.eventName;
  // A successful save closes the editor; the saved reason arrives with the refreshed list.
  const [editState, editAction, editPending] = useActionState<ActionResult, FormData>(async (prev, form) => {
    const result = await updateSensitiveActionAction(prev, form);
    if (result.ok) setEditing(name, false);
    return result;
  }, {});
  return (
    <>
      {editing.has(name) ? (
        <form action={editAction} className="flex items-start gap-2">
          <input type="hidden" name="eventName" value={name} />
          <Input name="reason" defaultValue={entry.reason ?? ""} maxLength={200} aria-label={`Reason for ${name}`} autoFocus />
          <Button type="submit" disabled={editPending}>
            {editPending ? "Saving…" : "Save"}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setEditing(name, false)}>
            Cancel
          </Button>
        </form>
      ) : (
        (entry.reason ?? <NoValue />)
      )}
      {editState.ok === false && <Notice state={editState} />}
    </>
  );
}

/** Edit and a two-step remove. */
function EntryActions({ entry }: { entry: CatalogEntry }) {
  const { editing, setEditing, removeAction, removePending } = useRowControls();
  const [confirming, setConfirming] = useState(false);
  const name = entry.eventName;
  return confirming ? (
    <ConfirmForm
      action={removeAction}
      className="flex items-center justify-end gap-2"
      verb="Remove"
      busy="Removing…"
      pending={removePending}
      subject={name}
      onCancel={() => setConfirming(false)}
    >
      <input type="hidden" name="eventName" value={name} />
      <span className="text-xs whitespace-nowrap text-red-800">Stored events lose the mark.</span>
    </ConfirmForm>
  ) : (
    <div className="flex justify-end gap-1">
      {!editing.has(name) && (
        <Button type="button" variant="ghost" onClick={() => setEditing(name, true)} aria-label={`Edit reason for ${name}`}>
          Edit
        </Button>
      )}
      <Button type="button" variant="ghost" className="text-red-700!" onClick={() => setConfirming(true)} aria-label={`Remove ${name}`}>
        Remove
      </Button>
    </div>
  );
}

function CatalogTable({ entries, canEdit }: { entries: CatalogEntry[]; canEdit: boolean }) {
  const columns = useMemo(
    () =>
      defineColumns<CatalogEntry>([
        linkColumn({
          id: "eventName",
          header: "Event name",
          width: "16rem",
          className: "leading-7",
          text: (e) => e.eventName,
          href: eventsLink,
          linkTitle: (name) => `Events named ${name} in the last 7 days`,
          linkClassName: "font-mono text-xs",
        }),
        { id: "reason", header: "Reason", className: "leading-7 break-words text-slate-700", cell: (e) => <ReasonCell entry={e} /> },
        canEdit && { id: "actions", header: ACTIONS_HEADER, width: "18rem", bare: true, className: "px-4 py-1 text-right", cell: (e) => <EntryActions entry={e} /> },
      ]),
    [canEdit],
  );
  return <DataTable look="plain" fixed rowClassName="align-top" columns={columns} data={entries} getRowId={(e) => e.eventName} />;
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
      <Notice state={state} className="sm:col-span-3" />
    </form>
  );
}

export function SensitiveCatalog({ entries, canEdit, suggestions }: { entries: CatalogEntry[]; canEdit: boolean; suggestions: string[] }) {
  const [query, setQuery] = useState("");
  // One remove state for the list: the removed row disappears, its outcome stays visible above the table.
  const [removeState, removeAction, removePending] = useActionState(removeSensitiveActionAction, {});
  const [editing, setEditingSet] = useState<ReadonlySet<string>>(new Set());
  const setEditing = useCallback((eventName: string, on: boolean) => {
    setEditingSet((cur) => {
      const next = new Set(cur);
      if (on) next.add(eventName);
      else next.delete(eventName);
      return next;
    });
  }, []);
  const controls = useMemo(() => ({ editing, setEditing, removeAction, removePending }), [editing, setEditing, removeAction, removePending]);
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
        <RowControlsContext.Provider value={controls}>
          <CatalogTable entries={shown} canEdit={canEdit} />
        </RowControlsContext.Provider>
      )}
      {canEdit && <AddForm suggestions={suggestions} />}
    </section>
  );
}
