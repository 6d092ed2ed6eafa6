"use client";

import {
  createColumnHelper,
  createExpandedRowModel,
  rowExpandingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";
import { Fragment } from "react";

/** The features every Trailkeeper table has: rows that expand to a detail panel. */
export const TABLE_FEATURES = tableFeatures({
  rowExpandingFeature,
  expandedRowModel: createExpandedRowModel(),
  columnMeta: {} as { width?: number },
});
export type TableFeaturesT = typeof TABLE_FEATURES;
export const columnHelperFor = <T extends RowData>() => createColumnHelper<TableFeaturesT, T>();
export type DataColumn<T extends RowData> = ColumnDef<TableFeaturesT, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The shared table: columns from the caller, a row id, and an optional detail panel that a row's
 * toggle (a column calling row.getToggleExpandedHandler()) opens beneath it across all columns.
 */
export function DataTable<T extends RowData>({
  columns,
  data,
  getRowId,
  renderDetail,
  caption,
}: {
  columns: DataColumn<T>[];
  data: T[];
  getRowId: (row: T) => string;
  renderDetail?: (row: T) => React.ReactNode;
  caption?: string;
}) {
  const table = useTable({
    features: TABLE_FEATURES,
    columns,
    data,
    getRowId: (row: T) => getRowId(row),
    getRowCanExpand: () => !!renderDetail,
  });
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-collapse text-left">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 text-xs font-medium text-slate-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  className="border-b border-slate-200 px-3 py-2 font-medium"
                  style={{ width: header.column.columnDef.meta?.width ? `${header.column.columnDef.meta.width}px` : undefined }}
                >
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <Fragment key={row.id}>
              <tr className={`border-b border-slate-100 hover:bg-orange-50/40 ${row.getIsExpanded() ? "bg-orange-50/60" : ""}`}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="truncate px-3 py-2 align-middle">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
              {row.getIsExpanded() && renderDetail && (
                <tr className="border-b border-slate-200 bg-slate-50/70">
                  <td colSpan={row.getAllCells().length} className="px-3 py-3">
                    {renderDetail(row.original)}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
