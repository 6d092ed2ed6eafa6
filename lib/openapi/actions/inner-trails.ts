// Inner trail actions of the compatible API (CreateInnerTrail, UpdateInnerTrail, DeleteInnerTrail,
// DescribeInnerTrails, StartInnerTrailLogging, StopInnerTrailLogging) over lib/trails/inner-trails.ts.
//
// ActionTrail publishes no request or response model for these operations (no V2 SDK carries them), so
// they take the Log Service subset of CreateTrail's names and answer CreateTrail's and DescribeTrails'
// field names (docs/inner-trail.md "The contract"): Name, SlsProjectArn, SlsWriteRoleArn (accepted and
// ignored: there is no RAM role to assume); a second CreateInnerTrail is InsufficientTrailQuotaException.
import { CAN } from "@/lib/auth/roles";
import { ownAccountId } from "@/lib/config/account";
import {
  createInnerTrail,
  deleteInnerTrail,
  findInnerTrail,
  getInnerTrail,
  startInnerTrailLogging,
  stopInnerTrailLogging,
  updateInnerTrail,
} from "@/lib/trails/inner-trails";
import { logStoreName } from "@/lib/trails/rules";
import type { TrailRecord } from "@/lib/trails/trails";
import { invalidParameter, trailNotFound } from "../errors";
import { isoSeconds, optional, required, type Params } from "../params";
import { read, write, type ActionContext, type ActionTable, type ParamDoc } from "./define";

const SLS_ARN = /^acs:log:[a-z0-9-]+:\d*:project\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const TRAILKEEPER_PROJECT = "trailkeeper";
/** The inner trail the examples create, update, start, stop and (last) delete. */
export const EXAMPLE_INNER_TRAIL = "example-inner-trail";

/** SlsProjectArn, when given, must be an ARN; the log store is the inner trail's only destination, so "" is refused. */
function checkProjectArn(p: Params): void {
  const arn = optional(p, "SlsProjectArn");
  if (arn === undefined) return;
  if (!SLS_ARN.test(arn)) {
    throw invalidParameter("SlsProjectArn", "Use acs:log:<region>:<account-id>:project/<project-name>; an inner trail always delivers to its log store.");
  }
}

function innerFields(t: TrailRecord) {
  return {
    Name: t.name,
    HomeRegion: t.homeRegion,
    SlsProjectArn: `acs:log:${t.homeRegion}:${ownAccountId()}:project/${TRAILKEEPER_PROJECT}`,
    SlsWriteRoleArn: "",
    // The store it delivers to: innertrail_<Name> (docs/inner-trail.md).
    LogStoreName: logStoreName(t.name, t.kind),
  };
}

function innerListEntry(t: TrailRecord) {
  return {
    ...innerFields(t),
    Status: t.isLogging ? "Enable" : "Disable",
    CreateTime: isoSeconds(t.createdAt),
    UpdateTime: isoSeconds(t.updatedAt),
    StartLoggingTime: isoSeconds(t.startLoggingTime),
    StopLoggingTime: isoSeconds(t.stopLoggingTime),
    TrailArn: `acs:actiontrail:${t.homeRegion}:${ownAccountId()}:innertrail/${t.name}`,
    Region: t.homeRegion,
    LogStoreRetentionDays: t.logStoreRetentionDays,
  };
}

async function existing(name: string): Promise<TrailRecord> {
  const t = await getInnerTrail(name);
  if (!t) throw trailNotFound(name);
  return t;
}

export async function createInnerTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  checkProjectArn(p);
  return innerFields(await createInnerTrail({ name }, { actor: ctx.actor }));
}

export async function updateInnerTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  checkProjectArn(p);
  return innerFields(await updateInnerTrail(name, {}, { actor: ctx.actor }));
}

export async function deleteInnerTrailAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  await deleteInnerTrail(name, { actor: ctx.actor });
  return {};
}

export async function startInnerTrailLoggingAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  await startInnerTrailLogging(name, { actor: ctx.actor });
  return {};
}

export async function stopInnerTrailLoggingAction(p: Params, ctx: ActionContext) {
  const name = required(p, "Name");
  await existing(name);
  await stopInnerTrailLogging(name, { actor: ctx.actor });
  return {};
}

/**
 * DescribeInnerTrails: the installation's inner trail (one for all regions, so RegionId does not narrow it),
 * or an empty TrailList; NameList (comma-separated) narrows to those names.
 */
export async function describeInnerTrailsAction(p: Params) {
  const names = p.NameList ? new Set(p.NameList.split(",").map((n) => n.trim()).filter(Boolean)) : undefined;
  const t = await findInnerTrail();
  return { TrailList: t && (!names || names.has(t.name)) ? [innerListEntry(t)] : [] };
}

const NAME: ParamDoc = { name: "Name", required: true, text: "The inner trail's name: 6–36 letters, digits, hyphens and underscores, starting with a letter." };
const SLS: ParamDoc[] = [
  { name: "SlsProjectArn", text: "acs:log:<region>:<account>:project/<name>; the inner trail always delivers to its built-in log store innertrail_<Name>, so the project name is not used and an empty value is refused." },
  { name: "SlsWriteRoleArn", text: "Accepted and ignored: there is no RAM role to assume." },
];
const ERRORS = {
  notFound: { code: "TrailNotFoundException", status: 404, when: "No inner trail of that name." },
  quota: { code: "InsufficientTrailQuotaException", status: 400, when: "The installation already has its one inner trail." },
  exists: { code: "TrailExistedException", status: 400, when: "A trail of that name exists." },
};
const BY_NAME = { Name: EXAMPLE_INNER_TRAIL };
const FIELDS = "Name, HomeRegion, SlsProjectArn, SlsWriteRoleArn, LogStoreName (innertrail_<Name>).";

export const INNER_TRAIL_ACTIONS: ActionTable = {
  CreateInnerTrail: write(createInnerTrailAction, {
    group: "Inner trails",
    summary:
      "Creates the installation's one inner trail: Trailkeeper's own records (origin self: the console's, the CLI's and the API's) to the log store innertrail_<Name>, never an ingested event. Outside the 5-trails quota; not logging until StartInnerTrailLogging.",
    params: [NAME, ...SLS],
    returns: FIELDS,
    errors: [ERRORS.quota, ERRORS.exists],
    example: { params: { Name: EXAMPLE_INNER_TRAIL, SlsProjectArn: "acs:log:cn-hangzhou:0:project/trailkeeper" } },
  }),
  UpdateInnerTrail: write(updateInnerTrailAction, {
    group: "Inner trails",
    summary: "Checks and accepts the Log Service parameters; the inner trail's name, regions and destination stay.",
    params: [NAME, ...SLS],
    returns: FIELDS,
    errors: [ERRORS.notFound],
    example: { params: BY_NAME },
  }),
  DescribeInnerTrails: read(CAN.readTrails, describeInnerTrailsAction, {
    group: "Inner trails",
    summary: "The inner trail (one for all regions), or an empty TrailList.",
    params: [{ name: "NameList", text: "Comma-separated names." }],
    returns:
      "TrailList: Name, HomeRegion, Status (Enable | Disable), SlsProjectArn, SlsWriteRoleArn, LogStoreName, CreateTime, UpdateTime, StartLoggingTime, StopLoggingTime, TrailArn, Region, LogStoreRetentionDays.",
    example: { params: {} },
  }),
  StartInnerTrailLogging: write(startInnerTrailLoggingAction, {
    group: "Inner trails",
    summary: "Starts delivery of Trailkeeper's own records made from now on (this call's record is the first).",
    params: [NAME],
    returns: "RequestId.",
    errors: [ERRORS.notFound],
    example: { params: BY_NAME },
  }),
  StopInnerTrailLogging: write(stopInnerTrailLoggingAction, {
    group: "Inner trails",
    summary: "Stops delivery; the checkpoint and the log store stay.",
    params: [NAME],
    returns: "RequestId.",
    errors: [ERRORS.notFound],
    example: { params: BY_NAME },
  }),
  DeleteInnerTrail: write(deleteInnerTrailAction, {
    group: "Inner trails",
    summary: "Deletes the inner trail and its checkpoint; its log store rows stay for their retention.",
    params: [NAME],
    returns: "RequestId.",
    errors: [ERRORS.notFound],
    example: { params: BY_NAME, last: true },
  }),
};
