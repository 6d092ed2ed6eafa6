// The compatible API's reference, as the console's API page and the README show it: every action with
// its parameters, every error code, and the three worked examples (aliyun CLI, Node SDK, curl). The
// e2e suite runs the Node and curl examples exactly as written here, so they stay true.
import { LOOKUP_ATTRIBUTES } from "@/lib/events/filter-spec";
import { ACTIONS } from "./handle";
import { MAX_NONCE_CHARS } from "./nonces";
import { AUTH_FAILURES_ALLOWED, AUTH_FAILURE_BLOCK_SECONDS, AUTH_FAILURE_WINDOW_SECONDS, DEFAULT_RATE } from "./throttle";

export interface ParamDoc {
  name: string;
  required?: boolean;
  text: string;
}

export interface ActionDoc {
  action: string;
  group: "Events" | "Trails" | "Delivery history jobs" | "Regions";
  summary: string;
  params: ParamDoc[];
  returns: string;
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
const LOOKUP_ATTRIBUTES_TEXT =
  `LookupAttribute.N.Key / .Value, N = 1, 2, …: ${LOOKUP_ATTRIBUTES.map((a) => (a === "SensitiveAction" ? "SensitiveAction (true)" : a)).join(", ")}. Every attribute given applies (ActionTrail keeps two).`;

const LOOKUP_EVENTS_PARAMS: ParamDoc[] = [
  { name: "LookupAttribute.N.Key/Value", text: LOOKUP_ATTRIBUTES_TEXT },
  { name: "StartTime, EndTime", text: "ISO 8601 UTC, e.g. 2026-11-23T08:00:00Z. Default: the last 7 days. StartTime at most 90 days back." },
  { name: "MaxResults", text: "1–50, default 50." },
  { name: "NextToken", text: "From the previous page; only valid with the same attributes, times and Direction." },
  { name: "Direction", text: "BACKWARD (newest first, default) or FORWARD (oldest first)." },
  { name: "RegionId", text: "Limits to one region's events (global events are listed under ap-southeast-1). Absent: every region." },
];
const GET_EVENTS_COUNT_PARAMS: ParamDoc[] = [
  { name: "LookupAttribute.N.Key/Value", text: "As for LookupEvents." },
  { name: "StartTime, EndTime", text: "As for LookupEvents." },
];
const DESCRIBE_TRAILS_PARAMS: ParamDoc[] = [
  { name: "NameList", text: "Comma-separated trail names." },
  { name: "IncludeShadowTrails", text: "true also lists trails of other home regions that deliver All regions." },
];

/** One action of the reference: [action, summary, parameters, what it returns]. */
type ActionRow = [action: string, summary: string, params: ParamDoc[], returns: string];

/** Every action, group by group in the order the API page lists them. */
const ACTION_ROWS: Record<ActionDoc["group"], ActionRow[]> = {
  Events: [
    ["LookupEvents", "Events of the last 90 days, newest first, with the same query code as the Event Detail Query page.", LOOKUP_EVENTS_PARAMS, "Events (each event's stored JSON, exactly as ingested), NextToken (absent on the last page), StartTime, EndTime."],
    ["GetEventsCount", "How many events match: the same attributes, window and RegionId as LookupEvents.", GET_EVENTS_COUNT_PARAMS, "EventsCount, StartTime, EndTime."],
  ],
  Trails: [
    ["CreateTrail", "Creates a trail in the home region RegionId (default: the server's region) and starts logging. Up to 5 trails per home region.", [NAME, ...TRAIL_FIELDS, { name: "RegionId", text: "The home region." }], "Name, HomeRegion, OssBucketName, OssKeyPrefix, SlsProjectArn, EventRW, TrailRegion."],
    ["UpdateTrail", "Changes only the parameters given; the name and home region stay.", [NAME, ...TRAIL_FIELDS], "As CreateTrail."],
    ["DeleteTrail", "Deletes a trail and its checkpoints; delivered files stay.", [NAME], "RequestId."],
    ["DescribeTrails", "The trails of RegionId (every trail when RegionId is absent).", DESCRIBE_TRAILS_PARAMS, "TrailList: Name, HomeRegion, Status (Enable | Disable), EventRW, TrailRegion, OssBucketName, OssKeyPrefix, SlsProjectArn, CreateTime, UpdateTime, StartLoggingTime, StopLoggingTime, TrailArn."],
    ["GetTrailStatus", "Whether a trail is logging and how its deliveries went.", [NAME], "IsLogging, StartLoggingTime, StopLoggingTime, LatestDeliveryTime, LatestDeliveryError, LatestDeliveryLogServiceTime, LatestDeliveryLogServiceError, OssBucketStatus, SlsLogStoreStatus."],
    ["StartLogging", "Starts delivery of events ingested from now on.", [NAME], "RequestId."],
    ["StopLogging", "Stops delivery; checkpoints stay.", [NAME], "RequestId."],
  ],
  "Delivery history jobs": [
    ["CreateDeliveryHistoryJob", "Delivers the last 90 days of a trail's matching events once. One job at a time.", [{ name: "TrailName", required: true, text: "The trail." }, { name: "ClientToken", text: "Accepted and ignored." }], "JobId."],
    ["GetDeliveryHistoryJob", "One job.", [{ name: "JobId", required: true, text: "From CreateDeliveryHistoryJob." }], "JobId, TrailName, JobStatus (0 initializing, 1 delivering, 2 complete, 3 failed or cancelled), HomeRegion, CreatedTime, UpdatedTime, StartTime, EndTime, Status, TotalEvents, DeliveredEvents, ErrorMessage."],
    ["ListDeliveryHistoryJobs", "Jobs, newest first.", [{ name: "PageNumber", text: "From 1 (default 1)." }, { name: "PageSize", text: "1–100 (default 20)." }], "DeliveryHistoryJobs, TotalCount, PageNumber, PageSize."],
    ["DeleteDeliveryHistoryJob", "Deletes a job that is not running.", [{ name: "JobId", required: true, text: "The job." }], "RequestId."],
  ],
  Regions: [["DescribeRegions", "The 23 ActionTrail regions.", [], "Regions.Region: RegionId, LocalName, RegionEndpoint."]],
};

export const ACTION_DOCS: ActionDoc[] = Object.entries(ACTION_ROWS).flatMap(([group, rows]) =>
  rows.map(([action, summary, params, returns]) => ({ action, group: group as ActionDoc["group"], summary, params, returns })),
);

/** Who may call an action, from the table the endpoint enforces. */
export function rolesOf(action: string): readonly string[] {
  return ACTIONS[action]?.roles ?? [];
}

export interface ErrorDoc {
  code: string;
  status: number;
  when: string;
}

export const ERROR_DOCS: ErrorDoc[] = [
  { code: "MissingParameter", status: 400, when: "A required parameter (AccessKeyId, Signature, SignatureNonce, Timestamp, Action, Version, or one of the action's) is absent." },
  { code: "InvalidParameter", status: 400, when: `A parameter has a bad value; the message names it and says what is expected. A SignatureNonce longer than ${MAX_NONCE_CHARS} characters is refused before anything is stored.` },
  { code: "InvalidAccessKeyId.NotFound", status: 404, when: "No such AccessKey." },
  { code: "InvalidAccessKeyId.Inactive", status: 400, when: "The AccessKey is disabled." },
  { code: "SignatureDoesNotMatch", status: 400, when: "The signature is wrong; the message shows the string the server signed." },
  { code: "InvalidTimeStamp.Format", status: 400, when: "Timestamp is not YYYY-MM-DDThh:mm:ssZ." },
  { code: "InvalidTimeStamp.Expired", status: 400, when: "Timestamp is more than 15 minutes away from the server's clock." },
  { code: "SignatureNonceUsed", status: 400, when: "The key already sent this SignatureNonce with a Timestamp that is still accepted (nonces are kept in the database until Timestamp + 15 minutes, for every server process)." },
  { code: "InvalidVersion", status: 400, when: "Version is not 2020-07-06." },
  { code: "InvalidAction.NotFound", status: 404, when: "Unknown Action." },
  { code: "Forbidden.RAM", status: 403, when: "The key's owner's role may not call this action (only admins change trails and jobs)." },
  { code: "Throttling.User", status: 400, when: `More correctly signed requests per second than TRAILKEEPER_API_RATE (default ${DEFAULT_RATE}) for this key, counted across all server processes. Retry-After says when to try again.` },
  {
    code: "Throttling",
    status: 400,
    when: `More than ${AUTH_FAILURES_ALLOWED} calls from your address failed authentication within ${AUTH_FAILURE_WINDOW_SECONDS / 60} minutes: every call from it is refused for ${AUTH_FAILURE_BLOCK_SECONDS / 60} minutes. Retry-After says how long.`,
  },
  { code: "TrailNotFoundException", status: 404, when: "No trail of that name." },
  { code: "TrailExistedException", status: 400, when: "A trail of that name exists." },
  { code: "InsufficientTrailQuotaException", status: 400, when: "The home region already has 5 trails." },
  { code: "OssBucketNotExistException", status: 400, when: "OssBucketName is not a Trailkeeper bucket." },
  { code: "DeliveryHistoryJobRunningException", status: 400, when: "A delivery history job is already running." },
  { code: "DeliveryHistoryJobNotFoundException", status: 404, when: "No job of that JobId." },
  { code: "InternalError", status: 500, when: "An unexpected failure; the RequestId is in the server log." },
];

export interface ExampleInput {
  /** e.g. http://127.0.0.1:3000 */
  origin: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/** The aliyun CLI: endpoint as the bare host (served by /openapi), plain HTTP with --insecure. */
export function aliyunCliExample(x: ExampleInput): string {
  const host = x.origin.replace(/^https?:\/\//, "");
  return [
    `aliyun configure set --profile trailkeeper --mode AK --region cn-hangzhou \\`,
    `  --access-key-id ${x.accessKeyId} --access-key-secret ${x.accessKeySecret}`,
    ``,
    `aliyun actiontrail LookupEvents --profile trailkeeper --endpoint ${host}${x.origin.startsWith("http://") ? " --insecure" : ""} \\`,
    `  --LookupAttribute.1.Key EventName --LookupAttribute.1.Value ConsoleSignin --MaxResults 10`,
  ].join("\n");
}

/** Node: the official @alicloud/pop-core RPC client. Prints how many events one page held. */
export function nodeExample(x: ExampleInput): string {
  return `// npm install @alicloud/pop-core
const RPCClient = require("@alicloud/pop-core");

const client = new RPCClient({
  accessKeyId: "${x.accessKeyId}",
  accessKeySecret: "${x.accessKeySecret}",
  endpoint: "${x.origin}/openapi",
  apiVersion: "2020-07-06",
});

client
  .request("LookupEvents", { "LookupAttribute.1.Key": "EventRW", "LookupAttribute.1.Value": "Write", MaxResults: 10 }, { method: "POST" })
  .then((res) => console.log(res.Events.length, "events; next page:", res.NextToken ?? "none"))
  .catch((err) => { console.error(err.code, err.message); process.exit(1); });`;
}

/**
 * curl with openssl: signature v1 by hand. The parameters are already in sorted order and
 * percent-encoded; the string to sign encodes them once more.
 */
export function curlExample(x: ExampleInput): string {
  return `AK='${x.accessKeyId}'
SK='${x.accessKeySecret}'
TS=$(date -u +%Y-%m-%dT%H%%3A%M%%3A%SZ)
NONCE=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')
Q="AccessKeyId=$AK&Action=DescribeTrails&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=$NONCE&SignatureVersion=1.0&Timestamp=$TS&Version=2020-07-06"
STS="GET&%2F&$(printf %s "$Q" | sed 's/%/%25/g; s/&/%26/g; s/=/%3D/g')"
SIG=$(printf %s "$STS" | openssl dgst -sha1 -hmac "$SK&" -binary | base64 | sed 's/+/%2B/g; s/\\//%2F/g; s/=/%3D/g')
curl -s "${x.origin}/openapi?$Q&Signature=$SIG"`;
}
