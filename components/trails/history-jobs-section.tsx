"use client";

import { useActionState, useMemo } from "react";
import { cancelHistoryJobAction, createHistoryJobAction, deleteHistoryJobAction } from "@/lib/actions/history-jobs";
import { EmptyRow } from "@/components/activity/section";
import { ActionMessage } from "@/components/forms/action-message";
import { PostButton } from "@/components/forms/post-button";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { defineColumns } from "@/components/ui/columns";
import { ACTIONS_HEADER, DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
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

function JobsTable({ trailName, jobs, canManage }: { trailName: string; jobs: JobRow[]; canManage: boolean }) {
  const columns = useMemo(
    () =>
      defineColumns<JobRow>([
        { id: "id", header: "Job", className: "font-mono text-xs", cell: (j) => `#${j.id}` },
        { id: "status", header: "Status", cell: (j) => <JobStatusBadge status={j.status} /> },
        { id: "progress", header: "Progress", cell: (j) => <Progress job={j} /> },
        {
          id: "createdAt",
          header: "Created",
          className: "text-slate-600",
          cell: (j) => (
            <>
              <LocalTime iso={j.createdAt} withSeconds={false} /> <span className="text-xs">by {j.createdBy}</span>
            </>
          ),
        },
        {
          id: "result",
          header: "Result",
          className: (j) => `text-xs ${j.error ? "text-red-700" : "text-slate-600"}`,
          cell: (j) => j.error ?? (j.finishedAt ? <>ended <LocalTime iso={j.finishedAt} withSeconds={false} /></> : "—"),
        },
        canManage && {
          id: "actions",
          header: ACTIONS_HEADER,
          className: "text-right",
          cell: (j) => <RowAction key={`${j.id}-${j.status}`} job={j} trailName={trailName} kind={j.status === "Running" ? "cancel" : "delete"} />,
        },
      ]),
    [trailName, canManage],
  );
  return <DataTable look="plain" rowClassName="align-middle" columns={columns} data={jobs} getRowId={(j) => String(j.id)} />;
}

export function HistoryJobsSection({ trailName, jobs, canManage }: { trailName: string; jobs: JobRow[]; canManage: boolean }) {
  const [state, action, pending] = useActionState(createHistoryJobAction, {});
  return (
    <Panel
      id="jobs"
      title="History delivery jobs"
      description="Deliver the matching events of the last 90 days to this trail once. One job runs at a time."
      actions={
        canManage && (
          <PostButton action={action} fields={{ trailName }} variant="secondary" pending={pending} pendingLabel="Starting…">
            Deliver last 90 days
          </PostButton>
        )
      }
    >
      <ActionMessage state={state} className="mx-4 mt-3" />
      {jobs.length === 0 ? <EmptyRow>No history jobs for this trail.</EmptyRow> : <JobsTable trailName={trailName} jobs={jobs} canManage={canManage} />}
    </Panel>
  );
}
