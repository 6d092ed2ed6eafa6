"use client";

import Link from "next/link";
import { useMemo } from "react";
import { EmptyRow } from "@/components/activity/section";
import { clip } from "@/components/activity/usage-table";
import { columnHelperFor, DataTable, type DataColumn } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import type { AccessKeyUsage } from "@/lib/activity/access-keys";
import { accessKeyHref, userHref } from "@/lib/activity/path-param";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";

const COLUMN = { id: "accessKeyId", owner: "owner", first: "firstUsed", last: "lastUsed", count: "count" } as const;
const column = columnHelperFor<AccessKeyUsage>();

/**
 * The AccessKeys of the audit: who used each and when. `scope` links each count to those events; without
 * it (events past the 90-day window) counts are plain. `query` keeps the page's region and window on links.
 */
export function KeyUsageTable({ keys, scope, query, empty }: { keys: AccessKeyUsage[]; scope?: EventScope; query: string; empty: string }) {
  const columns = useMemo<DataColumn<AccessKeyUsage>[]>(
    () => [
      column.accessor("accessKeyId", {
        id: COLUMN.id,
        header: "AccessKey ID",
        meta: { width: "18rem", className: "truncate font-mono text-xs" },
        cell: (c) => (
          <Link href={accessKeyHref(c.getValue(), query)} className="text-orange-700 hover:underline" title={clip(c.getValue(), 2_000)}>
            {clip(c.getValue(), 80)}
          </Link>
        ),
      }),
      column.accessor("owner", {
        id: COLUMN.owner,
        header: "Owner",
        meta: { className: "truncate [unicode-bidi:isolate]" },
        cell: (c) => {
          const owner = c.getValue();
          return owner ? (
            <Link href={userHref(owner, query)} className="text-orange-700 hover:underline" title={clip(owner, 2_000)}>
              {clip(owner, 100)}
            </Link>
          ) : (
            <span className="text-slate-400">—</span>
          );
        },
      }),
      column.accessor("firstUsed", { id: COLUMN.first, header: "First used", meta: { width: "11rem", className: "text-slate-600" }, cell: (c) => <LocalTime iso={c.getValue()} /> }),
      column.accessor("lastUsed", { id: COLUMN.last, header: "Last used", meta: { width: "11rem", className: "text-slate-600" }, cell: (c) => <LocalTime iso={c.getValue()} /> }),
      column.accessor("count", {
        id: COLUMN.count,
        header: "Events",
        meta: { width: "7rem", className: "tabular-nums" },
        cell: ({ row: { original: k } }) =>
          scope ? (
            <Link href={eventsUrl({ ...scope, accessKeyId: k.accessKeyId })} className="text-orange-700 hover:underline">
              {k.count.toLocaleString("en-US")}
            </Link>
          ) : (
            k.count.toLocaleString("en-US")
          ),
      }),
    ],
    [scope, query],
  );
  if (keys.length === 0) return <EmptyRow>{empty}</EmptyRow>;
  return (
    <DataTable
      look="plain"
      fixed
      classNames={{ cell: "px-4 py-1.5" }}
      rowClassName="hover:bg-orange-50/40"
      columns={columns}
      data={keys}
      getRowId={(k) => k.accessKeyId}
    />
  );
}
