"use client";

import type { RowData } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { columnHelperFor, type DataColumn } from "./data-table";
import { ExpandToggle } from "./expand-toggle";
import { LocalTime, LocalZone } from "./local-time";

/** What a cell may do to its row besides showing it: open or close the row's detail panel. */
export interface CellRow {
  expanded: boolean;
  toggleExpanded: () => void;
}

/**
 * One column of a DataTable as a row of data: its id, header, width and classes (DataColumnMeta) and a
 * cell that renders from the row. `defineColumns` turns a list of them into TanStack column definitions;
 * the builders below (timeColumn, linkColumn, expandColumn) return one for the cells every table repeats.
 */
export interface ColumnSpec<T> {
  id: string;
  header: string | (() => ReactNode);
  cell: (row: T, tools: CellRow) => ReactNode;
  /** Pixels, or any CSS length ("11rem", "38%"). */
  width?: number | string;
  headerClassName?: string;
  className?: string | ((row: T) => string);
  title?: (row: T) => string | undefined;
  /** The cell gets only its own className, not the table's cell padding. */
  bare?: boolean;
}

/** A column list; `false` stands for a column left out (one only editors see, say). */
export function defineColumns<T extends RowData>(specs: readonly (ColumnSpec<T> | false)[]): DataColumn<T>[] {
  const column = columnHelperFor<T>();
  return specs
    .filter((spec): spec is ColumnSpec<T> => spec !== false)
    .map(({ id, header, cell, ...meta }) =>
      column.display({
        id,
        header,
        meta,
        cell: ({ row }) => cell(row.original, { expanded: row.getIsExpanded(), toggleExpanded: row.getToggleExpandedHandler() }),
      }),
    );
}

/** An empty cell. */
export const NoValue = () => <span className="text-slate-400">—</span>;

/** A link in a cell: the console's orange link, after the caller's own classes (font, size, truncation). */
export function CellLink({ href, title, className, children }: { href: string; title?: string; className?: string; children: ReactNode }) {
  return (
    <Link href={href} className={className ? `${className} text-orange-700 hover:underline` : "text-orange-700 hover:underline"} title={title}>
      {children}
    </Link>
  );
}

type Spec<T> = Omit<ColumnSpec<T>, "cell">;

/**
 * A column of links named by one text of the row; a row without the text shows a dash. The link's
 * tooltip is the text unless `linkTitle` says otherwise (false: none); `label` shortens what is shown.
 */
export function linkColumn<T>({
  text,
  href,
  linkTitle = (v) => v,
  linkClassName,
  label = (v) => v,
  ...spec
}: Spec<T> & {
  text: (row: T) => string | null;
  href: (text: string, row: T) => string;
  linkTitle?: false | ((text: string) => string);
  linkClassName?: string;
  label?: (text: string) => ReactNode;
}): ColumnSpec<T> {
  return {
    ...spec,
    cell: (row) => {
      const v = text(row);
      if (!v) return <NoValue />;
      return (
        <CellLink href={href(v, row)} className={linkClassName} title={linkTitle ? linkTitle(v) : undefined}>
          {label(v)}
        </CellLink>
      );
    },
  };
}

/** A column of instants in the viewer's time zone; `empty` stands in a row without one. */
export function timeColumn<T>({
  time,
  withSeconds,
  empty = <NoValue />,
  ...spec
}: Spec<T> & { time: (row: T) => string | Date | null; withSeconds?: boolean; empty?: ReactNode }): ColumnSpec<T> {
  return {
    ...spec,
    cell: (row) => {
      const v = time(row);
      return v ? <LocalTime iso={typeof v === "string" ? v : v.toISOString()} withSeconds={withSeconds} /> : empty;
    },
  };
}

/** The event lists' time column: the header names the viewer's zone, the cell the event's instant. */
export function zonedTimeColumn<T>(id: string, label: string, time: (row: T) => string): ColumnSpec<T> {
  return {
    id,
    width: 190,
    header: () => (
      <span>
        {`${label} `}
        <span className="font-normal text-slate-400">
          (<LocalZone />)
        </span>
      </span>
    ),
    cell: (row) => <LocalTime iso={time(row)} />,
  };
}

/** The chevron column that opens a row's detail panel; `label` names the row for screen readers. */
export function expandColumn<T>(label: (row: T) => string, id = "toggle"): ColumnSpec<T> {
  return {
    id,
    width: 44,
    header: () => <span className="sr-only">Details</span>,
    cell: (row, { expanded, toggleExpanded }) => <ExpandToggle expanded={expanded} onToggle={toggleExpanded} label={label(row)} />,
  };
}
