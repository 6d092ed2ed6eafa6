// Trail actions of the compatible API (CreateTrail, UpdateTrail, DeleteTrail, DescribeTrails,
// GetTrailStatus, StartLogging, StopLogging) with ActionTrail's parameter and field names, mapped onto
// lib/trails — the same rules, audit and checkpoints as the console and the CLI.
//
// Mapping: OssBucketName names one of our buckets (local directory or S3); SlsProjectArn switches on the
// trail's built-in log store `actiontrail_<Name>` (any `acs:log:<region>:<account>:project/<name>` ARN
// does; the project name is not used). Role ARNs are accepted and ignored: there is no RAM to assume.
import { homeRegion } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/roles";
import { isRegionId } from "@/lib/events/regions";
import { ownAccountId } from "@/lib/config/account";
import { TRAIL_REGION_ALL } from "@/lib/trails/rules";
import { getTrailStatus } from "@/lib/trails/status";
import { createTrail, deleteTrail, getTrail, listTrails, startLogging, stopLogging, trailStatus, updateTrail, type TrailRecord } from "@/lib/trails/trails";
import { invalidParameter, trailNotFound } from "../errors";
import { isoSeconds, optional, optionalBoolean, required, type Params } from "../params";
import { EXAMPLE_TRAIL, read, write, type ActionContext, type ActionTable, type ParamDoc } from "./define";

const SLS_ARN = /^acs:log:[a-z0-9-]+:\d*:project\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const TRAILKEEPER_PROJECT = "trailkeeper";


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
    Status: trailStatus(t),
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

const NAME: ParamDoc = { name: "Name", required: true, text: "The trail name: 6–36 letters, digits, hyphens and underscores, starting with a letter." };
const TRAIL_FIELDS: ParamDoc[] = [
  { name: "OssBucketName", text: "A Trailkeeper bucket (Trails › Buckets: a local directory or S3-compatible). On UpdateTrail, an empty value removes it." },
  { name: "OssKeyPrefix", text: "Prefix of the delivered objects: <prefix>/AliyunLogs/Actiontrail/<region>/YYYY/MM/DD/." },
  { name: "SlsProjectArn", text: "Any acs:log:<region>:<account>:project/<name> ARN turns on the trail's built-in log store actiontrail_<Name>. On UpdateTrail, an empty value turns it off." },
  { name: "EventRW", text: "Read, Write (default) or All." },
  { name: "TrailRegion", text: "All (default) or the home region." },
  { name: "SlsWriteRoleArn, OssWriteRoleArn", text: "Accepted and ignored: there is no RAM role to assume." },
];
const TRAIL_ERRORS = {
  notFound: { code: "TrailNotFoundException", status: 404, when: "No trail of that name." },
  exists: { code: "TrailExistedException", status: 400, when: "A trail of that name exists." },
  quota: { code: "InsufficientTrailQuotaException", status: 400, when: "The home region already has 5 trails." },
  bucket: { code: "OssBucketNotExistException", status: 400, when: "OssBucketName is not a Trailkeeper bucket." },
};
const BY_NAME = { Name: EXAMPLE_TRAIL };

export const TRAIL_ACTIONS: ActionTable = {
  CreateTrail: write(createTrailAction, {
    group: "Trails",
    summary: "Creates a trail in the home region RegionId (default: the server's region). As in ActionTrail it does not log (Status Fresh) until StartLogging. Up to 5 trails per home region.",
    params: [NAME, ...TRAIL_FIELDS, { name: "RegionId", text: "The home region." }],
    returns: "Name, HomeRegion, OssBucketName, OssKeyPrefix, SlsProjectArn, EventRW, TrailRegion.",
    errors: [TRAIL_ERRORS.exists, TRAIL_ERRORS.quota, TRAIL_ERRORS.bucket],
    example: { params: { Name: EXAMPLE_TRAIL, SlsProjectArn: "acs:log:cn-hangzhou:0:project/trailkeeper", EventRW: "All" } },
  }),
  UpdateTrail: write(updateTrailAction, {
    group: "Trails",
    summary: "Changes only the parameters given; the name and home region stay.",
    params: [NAME, ...TRAIL_FIELDS],
    returns: "As CreateTrail.",
    errors: [TRAIL_ERRORS.notFound, TRAIL_ERRORS.bucket],
    example: { params: { ...BY_NAME, EventRW: "Write" } },
  }),
  DescribeTrails: read(CAN.readTrails, describeTrailsAction, {
    group: "Trails",
    summary: "The trails of RegionId (every trail when RegionId is absent).",
    params: [
      { name: "NameList", text: "Comma-separated trail names." },
      { name: "IncludeShadowTrails", text: "true also lists trails of other home regions that deliver All regions." },
    ],
    returns:
      "TrailList: Name, HomeRegion, Status (Enable | Disable | Fresh: created, never started), EventRW, TrailRegion, OssBucketName, OssKeyPrefix, SlsProjectArn, CreateTime, UpdateTime, StartLoggingTime, StopLoggingTime, TrailArn.",
    example: { params: { NameList: EXAMPLE_TRAIL } },
  }),
  GetTrailStatus: read(CAN.readTrails, getTrailStatusAction, {
    group: "Trails",
    summary: "Whether a trail is logging and how its deliveries went.",
    params: [NAME],
    returns:
      "IsLogging, StartLoggingTime, StopLoggingTime, LatestDeliveryTime, LatestDeliveryError, LatestDeliveryLogServiceTime, LatestDeliveryLogServiceError, OssBucketStatus, SlsLogStoreStatus.",
    errors: [TRAIL_ERRORS.notFound],
    example: { params: BY_NAME },
  }),
  StartLogging: write(startLoggingAction, {
    group: "Trails",
    summary: "Starts delivery of events ingested from now on.",
    params: [NAME],
    returns: "RequestId.",
    errors: [TRAIL_ERRORS.notFound],
    example: { params: BY_NAME },
  }),
  StopLogging: write(stopLoggingAction, {
    group: "Trails",
    summary: "Stops delivery; checkpoints stay.",
    params: [NAME],
    returns: "RequestId.",
    errors: [TRAIL_ERRORS.notFound],
    example: { params: BY_NAME },
  }),
  DeleteTrail: write(deleteTrailAction, {
    group: "Trails",
    summary: "Deletes a trail and its checkpoints; delivered files stay.",
    params: [NAME],
    returns: "RequestId.",
    errors: [TRAIL_ERRORS.notFound],
    example: { params: BY_NAME, last: true },
  }),
};
