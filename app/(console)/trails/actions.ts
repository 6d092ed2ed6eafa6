"use server";
// Trail changes from the console. Each action checks the role itself, validates with the shared rules
// (lib/trails/rules.ts, through the service functions) and returns field errors for the form.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { CAN, consoleActor, requireUser } from "@/lib/auth/session";
import { TrailInputError } from "@/lib/trails/errors";
import { cancelHistoryJob, createHistoryJob, deleteHistoryJob } from "@/lib/trails/history-jobs";
import type { FieldErrors } from "@/lib/trails/rules";
import { createTrail, deleteTrail, getTrail, startLogging, stopLogging, updateTrail } from "@/lib/trails/trails";
import { UserInputError } from "@/lib/users/users";

export interface TrailFormValues {
  name: string;
  homeRegion: string;
  eventRW: string;
  trailScope: "all" | "home";
  ossBucketName: string;
  ossKeyPrefix: string;
  logStoreEnabled: boolean;
  logStoreRetentionDays: string;
  startLogging: boolean;
}

export interface TrailActionState {
  ok?: boolean;
  message?: string;
  errors?: FieldErrors;
  /** What was submitted, so the form shows it again beside its errors. */
  values?: TrailFormValues;
}

function readTrailForm(form: FormData): TrailFormValues {
  const s = (k: string) => String(form.get(k) ?? "").trim();
  return {
    name: s("name"),
    homeRegion: s("homeRegion"),
    eventRW: s("eventRW"),
    trailScope: s("trailScope") === "home" ? "home" : "all",
    ossBucketName: s("ossBucketName"),
    ossKeyPrefix: s("ossKeyPrefix"),
    logStoreEnabled: form.get("logStoreEnabled") === "on",
    logStoreRetentionDays: s("logStoreRetentionDays") || "180",
    startLogging: form.get("startLogging") === "on",
  };
}

function toInput(v: TrailFormValues) {
  const days = Number(v.logStoreRetentionDays);
  return {
    homeRegion: v.homeRegion,
    eventRW: v.eventRW as "All",
    trailRegion: v.trailScope === "home" ? v.homeRegion : "All",
    ossBucketName: v.ossBucketName || undefined,
    ossKeyPrefix: v.ossKeyPrefix,
    logStoreEnabled: v.logStoreEnabled,
    logStoreRetentionDays: Number.isFinite(days) ? days : Number.NaN,
  };
}

function failure(e: unknown, values: TrailFormValues | undefined, what: string): TrailActionState {
  if (e instanceof TrailInputError) return { ok: false, message: "Check the highlighted fields.", errors: e.fieldErrors, values };
  if (e instanceof UserInputError) return { ok: false, message: e.message, values };
  console.error(`[trails] ${what} failed`, e);
  return { ok: false, message: `The trail could not be ${what}. Try again.`, values };
}

export async function createTrailAction(_prev: TrailActionState, form: FormData): Promise<TrailActionState> {
  const user = await requireUser(CAN.manageTrails);
  const values = readTrailForm(form);
  try {
    await createTrail({ name: values.name, ...toInput(values) }, { actor: await consoleActor(user), startLogging: values.startLogging });
  } catch (e) {
    return failure(e, values, "created");
  }
  revalidatePath("/trails");
  redirect(`/trails/${encodeURIComponent(values.name)}`);
}

export async function updateTrailAction(_prev: TrailActionState, form: FormData): Promise<TrailActionState> {
  const user = await requireUser(CAN.manageTrails);
  const values = readTrailForm(form);
  try {
    await updateTrail(values.name, toInput(values), { actor: await consoleActor(user) });
  } catch (e) {
    return failure(e, values, "updated");
  }
  revalidatePath("/trails");
  redirect(`/trails/${encodeURIComponent(values.name)}`);
}

export async function deleteTrailAction(_prev: TrailActionState, form: FormData): Promise<TrailActionState> {
  const user = await requireUser(CAN.manageTrails);
  const name = String(form.get("name") ?? "");
  const confirmation = String(form.get("confirmName") ?? "").trim();
  if (confirmation !== name) return { ok: false, errors: { confirmName: [`type ${name} exactly to confirm`] } };
  try {
    await deleteTrail(name, { actor: await consoleActor(user) });
  } catch (e) {
    return failure(e, undefined, "deleted");
  }
  revalidatePath("/trails");
  redirect(`/trails?deleted=${encodeURIComponent(name)}`);
}

export async function setLoggingAction(form: FormData): Promise<void> {
  const user = await requireUser(CAN.manageTrails);
  const name = String(form.get("name") ?? "");
  const actor = await consoleActor(user);
  if (!(await getTrail(name))) redirect("/trails");
  if (form.get("logging") === "start") await startLogging(name, { actor });
  else await stopLogging(name, { actor });
  revalidatePath("/trails");
  revalidatePath(`/trails/${name}`);
}

export interface JobActionState {
  ok?: boolean;
  message?: string;
}

async function jobAction(form: FormData, run: (actor: Awaited<ReturnType<typeof consoleActor>>) => Promise<string>): Promise<JobActionState> {
  const user = await requireUser(CAN.manageTrails);
  const trailName = String(form.get("trailName") ?? "");
  try {
    const message = await run(await consoleActor(user));
    revalidatePath(`/trails/${trailName}`);
    return { ok: true, message };
  } catch (e) {
    if (e instanceof UserInputError) return { ok: false, message: e.message.replace(/^form: /, "") };
    console.error("[trails] history job action failed", e);
    return { ok: false, message: "The history job could not be changed. Try again." };
  }
}

export async function createHistoryJobAction(_prev: JobActionState, form: FormData): Promise<JobActionState> {
  return jobAction(form, async (actor) => {
    const job = await createHistoryJob(String(form.get("trailName") ?? ""), { actor });
    return `Started history job ${job.id}: events of the last 90 days are being delivered.`;
  });
}

export async function cancelHistoryJobAction(_prev: JobActionState, form: FormData): Promise<JobActionState> {
  return jobAction(form, async (actor) => {
    const job = await cancelHistoryJob(Number(form.get("id")), { actor });
    return `Cancelled history job ${job.id}.`;
  });
}

export async function deleteHistoryJobAction(_prev: JobActionState, form: FormData): Promise<JobActionState> {
  return jobAction(form, async (actor) => {
    const id = Number(form.get("id"));
    await deleteHistoryJob(id, { actor });
    return `Deleted history job ${id}.`;
  });
}
