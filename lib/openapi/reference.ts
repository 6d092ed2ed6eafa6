// The compatible API's reference, as the console's API page and the README show it: every action with
// its parameters, every error code, and the three worked examples (aliyun CLI, Node SDK, curl). The
// e2e suite runs the Node and curl examples exactly as written here, so they stay true.
import { ACTIONS } from "./actions";
import { ACTION_GROUPS, type ActionDef, type ErrorDoc } from "./actions/define";
import { MAX_NONCE_CHARS } from "./nonces";
import { AUTH_FAILURES_ALLOWED, AUTH_FAILURE_BLOCK_SECONDS, AUTH_FAILURE_WINDOW_SECONDS, DEFAULT_RATE } from "./throttle";

export type { ErrorDoc, ParamDoc } from "./actions/define";

/** One action of the reference: its name, group, summary, parameters, returns, errors and example. */
export interface ActionDoc extends Omit<ActionDef, "run" | "rw" | "roles"> {
  action: string;
}

/** Every action, group by group in the order the API page lists them. */
export const ACTION_DOCS: ActionDoc[] = ACTION_GROUPS.flatMap((group) =>
  Object.entries(ACTIONS)
    .filter(([, def]) => def.group === group)
    .map(([action, { run: _run, rw: _rw, roles: _roles, ...doc }]) => ({ action, ...doc })),
);

/** Who may call an action, from the table the endpoint enforces. */
export function rolesOf(action: string): readonly string[] {
  return ACTIONS[action]?.roles ?? [];
}

/** The errors any call can get. */
export const COMMON_ERROR_DOCS: ErrorDoc[] = [
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
  { code: "UnsupportedHTTPMethod", status: 405, when: "A method other than GET and POST." },
  { code: "InternalError", status: 500, when: "An unexpected failure; the RequestId is in the server log." },
];

/** Every error code: the common ones, then each action's own (once each, first description kept). */
export const ERROR_DOCS: ErrorDoc[] = [...COMMON_ERROR_DOCS, ...ACTION_DOCS.flatMap((a) => a.errors ?? [])].filter(
  (e, i, all) => all.findIndex((o) => o.code === e.code) === i,
);

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

/**
 * Node with the V2.0 core: what a generated SDK (@alicloud/actiontrail20200706 and its Go, Python, Java
 * siblings) does inside each method, signed with ACS3-HMAC-SHA256, the core's default. Prints the
 * event count of one page.
 */
export function nodeV2Example(x: ExampleInput): string {
  const host = x.origin.replace(/^https?:\/\//, "");
  const protocol = x.origin.startsWith("https://") ? "HTTPS" : "HTTP";
  return `// npm install @alicloud/openapi-client
const { default: OpenApi, Config, Params, OpenApiRequest } = require("@alicloud/openapi-client");

const client = new OpenApi(new Config({
  accessKeyId: "${x.accessKeyId}",
  accessKeySecret: "${x.accessKeySecret}",
  endpoint: "${host}",
  protocol: "${protocol}",
}));
const params = new Params({
  action: "LookupEvents", version: "2020-07-06", protocol: "${protocol}", pathname: "/",
  method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
});
const query = { "LookupAttribute.1.Key": "EventRW", "LookupAttribute.1.Value": "Write", MaxResults: "10" };

client
  .callApi(params, new OpenApiRequest({ query }), {})
  .then(({ body }) => console.log(body.Events.length, "events; next page:", body.NextToken || "none"))
  .catch((err) => { console.error(err.code, err.message); process.exit(1); });`;
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
