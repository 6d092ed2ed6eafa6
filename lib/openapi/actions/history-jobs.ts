// Delivery history job actions of the compatible API, on lib/trails/history-jobs (one job at a time,
// progress kept by the delivery worker). JobStatus uses ActionTrail's numbers: 0 initializing,
// 1 delivering, 2 complete, 3 failed (a job cancelled in the console also reads 3, with ErrorMessage).
import { homeRegion } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { countHistoryJobs, createHistoryJob, deleteHistoryJob, getHistoryJob, listHistoryJobs, type HistoryJob } from "@/lib/trails/history-jobs";
import { historyJobNotFound, invalidParameter, trailNotFound } from "../errors";
import { isoSeconds, optionalInteger, required, type Params } from "../params";
import { CAN } from "@/lib/auth/roles";
import { EXAMPLE_TRAIL, read, write, type ActionContext, type ActionTable } from "./define";

const JOB_STATUS: Record<string, number> = { Running: 1, Finished: 2, Failed: 3, Cancelled: 3 };

function jobId(p: Params): number {
  const raw = required(p, "JobId");
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw invalidParameter("JobId", "JobId is a positive integer.");
  return id;
}

async function homeRegions(jobs: HistoryJob[]): Promise<Map<string, string>> {
  const names = [...new Set(jobs.map((j) => j.trailName))];
  const trails = await prisma.trail.findMany({ where: { name: { in: names } }, select: { name: true, homeRegion: true } });
  return new Map(trails.map((t) => [t.name, t.homeRegion]));
}

function jobFields(j: HistoryJob, region: string) {
  const status = j.status === "Running" && j.deliveredEvents === 0 ? 0 : (JOB_STATUS[j.status] ?? 3);
  return {
    JobId: j.id,
    TrailName: j.trailName,
    JobStatus: status,
    HomeRegion: region,
    CreatedTime: isoSeconds(j.createdAt),
    UpdatedTime: isoSeconds(j.finishedAt ?? j.createdAt),
    StartTime: isoSeconds(j.createdAt),
    EndTime: isoSeconds(j.finishedAt),
  };
}

export async function createDeliveryHistoryJobAction(p: Params, ctx: ActionContext) {
  const trailName = required(p, "TrailName");
  if (!(await prisma.trail.findUnique({ where: { name: trailName }, select: { name: true } }))) throw trailNotFound(trailName);
  const job = await createHistoryJob(trailName, { actor: ctx.actor, now: ctx.now });
  return { JobId: job.id };
}

export async function getDeliveryHistoryJobAction(p: Params) {
  const id = jobId(p);
  const job = await getHistoryJob(id);
  if (!job) throw historyJobNotFound(String(id));
  const region = (await homeRegions([job])).get(job.trailName) ?? homeRegion();
  const fields = jobFields(job, region);
  return {
    ...fields,
    Status: [{ Region: region, Status: fields.JobStatus }],
    // Trailkeeper's own detail: how far the job has come and why it ended.
    TotalEvents: job.totalEvents,
    DeliveredEvents: job.deliveredEvents,
    ErrorMessage: job.error ?? "",
  };
}

export async function listDeliveryHistoryJobsAction(p: Params) {
  const pageNumber = optionalInteger(p, "PageNumber", 1, 1_000_000) ?? 1;
  const pageSize = optionalInteger(p, "PageSize", 1, 100) ?? 20;
  const [jobs, total] = await Promise.all([listHistoryJobs({ take: pageSize, skip: (pageNumber - 1) * pageSize }), countHistoryJobs()]);
  const regions = await homeRegions(jobs);
  return {
    DeliveryHistoryJobs: jobs.map((j) => jobFields(j, regions.get(j.trailName) ?? homeRegion())),
    TotalCount: total,
    PageNumber: pageNumber,
    PageSize: pageSize,
  };
}

export async function deleteDeliveryHistoryJobAction(p: Params, ctx: ActionContext) {
  const id = jobId(p);
  if (!(await getHistoryJob(id))) throw historyJobNotFound(String(id));
  await deleteHistoryJob(id, { actor: ctx.actor });
  return {};
}

const JOB_NOT_FOUND = { code: "DeliveryHistoryJobNotFoundException", status: 404, when: "No job of that JobId." };
const JOB_ID = { name: "JobId", required: true, text: "From CreateDeliveryHistoryJob." };

export const HISTORY_JOB_ACTIONS: ActionTable = {
  CreateDeliveryHistoryJob: write(createDeliveryHistoryJobAction, {
    group: "Delivery history jobs",
    summary: "Delivers the last 90 days of a trail's matching events once. One job at a time.",
    params: [{ name: "TrailName", required: true, text: "The trail." }, { name: "ClientToken", text: "Accepted and ignored." }],
    returns: "JobId.",
    errors: [
      { code: "TrailNotFoundException", status: 404, when: "No trail of that name." },
      { code: "DeliveryHistoryJobRunningException", status: 400, when: "A delivery history job is already running." },
    ],
    example: { params: { TrailName: EXAMPLE_TRAIL }, saves: ["JobId"] },
  }),
  GetDeliveryHistoryJob: read(CAN.readTrails, getDeliveryHistoryJobAction, {
    group: "Delivery history jobs",
    summary: "One job, with its progress.",
    params: [JOB_ID],
    returns:
      "JobId, TrailName, JobStatus (0 initializing, 1 delivering, 2 complete, 3 failed or cancelled), HomeRegion, CreatedTime, UpdatedTime, StartTime, EndTime, Status, TotalEvents, DeliveredEvents, ErrorMessage.",
    errors: [JOB_NOT_FOUND],
    example: { params: { JobId: "${JobId}" } },
  }),
  ListDeliveryHistoryJobs: read(CAN.readTrails, listDeliveryHistoryJobsAction, {
    group: "Delivery history jobs",
    summary: "Jobs, newest first, a page at a time.",
    params: [
      { name: "PageNumber", text: "From 1 (default 1)." },
      { name: "PageSize", text: "1–100 (default 20)." },
    ],
    returns: "DeliveryHistoryJobs, TotalCount, PageNumber, PageSize.",
    example: { params: { PageSize: "10" } },
  }),
  DeleteDeliveryHistoryJob: write(deleteDeliveryHistoryJobAction, {
    group: "Delivery history jobs",
    summary: "Deletes a job that is not running (a running job is refused with InvalidParameter).",
    params: [{ ...JOB_ID, text: "The job." }],
    returns: "RequestId.",
    errors: [JOB_NOT_FOUND],
    example: { params: { JobId: "${JobId}" }, last: true },
  }),
};
