"use client";

import { defineColumns, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";

/** A digest signing key as the Integrity page lists it (dates as ISO strings). */
export interface SigningKeyRow {
  id: string;
  algorithm: string;
  createdAt: string;
  retiredAt: string | null;
}

const COLUMNS = defineColumns<SigningKeyRow>([
  { id: "id", header: "Key ID", width: 220, className: "font-mono text-xs", cell: (k) => k.id },
  { id: "algorithm", header: "Algorithm", width: 120, cell: (k) => k.algorithm },
  timeColumn({ id: "createdAt", header: "Created", time: (k) => k.createdAt }),
  {
    id: "retiredAt",
    header: "Retired",
    cell: (k) =>
      k.retiredAt ? (
        <span className="text-slate-600">
          <LocalTime iso={k.retiredAt} />
        </span>
      ) : (
        <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">Current</span>
      ),
  },
]);

export function SigningKeysTable({ keys }: { keys: SigningKeyRow[] }) {
  return <DataTable look="plain" columns={COLUMNS} data={keys} getRowId={(k) => k.id} caption="Digest signing keys" />;
}
