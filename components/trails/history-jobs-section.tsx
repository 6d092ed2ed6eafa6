"use client";

import { useActionState } from "react";
import { cancelHistoryJobAction, createHistoryJobAction, deleteHistoryJobAction } from "@/lib/actions/history-jobs";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { TableHead } from "@/components/ui/table-head";
import { LocalTime } from "@/components/ui/local-time";
import { JobStatusBadge } from "./trail-badges";

export interface JobRow {
  id: number;
  status: string;
  totalEvents: number;
  deliveredEvents: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

function Progress({ job }: { job: JobRow }) {
  const pct = job.totalEvents > 0 ? Math.min(100, Math.round((job.deliveredEvents / job.totalEvents) * 100)) : job.status === "Finished" ? 100 : 0;
  const color = job.status === "Failed" ? "bg-red-500" : job.status === "Cancelled" ? "bg-slate-400" : job.status === "Finished" ? "bg-emerald-500" : "bg-orange-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={`Progress of history job ${job.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-40 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${color} transition-[width]`} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs text-slate-600 tabular-nums">
        {job.totalEvents > 0 ? `${job.deliveredEvents.toLocaleString("en-US")} / ${job.totalEvents.toLocaleString("en-US")}` : job.status === "Running" ? "counting events…" : `${job.deliveredEvents.toLocaleString("en-US")} events`}
      </span>
    </div>
  );
}

function RowAction({ job, trailName, kind }: { job: JobRow; trailName: string; kind: "cancel" | "delete" }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(kind === "cancel" ? cancelHistoryJobAction : deleteHistoryJobAction, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="id" value={job.id} />
      <input type="hidden" name="trailName" value={trailName} />
      <Button type="submit" variant="ghost" className="py-1 text-xs text-red-700!" disabled={pending} aria-label={`${kind === "cancel" ? "Cancel" : "Delete"} history job ${job.id}`}>
        {kind === "cancel" ? "Cancel" : "Delete"}
      </Button>
      {state.message && !state.ok && <span className="text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

export function HistoryJobsSection({ trailName, jobs, canManage }: { trailName: string; jobs: JobRow[]; canManage: boolean }) {
  const [state, action, pending] = useActionState(createHistoryJobAction, {});
  return (
    <section aria-labelledby="jobs-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="jobs-heading" className="font-semibold">
            History delivery jobs
          </h2>
          <p className="text-slate-500">Deliver the matching events of the last 90 days to this trail once. One job runs at a time.</p>
        </div>
        {canManage && (
          <form action={action}>
            <input type="hidden" name="trailName" value={trailName} />
            <Button type="submit" variant="secondary" disabled={pending}>
              {pending ? "Starting…" : "Deliver last 90 days"}
            </Button>
          </form>
        )}
      </div>
      {state.message && (
        <p role={state.ok ? "status" : "alert"} className={`mx-4 mt-3 rounded-md px-3 py-2 ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          {state.message}
        </p>
      )}
      {jobs.length === 0 ? (
        <p className="px-4 py-6 text-center text-slate-500">No history jobs for this trail.</p>
      ) : (
        <table className="w-full text-left">
          <TableHead columns={["Job", "Status", "Progress", "Created", "Result", ...(canManage ? [""] : [])]} />
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} className="border-t border-slate-100 align-middle">
                <td className="px-4 py-2 font-mono text-xs">#{j.id}</td>
                <td className="px-4 py-2">
                  <JobStatusBadge status={j.status} />
                </td>
                <td className="px-4 py-2">
                  <Progress job={j} />
                </td>
                <td className="px-4 py-2 text-slate-600">
                  <LocalTime iso={j.createdAt} withSeconds={false} /> <span className="text-xs">by {j.createdBy}</span>
                </td>
                <td className={`px-4 py-2 text-xs ${j.error ? "text-red-700" : "text-slate-600"}`}>
                  {j.error ?? (j.finishedAt ? <>ended <LocalTime iso={j.finishedAt} withSeconds={false} /></> : "—")}
                </td>
                {canManage && (
                  <td className="px-4 py-2 text-right">
                    <RowAction key={`${j.id}-${j.status}`} job={j} trailName={trailName} kind={j.status === "Running" ? "cancel" : "delete"} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
