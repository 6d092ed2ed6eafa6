// Trail actions of the compatible API (CreateTrail, UpdateTrail, DeleteTrail, DescribeTrails,
// GetTrailStatus, StartLogging, StopLogging) with ActionTrail's parameter and field names, mapped onto
// lib/trails — the same rules, audit and checkpoints as the console and the CLI.
//
// Mapping: OssBucketName names one of our buckets (local directory or S3); SlsProjectArn switches on the
// trail's built-in log store `actiontrail_<Name>` (any `acs:log:<region>:<account>:project/<name>` ARN
// does; the project name is not used). Role ARNs are accepted and ignored: there is no RAM to assume.
import { homeRegion, type Actor } from "@/lib/audit/record";
import { isRegionId } from "@/lib/events/regions";
import { ownAccountId } from "@/lib/config/account";
import { TRAIL_REGION_ALL } from "@/lib/trails/rules";
import { getTrailStatus } from "@/lib/trails/status";
import { createTrail, deleteTrail, getTrail, listTrails, startLogging, stopLogging, updateTrail, type TrailRecord } from "@/lib/trails/trails";
import { invalidParameter, trailNotFound } from "../errors";
import { isoSeconds, optional, optionalBoolean, required, type Params } from "../params";

const SLS_ARN = /^acs:log:[a-z0-9-]+:\d*:project\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const TRAILKEEPER_PROJECT = "trailkeeper";

export interface ActionContext {
  actor: Actor;
  now: Date;
}

/** The home region of a new trail: the request's RegionId (what SDKs and the aliyun CLI send), else ours. */
function requestRegion(p: Params): string {
  const r = p.RegionId;
  if (r === undefined || r === "") return homeRegion();
  if (!isRegionId(r)) throw invalidParameter("RegionId", `Unknown region "${r}"; DescribeRegions lists them.`);
  return r;
}

/** SlsProjectArn → whether the log store is on (undefined: not given). */
function logStoreFrom(p: Params): boolean | undefined {
  const arn = optional(p, "SlsProjectArn");
  if (arn === undefined) return undefined;
  if (arn === "") return false;
  if (!SLS_ARN.test(arn)) throw invalidParameter("SlsProjectArn", "Use acs:log:<region>:<account-id>:project/<project-name>.");
  return true;
}

function slsProjectArn(t: TrailRecord): string {
  return t.logStoreEnabled ? `acs:log:${t.homeRegion}:${ownAccountId()}:project/${TRAILKEEPER_PROJECT}` : "";
}

/** The fields CreateTrail and UpdateTrail return. */
function trailFields(t: TrailRecord) {
  return {
    Name: t.name,
    HomeRegion: t.homeRegion,
    OssBucketName: t.ossBucketName ?? "",
    OssKeyPrefix: t.ossKeyPrefix,
    SlsProjectArn: slsProjectArn(t),
    SlsWriteRoleArn: "",
    OssWriteRoleArn: "",
    EventRW: t.eventRW,
    TrailRegion: t.trailRegion,
  };
}

/** One entry of DescribeTrails' TrailList. */
function trailListEntry(t: TrailRecord) {
  return {
    ...trailFields(t),
    Status: t.isLogging ? "Enable" : "Disable",
    CreateTime: isoSeconds(t.createdAt),
    UpdateTime: isoSeconds(t.updatedAt),
    StartLoggingTime: isoSeconds(t.startLoggingTime),
    StopLoggingTime: isoSeconds(t.stopLoggingTime),
    TrailArn: `acs:actiontrail:${t.homeRegion}:${ownAccountId()}:trail/${t.name}`,
    Region: t.homeRegion,
    IsOrganizationTrail: false,
    LogStoreRetentionDays: t.logStoreRetentionDays,
  };
}

async function existing(name: string): Promise<TrailRecord> {
  const t = await getTrail(name);
  if (!t) throw trailNotFound(name);
  return t;
}

export async function createTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  const trail = await createTrail(
    {
      name,
      homeRegion: requestRegion(p),
      eventRW: (p.EventRW || "Write") as "Read" | "Write" | "All",
      trailRegion: p.TrailRegion || TRAIL_REGION_ALL,
      ossBucketName: p.OssBucketName || undefined,
      ossKeyPrefix: p.OssKeyPrefix ?? "",
      logStoreEnabled: logStoreFrom(p) ?? false,
    },
    { actor: ctx.actor },
  );
  return trailFields(trail);
}

/** Only the parameters given change; OssBucketName="" or SlsProjectArn="" removes that destination. */
export async function updateTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  const before = await existing(name);
  const bucket = optional(p, "OssBucketName");
  const trail = await updateTrail(
    name,
    {
      homeRegion: before.homeRegion,
      eventRW: (p.EventRW || before.eventRW) as "Read" | "Write" | "All",
      trailRegion: p.TrailRegion || before.trailRegion,
      ossBucketName: bucket === undefined ? (before.ossBucketName ?? undefined) : bucket || undefined,
      ossKeyPrefix: optional(p, "OssKeyPrefix") ?? before.ossKeyPrefix,
      logStoreEnabled: logStoreFrom(p) ?? before.logStoreEnabled,
      logStoreRetentionDays: before.logStoreRetentionDays,
    },
    { actor: ctx.actor },
  );
  return trailFields(trail);
}

export async function deleteTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  await deleteTrail(name, { actor: ctx.actor });
  return {};
}

export async function startLoggingAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  await startLogging(name, { actor: ctx.actor });
  return {};
}

export async function stopLoggingAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  await stopLogging(name, { actor: ctx.actor });
  return {};
}

/**
 * DescribeTrails: the trails of the request's region (RegionId), or every trail when RegionId is absent.
 * NameList (comma-separated) narrows to those names. Trails whose TrailRegion is All are "shadow trails"
 * in other regions; IncludeShadowTrails=true lists them there too.
 */
export async function describeTrailsAction(p: Params) {
  const includeShadow = optionalBoolean(p, "IncludeShadowTrails") ?? false;
  const region = p.RegionId ? requestRegion(p) : undefined;
  const names = p.NameList ? new Set(p.NameList.split(",").map((n) => n.trim()).filter(Boolean)) : undefined;
  const trails = (await listTrails()).filter(
    (t) =>
      (!names || names.has(t.name)) &&
      (!region || t.homeRegion === region || (includeShadow && t.trailRegion === TRAIL_REGION_ALL)),
  );
  return { TrailList: trails.map(trailListEntry) };
}

export async function getTrailStatusAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  const status = await getTrailStatus(name, ctx.now);
  if (!status) throw trailNotFound(name);
  const oss = status.destinations.find((d) => d.destination === "oss");
  const sls = status.destinations.find((d) => d.destination === "logstore");
  return {
    IsLogging: status.trail.isLogging,
    StartLoggingTime: isoSeconds(status.trail.startLoggingTime),
    StopLoggingTime: isoSeconds(status.trail.stopLoggingTime),
    LatestDeliveryTime: isoSeconds(oss?.latestDeliveryTime),
    LatestDeliveryError: oss?.latestDeliveryError ?? "",
    LatestDeliveryLogServiceTime: isoSeconds(sls?.latestDeliveryTime),
    LatestDeliveryLogServiceError: sls?.latestDeliveryError ?? "",
    OssBucketStatus: oss ? !oss.latestDeliveryError : false,
    SlsLogStoreStatus: sls ? !sls.latestDeliveryError : false,
  };
}
