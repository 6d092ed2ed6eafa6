"use client";

import { defineColumns } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { ActionDoc, ErrorDoc } from "@/lib/openapi/reference";

/** An action of the reference with the roles whose keys may call it (rolesOf, lib/openapi/reference.ts). */
export type ActionDocRow = ActionDoc & { roles: readonly string[] };

const ACTION_LOOK = { table: "w-full text-left text-sm", thead: "text-xs text-slate-500", tbody: "divide-y divide-slate-100 align-top", row: "", cell: "px-4 py-3" };
const ERROR_LOOK = { table: "w-full text-left text-sm", tbody: "divide-y divide-slate-100", row: "" };

const ACTION_COLUMNS = defineColumns<ActionDocRow>([
  {
    id: "action",
    header: "Action",
    width: "14rem",
    cell: (a) => (
      <>
        <p className="font-mono font-medium">{a.action}</p>
        <p className="mt-1 text-xs text-slate-500">{a.summary}</p>
        <p className="mt-1 text-xs text-slate-500">Roles: {a.roles.join(", ")}</p>
      </>
    ),
  },
  {
    id: "params",
    header: "Parameters",
    cell: (a) =>
      a.params.length === 0 ? (
        <span className="text-slate-400">None</span>
      ) : (
        <dl className="space-y-1.5">
          {a.params.map((p) => (
            <div key={p.name}>
              <dt className="font-mono text-xs">
                {p.name}
                {p.required && <span className="ml-1 rounded bg-orange-50 px-1 text-[10px] text-orange-700">required</span>}
              </dt>
              <dd className="text-xs text-slate-600">{p.text}</dd>
            </div>
          ))}
        </dl>
      ),
  },
  {
    id: "returns",
    header: "Returns",
    width: "34%",
    className: "text-xs text-slate-600",
    cell: (a) => (
      <>
        <p>{a.returns} Every response has RequestId.</p>
        {a.errors && a.errors.length > 0 && <p className="mt-1.5">Errors: {a.errors.map((e) => e.code).join(", ")}.</p>}
        <p className="mt-1.5 text-slate-500">Example parameters:</p>
        {/* The e2e suite runs the examples from here: the parameters, what later examples take from the answer, and which run last. */}
        <code
          className="mt-0.5 block font-mono text-[11px] break-all text-slate-700"
          data-example={a.action}
          data-saves={(a.example.saves ?? []).join(",")}
          data-last={a.example.last ? "true" : undefined}
        >
          {Object.keys(a.example.params).length ? JSON.stringify(a.example.params) : "(none)"}
        </code>
      </>
    ),
  },
]);

/** One group of actions; each row is the anchor of its action (/docs/api#LookupEvents). */
export function ActionsTable({ actions }: { actions: ActionDocRow[] }) {
  return <DataTable look="plain" fixed classNames={ACTION_LOOK} rowProps={(a) => ({ id: a.action })} columns={ACTION_COLUMNS} data={actions} getRowId={(a) => a.action} />;
}

const ERROR_COLUMNS = defineColumns<ErrorDoc>([
  { id: "code", header: "Code", className: "font-mono text-xs", cell: (e) => e.code },
  { id: "status", header: "HTTP", className: "tabular-nums", cell: (e) => e.status },
  { id: "when", header: "When", className: "text-slate-600", cell: (e) => e.when },
]);

export function ErrorsTable({ errors }: { errors: ErrorDoc[] }) {
  return <DataTable look="plain" classNames={ERROR_LOOK} columns={ERROR_COLUMNS} data={errors} getRowId={(e) => e.code} />;
}
