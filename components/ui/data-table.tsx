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

/**
 * What a column may say about its cells besides their content. `className` and `title` may depend on
 * the row (they receive the row's data); `bare` cells get only their own className, not the table's
 * cell padding.
 */
export interface DataColumnMeta {
  /** Pixels, or any CSS length ("11rem", "38%"). */
  width?: number | string;
  headerClassName?: string;
  className?: string | ((row: any) => string); // eslint-disable-line @typescript-eslint/no-explicit-any
  title?: (row: any) => string | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  bare?: boolean;
}

/** The features every Trailkeeper table has: rows that expand to a detail panel. */
export const TABLE_FEATURES = tableFeatures({
  rowExpandingFeature,
  expandedRowModel: createExpandedRowModel(),
  columnMeta: {} as DataColumnMeta,
});
export type TableFeaturesT = typeof TABLE_FEATURES;
/** Only defineColumns (./columns.tsx) builds columns with this: tables declare columns with defineColumns. */
export const columnHelperFor = <T extends RowData>() => createColumnHelper<TableFeaturesT, T>();
export type DataColumn<T extends RowData> = ColumnDef<TableFeaturesT, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The class names of a table's parts. */
export interface TableLook {
  table: string;
  thead: string;
  th: string;
  tbody: string;
  row: string;
  expandedRow: string;
  cell: string;
  detailRow: string;
  detailCell: string;
}

/**
 * - grid: the event lists (Event Detail Query, timelines, trails): fixed columns, truncated cells.
 * - plain: the short lists of the console's cards (keys, users, rules, deliveries…): rows split by a rule.
 */
export const TABLE_LOOKS = {
  grid: {
    table: "w-full table-fixed border-collapse text-left",
    thead: "bg-slate-50 text-xs font-medium text-slate-500",
    th: "border-b border-slate-200 px-3 py-2 font-medium",
    tbody: "",
    row: "border-b border-slate-100 hover:bg-orange-50/40",
    expandedRow: "bg-orange-50/60",
    cell: "truncate px-3 py-2 align-middle",
    detailRow: "border-b border-slate-200 bg-slate-50/70",
    detailCell: "px-3 py-3",
  },
  plain: {
    table: "w-full text-left",
    thead: "bg-slate-50 text-xs text-slate-500",
    th: "px-4 py-2 font-medium",
    tbody: "",
    row: "border-t border-slate-100",
    expandedRow: "",
    cell: "px-4 py-2",
    detailRow: "border-t border-slate-100 bg-slate-50/60",
    detailCell: "px-4 py-3",
  },
} as const satisfies Record<string, TableLook>;

/** The header of an unlabelled column (row actions, a row's toggle): named for screen readers only. */
export const ACTIONS_HEADER = () => <span className="sr-only">Actions</span>;

const cx = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ");

/**
 * The shared table: columns from the caller (most tables declare them as rows: defineColumns in
 * ./columns.tsx), a row id, and an optional detail panel that a row's toggle (expandColumn, or a column
 * calling row.getToggleExpandedHandler()) opens beneath it across all columns.
 * `expandedRowId` hands the choice of the open row to the caller instead (one open at a time).
 */
export function DataTable<T extends RowData>({
  columns,
  data,
  getRowId,
  renderDetail,
  expandedRowId,
  caption,
  look = "grid",
  classNames,
  fixed = false,
  rowClassName,
  rowProps,
}: {
  columns: DataColumn<T>[];
  data: T[];
  getRowId: (row: T, index: number) => string;
  renderDetail?: (row: T) => React.ReactNode;
  expandedRowId?: string | null;
  caption?: string;
  look?: keyof typeof TABLE_LOOKS;
  /** Parts of the look replaced for this table. */
  classNames?: Partial<TableLook>;
  /** Columns as wide as their widths say, whatever the content (table-layout: fixed). */
  fixed?: boolean;
  /** Added to every row's class. */
  rowClassName?: string;
  /** Attributes of a row's element (an anchor id, a test id). */
  rowProps?: (row: T) => { id?: string; "data-testid"?: string };
}) {
  const css: TableLook = { ...TABLE_LOOKS[look], ...classNames };
  const table = useTable({
    features: TABLE_FEATURES,
    columns,
    data,
    getRowId: (row: T, index: number) => getRowId(row, index),
    getRowCanExpand: () => !!renderDetail,
    ...(expandedRowId !== undefined ? { state: { expanded: expandedRowId === null ? {} : { [expandedRowId]: true } } } : {}),
  });
  return (
    <div className="overflow-x-auto">
      <table className={cx(css.table, fixed && "table-fixed")}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={css.thead}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                const width = meta?.width;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cx(css.th, meta?.headerClassName)}
                    style={{ width: typeof width === "number" ? `${width}px` : width }}
                  >
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className={css.tbody || undefined}>
          {table.getRowModel().rows.map((row) => (
            <Fragment key={row.id}>
              <tr className={cx(css.row, rowClassName, row.getIsExpanded() && css.expandedRow)} {...rowProps?.(row.original)}>
                {row.getAllCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  const own = typeof meta?.className === "function" ? meta.className(row.original) : meta?.className;
                  return (
                    <td key={cell.id} className={cx(!meta?.bare && css.cell, own)} title={meta?.title?.(row.original)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  );
                })}
              </tr>
              {row.getIsExpanded() && renderDetail && (
                <tr className={css.detailRow}>
                  <td colSpan={row.getAllCells().length} className={css.detailCell}>
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
