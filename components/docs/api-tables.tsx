"use client";

import { useMemo } from "react";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import type { ActionDoc, ErrorDoc } from "@/lib/openapi/reference";

/** An action of the reference with the roles whose keys may call it (rolesOf, lib/openapi/reference.ts). */
export type ActionDocRow = ActionDoc & { roles: readonly string[] };

const ACTION_LOOK = { table: "w-full text-left text-sm", thead: "text-xs text-slate-500", tbody: "divide-y divide-slate-100 align-top", row: "", cell: "px-4 py-3" };
const ERROR_LOOK = { table: "w-full text-left text-sm", tbody: "divide-y divide-slate-100", row: "" };

const ACTION_COLUMN = { action: "action", params: "params", returns: "returns" } as const;
const actionColumn = columnHelperFor<ActionDocRow>();

/** One group of actions; each row is the anchor of its action (/docs/api#LookupEvents). */
export function ActionsTable({ actions }: { actions: ActionDocRow[] }) {
  const columns = useMemo<DataColumn<ActionDocRow>[]>(
    () => [
      actionColumn.accessor("action", {
        id: ACTION_COLUMN.action,
        header: "Action",
        meta: { width: "14rem" },
        cell: ({ row: { original: a } }) => (
          <>
            <p className="font-mono font-medium">{a.action}</p>
            <p className="mt-1 text-xs text-slate-500">{a.summary}</p>
            <p className="mt-1 text-xs text-slate-500">Roles: {a.roles.join(", ")}</p>
          </>
        ),
      }),
      actionColumn.accessor("params", {
        id: ACTION_COLUMN.params,
        header: "Parameters",
        cell: ({ row: { original: a } }) =>
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
      }),
      actionColumn.accessor("returns", {
        id: ACTION_COLUMN.returns,
        header: "Returns",
        meta: { width: "38%", className: "text-xs text-slate-600" },
        cell: (c) => <>{c.getValue()} Every response has RequestId.</>,
      }),
    ],
    [],
  );
  return <DataTable look="plain" fixed classNames={ACTION_LOOK} rowProps={(a) => ({ id: a.action })} columns={columns} data={actions} getRowId={(a) => a.action} />;
}

const ERROR_COLUMN = { code: "code", status: "status", when: "when" } as const;
const errorColumn = columnHelperFor<ErrorDoc>();

export function ErrorsTable({ errors }: { errors: ErrorDoc[] }) {
  const columns = useMemo<DataColumn<ErrorDoc>[]>(
    () => [
      errorColumn.accessor("code", { id: ERROR_COLUMN.code, header: "Code", meta: { className: "font-mono text-xs" }, cell: (c) => c.getValue() }),
      errorColumn.accessor("status", { id: ERROR_COLUMN.status, header: "HTTP", meta: { className: "tabular-nums" }, cell: (c) => c.getValue() }),
      errorColumn.accessor("when", { id: ERROR_COLUMN.when, header: "When", meta: { className: "text-slate-600" }, cell: (c) => c.getValue() }),
    ],
    [],
  );
  return <DataTable look="plain" classNames={ERROR_LOOK} columns={columns} data={errors} getRowId={(e) => e.code} />;
}
