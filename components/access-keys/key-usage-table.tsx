"use client";

import { useMemo } from "react";
import { EmptyRow } from "@/components/activity/section";
import { clip } from "@/components/activity/usage-table";
import { CellLink, defineColumns, linkColumn, timeColumn } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { AccessKeyUsage } from "@/lib/activity/access-keys";
import { accessKeyHref, userHref } from "@/lib/activity/path-param";
import { eventsUrl } from "@/lib/events/events-url";
import type { EventScope } from "@/lib/events/scope";

/** A link's text clipped to `shown` characters and its tooltip to 2,000: ids and names may be of any length. */
const clipped = (shown: number) => ({ linkTitle: (v: string) => clip(v, 2_000), label: (v: string) => clip(v, shown) });

/**
 * The AccessKeys of the audit: who used each and when. `scope` links each count to those events; without
 * it (events past the 90-day window) counts are plain. `query` keeps the page's region and window on links.
 */
export function KeyUsageTable({ keys, scope, query, empty }: { keys: AccessKeyUsage[]; scope?: EventScope; query: string; empty: string }) {
  const columns = useMemo(
    () =>
      defineColumns<AccessKeyUsage>([
        linkColumn({ id: "accessKeyId", header: "AccessKey ID", width: "18rem", className: "truncate font-mono text-xs", text: (k) => k.accessKeyId, href: (id) => accessKeyHref(id, query), ...clipped(80) }),
        linkColumn({ id: "owner", header: "Owner", className: "truncate [unicode-bidi:isolate]", text: (k) => k.owner, href: (owner) => userHref(owner, query), ...clipped(100) }),
        timeColumn({ id: "firstUsed", header: "First used", width: "11rem", className: "text-slate-600", time: (k) => k.firstUsed }),
        timeColumn({ id: "lastUsed", header: "Last used", width: "11rem", className: "text-slate-600", time: (k) => k.lastUsed }),
        {
          id: "count",
          header: "Events",
          width: "7rem",
          className: "tabular-nums",
          cell: (k) => (scope ? <CellLink href={eventsUrl({ ...scope, accessKeyId: k.accessKeyId })}>{k.count.toLocaleString("en-US")}</CellLink> : k.count.toLocaleString("en-US")),
        },
      ]),
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
