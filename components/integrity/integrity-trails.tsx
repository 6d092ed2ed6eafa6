"use client";

import { ShieldCheck } from "lucide-react";
import { useActionState, useMemo } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { PostButton } from "@/components/forms/post-button";
import { defineColumns, linkColumn } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { startVerificationAction } from "@/lib/actions/integrity";

/** What the Integrity page shows of a trail (dates as ISO strings: they cross to the client). */
export interface IntegrityTrailRow {
  name: string;
  bucket: string | null;
  logStore: boolean;
  digests: { destination: "oss" | "logstore"; periodStart: string; periodEnd: string; itemCount: number; keys: string[]; keyId: string; writtenAt: string | null }[];
  /** A job waiting or running. */
  running: { id: number; status: string; phase: string | null; checked: number; total: number; createdBy: string; createdAt: string } | null;
  /** The newest job that ended. */
  result: { id: number; status: string; problemCount: number | null; error: string | null; createdBy: string; finishedAt: string | null; summary: string | null } | null;
}

function DigestCell({ t, every }: { t: IntegrityTrailRow; every: string }) {
  if (!t.digests.length) {
    return <span className="text-xs whitespace-normal text-slate-500">No digest yet: the first is written when the current period ends{every ? ` (${every})` : ""}.</span>;
  }
  return (
    <div className="space-y-2 text-xs whitespace-normal">
      {t.digests.map((d) => (
        <div key={d.destination}>
          <div className="font-medium text-slate-700">
            {d.destination === "oss" ? `Bucket ${t.bucket}` : "Log store"} · {d.itemCount.toLocaleString("en-US")} {d.destination === "oss" ? (d.itemCount === 1 ? "file" : "files") : d.itemCount === 1 ? "row" : "rows"}
          </div>
          <div className="text-slate-600">
            <LocalTime iso={d.periodStart} withSeconds={false} /> – <LocalTime iso={d.periodEnd} withSeconds={false} />
          </div>
          <div className="font-mono break-all text-slate-500" title={d.keys.join("\n")}>
            {d.keys[0]}
            {d.keys.length > 1 && ` (+${d.keys.length - 1} more region${d.keys.length > 2 ? "s" : ""})`}
          </div>
          <div className="text-slate-500">
            key {d.keyId} · {d.writtenAt ? <>written <LocalTime iso={d.writtenAt} /></> : "recorded, not written to the bucket yet"}
          </div>
        </div>
      ))}
    </div>
  );
}

function ProgressCell({ job }: { job: NonNullable<IntegrityTrailRow["running"]> }) {
  const pct = job.total > 0 ? Math.min(100, Math.round((job.checked / job.total) * 100)) : 0;
  const what = job.phase === "logStore" ? "log store rows" : "objects";
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={`Progress of verification ${job.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-44 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-orange-500 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <div className="text-xs text-slate-600 tabular-nums">
        {job.status === "Queued" ? "Queued: the worker starts it within seconds" : job.total > 0 ? `Verifying: ${job.checked.toLocaleString("en-US")} / ${job.total.toLocaleString("en-US")} ${what}` : "Verifying: listing the bucket…"}
      </div>
    </div>
  );
}

function ResultCell({ t }: { t: IntegrityTrailRow }) {
  const r = t.result;
  return (
    <div className="space-y-1.5 text-xs whitespace-normal">
      {t.running && <ProgressCell job={t.running} />}
      {!r ? (
        !t.running && <span className="text-slate-500">Never verified.</span>
      ) : (
        <div>
          {r.status === "Failed" ? (
            <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700 ring-1 ring-slate-300">Could not run</span>
          ) : r.problemCount === 0 ? (
            <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-800 ring-1 ring-emerald-200">OK</span>
          ) : (
            <a href={`#problems-${t.name}`} className="rounded-full bg-red-50 px-2 py-0.5 font-medium text-red-700 ring-1 ring-red-200 hover:underline">
              {r.problemCount} problem{r.problemCount === 1 ? "" : "s"}
            </a>
          )}
          <span className="ml-1.5 text-slate-600">
            {r.finishedAt && <LocalTime iso={r.finishedAt} />} by {r.createdBy}
          </span>
          {(r.error ?? r.summary) && <div className={`mt-1 ${r.error ? "text-red-700" : "text-slate-500"}`}>{r.error ?? r.summary}</div>}
        </div>
      )}
    </div>
  );
}

function VerifyButton({ trailName, busy }: { trailName: string; busy: boolean }) {
  const [state, action, pending] = useActionState(startVerificationAction, {});
  return (
    <div className="flex flex-col items-end gap-1">
      <PostButton action={action} fields={{ trailName }} variant="secondary" pending={pending || busy} pendingLabel={busy ? "Verifying…" : "Starting…"} aria-label={`Verify trail ${trailName} now`}>
        <ShieldCheck className="size-4" aria-hidden /> Verify now
      </PostButton>
      {state.message && !state.ok && <ActionMessage state={state} className="max-w-64 text-xs" />}
    </div>
  );
}

export function IntegrityTrails({ trails, canVerify, digestEvery }: { trails: IntegrityTrailRow[]; canVerify: boolean; digestEvery: string }) {
  const columns = useMemo(
    () =>
      defineColumns<IntegrityTrailRow>([
        linkColumn({ id: "name", header: "Trail", width: 170, text: (t) => t.name, href: (name) => `/trails/${encodeURIComponent(name)}`, linkClassName: "font-medium" }),
        { id: "digest", header: "Latest digest", cell: (t) => <DigestCell t={t} every={digestEvery} /> },
        { id: "verification", header: "Latest verification", width: "34%", cell: (t) => <ResultCell t={t} /> },
        canVerify && { id: "actions", header: ACTIONS_HEADER, width: 150, className: "text-right", cell: (t) => <VerifyButton trailName={t.name} busy={!!t.running} /> },
      ]),
    [canVerify, digestEvery],
  );
  return <DataTable look="plain" rowClassName="align-top" columns={columns} data={trails} getRowId={(t) => t.name} caption="Trails and their integrity" />;
}
