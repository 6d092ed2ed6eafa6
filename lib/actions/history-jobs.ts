"use server";
// History delivery jobs from a trail's page (admins). lib/trails/history-jobs.ts checks and records them.
import { CAN } from "@/lib/auth/roles";
import { cancelHistoryJob, createHistoryJob, deleteHistoryJob } from "@/lib/trails/history-jobs";
import { formAction, text } from "./action-client";

function readJobForm(form: FormData) {
  return { trailName: text(form, "trailName"), id: Number(text(form, "id")) };
}

const steps = {
  roles: CAN.manageTrails,
  read: readJobForm,
  failure: "The history job could not be changed. Try again.",
  revalidate: ({ trailName }: { trailName: string }) => [`/trails/${trailName}`],
};

export const createHistoryJobAction = formAction({
  ...steps,
  name: "createHistoryJob",
  run: ({ trailName }, { actor }) => createHistoryJob(trailName, { actor }),
  done: (job) => `Started history job ${job.id}: events of the last 90 days are being delivered.`,
});

export const cancelHistoryJobAction = formAction({
  ...steps,
  name: "cancelHistoryJob",
  run: ({ id }, { actor }) => cancelHistoryJob(id, { actor }),
  done: (job) => `Cancelled history job ${job.id}.`,
});

export const deleteHistoryJobAction = formAction({
  ...steps,
  name: "deleteHistoryJob",
  run: ({ id }, { actor }) => deleteHistoryJob(id, { actor }),
  done: (_, { id }) => `Deleted history job ${id}.`,
});
