"use server";
// Trail changes from the console (admins). lib/trails/trails.ts checks each one and records it.
import { CAN } from "@/lib/auth/roles";
import { InvalidInput } from "@/lib/errors";
import { createTrail, deleteTrail, getTrail, setLegalHold, startLogging, stopLogging, updateTrail } from "@/lib/trails/trails";
import { startInnerTrailLogging, stopInnerTrailLogging } from "@/lib/trails/inner-trails";
import { setTrailNotifications } from "@/lib/trails/notifications";
import { INNER_TRAIL_KIND } from "@/lib/trails/rules";
import { formAction, submitAction, text } from "./action-client";

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

function readTrailForm(form: FormData): TrailFormValues {
  const s = (k: string) => text(form, k).trim();
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

/** The trail form's steps: a refused form shows what was typed; a saved trail opens its page. */
const formSteps = {
  roles: CAN.manageTrails,
  read: readTrailForm,
  echo: (v: TrailFormValues) => v,
  revalidate: ["/trails"],
  redirect: (v: TrailFormValues) => `/trails/${encodeURIComponent(v.name)}`,
};

export const createTrailAction = formAction({
  ...formSteps,
  name: "createTrail",
  run: (v, { actor }) => createTrail({ name: v.name, ...toInput(v) }, { actor, startLogging: v.startLogging }),
  failure: "The trail could not be created. Try again.",
});

export const updateTrailAction = formAction({
  ...formSteps,
  name: "updateTrail",
  run: (v, { actor }) => updateTrail(v.name, toInput(v), { actor }),
  failure: "The trail could not be updated. Try again.",
});

export const deleteTrailAction = formAction({
  name: "deleteTrail",
  roles: CAN.manageTrails,
  read: (form) => ({ name: text(form, "name"), confirmation: text(form, "confirmName").trim() }),
  run: async ({ name, confirmation }, { actor }) => {
    // The typed name guards against a slip of the mouse; the CLI and the API have no such step.
    if (confirmation !== name) throw InvalidInput.ofFields({ confirmName: [`type ${name} exactly to confirm`] });
    await deleteTrail(name, { actor });
  },
  failure: "The trail could not be deleted. Try again.",
  revalidate: ["/trails"],
  redirect: ({ name }) => `/trails?deleted=${encodeURIComponent(name)}`,
});

export const setLoggingAction = submitAction({
  name: "setLogging",
  roles: CAN.manageTrails,
  read: (form) => ({ name: text(form, "name"), start: form.get("logging") === "start" }),
  run: async ({ name, start }, { actor }) => {
    const trail = await getTrail(name);
    if (!trail) return "gone";
    // The inner trail's status page has the same button; its changes are recorded under its own names.
    if (trail.kind === INNER_TRAIL_KIND) await (start ? startInnerTrailLogging(name, { actor }) : stopInnerTrailLogging(name, { actor }));
    else await (start ? startLogging(name, { actor }) : stopLogging(name, { actor }));
    return "changed";
  },
  revalidate: ({ name }) => ["/trails", `/trails/${name}`],
  redirect: (_, outcome) => (outcome === "gone" ? "/trails" : undefined),
});

export const updateTrailNotificationsAction = formAction({
  name: "updateTrailNotifications",
  roles: CAN.manageTrails,
  read: (form) => ({ name: text(form, "name"), channel: text(form, "notifyChannel"), eachFile: form.get("notifyEachFile") === "on" }),
  run: ({ name, channel, eachFile }, { actor }) => setTrailNotifications(name, { channel, eachFile }, { actor }),
  revalidate: ({ name }) => [`/trails/${encodeURIComponent(name)}`],
  done: (n) => (n.channel ? `Delivery notifications go to alert rule ${n.channel.name}${n.eachFile ? ", with every delivered file" : ""}.` : "Delivery notifications are off."),
  failure: "The notifications could not be changed. Try again.",
});

/** Sets or lifts the legal hold of a trail's log store (lib/trails/trails.ts records it; lifting is sensitive). */
export const setLegalHoldAction = submitAction({
  name: "setLegalHold",
  roles: CAN.manageTrails,
  read: (form) => ({ name: text(form, "name"), on: form.get("legalHold") === "on" }),
  run: async ({ name, on }, { actor }) => {
    if (!(await getTrail(name))) return "gone";
    await setLegalHold(name, on, { actor });
    return "changed";
  },
  revalidate: ({ name }) => ["/trails", `/trails/${name}`],
  redirect: (_, outcome) => (outcome === "gone" ? "/trails" : undefined),
});
