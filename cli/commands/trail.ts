// trail create | list | start | stop | delete, trail inner … — the same rules and self-audit as the console.
import {
  createInnerTrail,
  deleteInnerTrail,
  findInnerTrail,
  startInnerTrailLogging,
  stopInnerTrailLogging,
  updateInnerTrail,
} from "@/lib/trails/inner-trails";
import { logStoreName } from "@/lib/trails/rules";
import { getTrailStatus } from "@/lib/trails/status";
import { listTrails, createTrail, deleteTrail, setLegalHold, startLogging, stopLogging } from "@/lib/trails/trails";
import { setTrailNotifications, type TrailNotifications } from "@/lib/trails/notifications";
import { cliActor, formatDate, listCommand, parseCommandArgs, requireOption, UsageError } from "./common";

export async function trailCreate(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    name: { type: "string" },
    "home-region": { type: "string" },
    "event-rw": { type: "string", default: "All" },
    bucket: { type: "string" },
    prefix: { type: "string", default: "" },
    "log-store": { type: "boolean", default: false },
    "retention-days": { type: "string" },
    "all-regions": { type: "boolean", default: false },
    "home-region-only": { type: "boolean", default: false },
    // ActionTrail's CreateTrail leaves a trail not logging; --start-logging starts it at once. --no-start
    // (the earlier opt-out) is the default now and still accepted.
    "start-logging": { type: "boolean", default: false },
    "no-start": { type: "boolean", default: false },
    "notify-channel": { type: "string" },
    "notify-each-file": { type: "boolean", default: false },
  });
  if (values["notify-each-file"] && !values["notify-channel"]) throw new UsageError("--notify-each-file needs --notify-channel RULE");
  if (values["all-regions"] && values["home-region-only"]) throw new UsageError("--all-regions and --home-region-only exclude each other");
  if (values["start-logging"] && values["no-start"]) throw new UsageError("--start-logging and --no-start exclude each other");
  const homeRegion = requireOption(values["home-region"], "home-region");
  const retention = values["retention-days"] === undefined ? undefined : Number(values["retention-days"]);
  const trail = await createTrail(
    {
      name: requireOption(values.name, "name"),
      homeRegion,
      eventRW: values["event-rw"] as "All",
      trailRegion: values["home-region-only"] ? homeRegion : "All",
      ossBucketName: values.bucket,
      ossKeyPrefix: values.prefix,
      logStoreEnabled: values["log-store"],
      logStoreRetentionDays: retention,
    },
    { actor: cliActor(), startLogging: values["start-logging"] },
  );
  console.log(`Created trail ${trail.name}${trail.isLogging ? " (logging)" : " (not logging, status Fresh; start it with: trail start " + trail.name + ")"}`);
  if (values["notify-channel"]) {
    const n = await setTrailNotifications(trail.name, { channel: values["notify-channel"], eachFile: values["notify-each-file"] }, { actor: cliActor() });
    console.log(notificationsLine(trail.name, n));
  }
}

function notificationsLine(name: string, n: TrailNotifications): string {
  if (!n.channel) return `Trail ${name} sends no delivery notifications`;
  return `Trail ${name} notifies alert rule ${n.channel.name} of delivery failures and recoveries${n.eachFile ? " and of every delivered file" : ""}${n.channel.enabled ? "" : " (the rule is disabled: nothing is sent until it is enabled)"}`;
}

/** trail notify NAME --channel RULE [--each-file] | --off */
export async function trailNotify(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { channel: { type: "string" }, "each-file": { type: "boolean", default: false }, off: { type: "boolean", default: false } }, 1);
  if (!positionals[0]) throw new UsageError("the trail name is required: trail notify NAME --channel RULE");
  if (values.off === (values.channel !== undefined)) throw new UsageError("give --channel RULE (an alert rule's name) or --off");
  if (values.off && values["each-file"]) throw new UsageError("--each-file and --off exclude each other");
  const n = await setTrailNotifications(positionals[0], { channel: values.off ? null : values.channel!, eachFile: values["each-file"] }, { actor: cliActor() });
  console.log(notificationsLine(positionals[0], n));
}

export const trailList = listCommand(listTrails, "No trails yet. Create one with: trail create --name NAME --home-region cn-hangzhou --bucket B", {
  NAME: (t) => t.name,
  "HOME REGION": (t) => t.homeRegion,
  "EVENT RW": (t) => t.eventRW,
  REGIONS: (t) => t.trailRegion,
  BUCKET: (t) => t.ossBucketName,
  PREFIX: (t) => t.ossKeyPrefix || null,
  "LOG STORE": (t) => (t.logStoreEnabled ? `${t.logStoreRetentionDays} days${t.legalHold ? ", legal hold" : ""}` : t.legalHold ? "no, legal hold" : "no"),
  LOGGING: (t) => (t.isLogging ? "yes" : t.startLoggingTime ? "no" : "no (Fresh: never started)"),
  "LATEST DELIVERY": (t) => formatDate(t.latestDeliveryTime),
});

function oneName(args: string[]): string {
  const { positionals } = parseCommandArgs(args, {}, 1);
  if (!positionals[0]) throw new UsageError("the trail name is required");
  return positionals[0];
}

export async function trailStart(args: string[]): Promise<void> {
  const t = await startLogging(oneName(args), { actor: cliActor() });
  console.log(`Trail ${t.name} is logging`);
}

export async function trailStop(args: string[]): Promise<void> {
  const t = await stopLogging(oneName(args), { actor: cliActor() });
  console.log(`Trail ${t.name} stopped logging`);
}

export async function trailDelete(args: string[]): Promise<void> {
  const name = oneName(args);
  await deleteTrail(name, { actor: cliActor() });
  console.log(`Deleted trail ${name}`);
}

/** trail legal-hold NAME --on|--off: stops (or lets resume) the purge of the trail's log store. */
export async function trailLegalHold(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { on: { type: "boolean", default: false }, off: { type: "boolean", default: false } }, 1);
  if (!positionals[0]) throw new UsageError("the trail name is required");
  if (values.on === values.off) throw new UsageError("give exactly one of --on (set the legal hold) or --off (lift it)");
  const { trail, changed } = await setLegalHold(positionals[0], values.on, { actor: cliActor() });
  const state = trail.legalHold ? "under legal hold: its log store is not purged" : "not under legal hold: its log store is purged by retention";
  console.log(`Trail ${trail.name} ${changed ? "is now" : "was already"} ${state}`);
}

const INNER_USAGE = "trail inner create --name NAME [--retention-days N] | update NAME --retention-days N | start NAME | stop NAME | delete NAME | show";

/** The inner trail: Trailkeeper's own records (origin self) to innertrail_<name> (docs/inner-trail.md). */
async function innerShow(): Promise<void> {
  const t = await findInnerTrail();
  if (!t) {
    console.log("No inner trail. Create one with: trail inner create --name NAME");
    return;
  }
  const status = await getTrailStatus(t.name);
  const latest = status?.destinations[0]?.latestDeliveryTime;
  console.log(`Inner trail ${t.name}
  delivers    Trailkeeper's own records (origin self: console, CLI, API)
  log store   ${logStoreName(t.name, t.kind)} (${t.logStoreRetentionDays} days${t.legalHold ? ", legal hold" : ""})
  logging     ${t.isLogging ? "yes" : "no"}
  latest      ${formatDate(latest) ?? "no delivery yet"}`);
}

/** trail inner create|update|start|stop|delete|show */
export async function trailInner(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const actor = { actor: cliActor() };
  const days = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  switch (sub) {
    case "create": {
      const { values } = parseCommandArgs(rest, { name: { type: "string" }, "retention-days": { type: "string" } });
      const t = await createInnerTrail({ name: requireOption(values.name, "name"), logStoreRetentionDays: days(values["retention-days"]) }, actor);
      console.log(`Created inner trail ${t.name} (log store ${logStoreName(t.name, t.kind)}; not logging; start it with: trail inner start ${t.name})`);
      return;
    }
    case "update": {
      const { values, positionals } = parseCommandArgs(rest, { "retention-days": { type: "string" } }, 1);
      if (!positionals[0]) throw new UsageError("the inner trail's name is required: trail inner update NAME --retention-days N");
      if (values["retention-days"] === undefined) throw new UsageError("give --retention-days N (the one setting of an inner trail)");
      const t = await updateInnerTrail(positionals[0], { logStoreRetentionDays: days(values["retention-days"]) }, actor);
      console.log(`Inner trail ${t.name} keeps its log store for ${t.logStoreRetentionDays} days`);
      return;
    }
    case "start": {
      const t = await startInnerTrailLogging(oneName(rest), actor);
      console.log(`Inner trail ${t.name} is logging`);
      return;
    }
    case "stop": {
      const t = await stopInnerTrailLogging(oneName(rest), actor);
      console.log(`Inner trail ${t.name} stopped logging`);
      return;
    }
    case "delete": {
      const name = oneName(rest);
      await deleteInnerTrail(name, actor);
      console.log(`Deleted inner trail ${name} (its log store rows stay for their retention)`);
      return;
    }
    case "show":
      parseCommandArgs(rest, {});
      return innerShow();
    default:
      throw new UsageError(sub ? `unknown command "trail inner ${sub}": ${INNER_USAGE}` : INNER_USAGE);
  }
}
