// Historical delivery jobs (ActionTrail's CreateDeliveryHistoryJob): deliver the last 90 days of a trail's
// matching events once. This module creates, lists, cancels and deletes them; the delivery worker
// (lib/delivery) processes the Running ones and records progress and the result.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";

export const HISTORY_WINDOW_DAYS = 90;
export const HISTORY_JOB_STATUSES = ["Running", "Finished", "Failed", "Cancelled"] as const;
export type HistoryJobStatus = (typeof HISTORY_JOB_STATUSES)[number];

export const HISTORY_JOB_SELECT = {
  id: true,
  trailName: true,
  status: true,
  fromPk: true,
  toPk: true,
  checkpoint: true,
  totalEvents: true,
  deliveredEvents: true,
  error: true,
  createdBy: true,
  createdAt: true,
  finishedAt: true,
} as const;

export interface HistoryJob {
  id: number;
  trailName: string;
  status: string;
  fromPk: number;
  toPk: number;
  checkpoint: number;
  totalEvents: number;
  deliveredEvents: number;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const JOB_RESOURCE = "ACS::ActionTrail::DeliveryHistoryJob";

/** Starts a job for `trailName`; only one job may run at a time in the account. */
export async function createHistoryJob(trailName: string, options: { actor: Actor; now?: Date }): Promise<HistoryJob> {
  const trail = await prisma.trail.findUnique({ where: { name: trailName }, select: { name: true } });
  if (!trail) throw new NotFound(`Trail ${trailName} does not exist`, { reason: "trail-missing" });
  const running = await prisma.deliveryHistoryJob.findFirst({ where: { status: "Running" }, select: { id: true, trailName: true } });
  if (running) {
    throw Conflict.ofFields(
      { form: [`history job ${running.id} for trail ${running.trailName} is still running; only one job may run at a time — wait for it or cancel it`] },
      { reason: "job-running" },
    );
  }
  const since = new Date((options.now ?? new Date()).getTime() - HISTORY_WINDOW_DAYS * 86_400_000).toISOString();
  const [first, last] = await Promise.all([
    prisma.event.aggregate({ where: { eventTime: { gte: since } }, _min: { id: true } }),
    prisma.event.aggregate({ _max: { id: true } }),
  ]);
  const job = await prisma.deliveryHistoryJob.create({
    data: { trailName, status: "Running", fromPk: first._min.id ?? 0, toPk: last._max.id ?? 0, createdBy: options.actor.username },
    select: HISTORY_JOB_SELECT,
  });
  await recordAuditEvent({
    actor: options.actor,
    eventName: "CreateDeliveryHistoryJob",
    requestParameters: { TrailName: trailName },
    resources: { [JOB_RESOURCE]: [String(job.id)], "ACS::ActionTrail::Trail": [trailName] },
    additionalEventData: { JobId: job.id },
  });
  return job;
}

export async function listHistoryJobs(options: { trailName?: string; take?: number; skip?: number } = {}): Promise<HistoryJob[]> {
  return prisma.deliveryHistoryJob.findMany({
    where: options.trailName ? { trailName: options.trailName } : {},
    select: HISTORY_JOB_SELECT,
    orderBy: { id: "desc" },
    take: options.take ?? 50,
    skip: options.skip ?? 0,
  });
}

export async function countHistoryJobs(): Promise<number> {
  return prisma.deliveryHistoryJob.count();
}

export async function getHistoryJob(id: number): Promise<HistoryJob | null> {
  return prisma.deliveryHistoryJob.findUnique({ where: { id }, select: HISTORY_JOB_SELECT });
}

/** Cancels a running job; the worker stops at its next step. */
export async function cancelHistoryJob(id: number, options: { actor: Actor }): Promise<HistoryJob> {
  const job = await getHistoryJob(id);
  if (!job) throw new NotFound(`History job ${id} does not exist`, { reason: "job-missing" });
  if (job.status !== "Running") throw Conflict.ofFields({ form: [`history job ${id} is ${job.status}; only a running job can be cancelled`] });
  // Conditional on Running: the worker may have finished it a moment ago.
  const { count } = await prisma.deliveryHistoryJob.updateMany({ where: { id, status: "Running" }, data: { status: "Cancelled", finishedAt: new Date() } });
  if (count === 0) throw Conflict.ofFields({ form: [`history job ${id} has just ended`] });
  // ActionTrail has no cancel call of its own; the record names what happened.
  await recordAuditEvent({ actor: options.actor, eventName: "CancelDeliveryHistoryJob", requestParameters: { JobId: id }, resources: { [JOB_RESOURCE]: [String(id)] } });
  return (await getHistoryJob(id))!;
}

/** Deletes a job that is not running (ActionTrail's DeleteDeliveryHistoryJob). */
export async function deleteHistoryJob(id: number, options: { actor: Actor }): Promise<void> {
  const job = await getHistoryJob(id);
  if (!job) throw new NotFound(`History job ${id} does not exist`, { reason: "job-missing" });
  if (job.status === "Running") throw Conflict.ofFields({ form: [`history job ${id} is running; cancel it before deleting it`] });
  await prisma.deliveryHistoryJob.deleteMany({ where: { id, status: { not: "Running" } } });
  await recordAuditEvent({ actor: options.actor, eventName: "DeleteDeliveryHistoryJob", requestParameters: { JobId: id }, resources: { [JOB_RESOURCE]: [String(id)] } });
}
