// GetAccessKeyLastUsedInfo / Events / Ips / Products / Resources: ActionTrail's AccessKey audit, read
// from the last-used records kept at ingestion for 400 days (lib/access-keys/last-used.ts). Parameters,
// fields, types and paging follow the V2 SDK models written down in docs/access-key-last-used.md.
import { createHash } from "node:crypto";
import { findKeyRecord, LAST_USED_DAYS, listRecords, type LastUsedKind, type LastUsedRecord, type RecordCursor } from "@/lib/access-keys/last-used";
import { CAN } from "@/lib/auth/roles";
import { getService } from "@/lib/catalog/catalog";
import { accessKeyLastUsedNotFound, invalidParameter } from "../errors";
import { required, type Params } from "../params";
import { read, type ActionContext, type ActionTable, type ErrorDoc, type ParamDoc } from "./define";

/** PageSize: "Valid values: 0 to 100. Default value: 20." (a string in the models). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** GetAccessKeyLastUsedProducts has no paging: a key's services, newest first, at most this many. */
export const MAX_PRODUCTS = 1_000;
const MAX_ID_CHARS = 128;
const CONTROL = /[\u0000-\u001f\u007f]/;

function textParam(p: Params, name: string): string {
  const v = required(p, name);
  if (v.length > MAX_ID_CHARS || CONTROL.test(v)) throw invalidParameter(name, `${name} is at most ${MAX_ID_CHARS} characters, none of them control characters.`);
  return v;
}

function pageSize(p: Params): number {
  const v = p.PageSize;
  if (v === undefined || v === "") return DEFAULT_PAGE_SIZE;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > MAX_PAGE_SIZE) throw invalidParameter("PageSize", `PageSize is an integer from 0 to ${MAX_PAGE_SIZE}.`);
  // 0 is listed as valid; an empty page with a token would never end a paginator, so it means the default.
  return n === 0 ? DEFAULT_PAGE_SIZE : n;
}

/** The AccessKey's own record; a key with none in the 400 days is answered with an error by every action. */
async function keyRecord(accessKey: string, now: Date): Promise<LastUsedRecord> {
  const r = await findKeyRecord(accessKey, now);
  if (!r) throw accessKeyLastUsedNotFound(accessKey, LAST_USED_DAYS);
  return r;
}

const usedTimestamp = (r: LastUsedRecord) => Date.parse(r.lastUsed);

function serviceNames(code: string) {
  // The catalogue has one (English) name per service; both fields carry it (docs/access-key-last-used.md).
  const name = getService(code)?.name ?? code;
  return { ServiceNameCn: name, ServiceNameEn: name };
}

// NextToken: the last record of the page and a hash of what selects the sequence (action, key, service).
interface Token {
  l: string;
  k: string;
  h: string;
}

function sequenceHash(kind: LastUsedKind, accessKey: string, serviceName: string): string {
  return createHash("sha256").update(JSON.stringify([kind, accessKey, serviceName])).digest("base64url").slice(0, 22);
}

function readToken(p: Params, hash: string): RecordCursor | undefined {
  const raw = p.NextToken;
  if (raw === undefined || raw === "") return undefined;
  let t: Partial<Token> | undefined;
  try {
    t = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Token>;
  } catch {
    t = undefined;
  }
  if (!t || typeof t.l !== "string" || typeof t.k !== "string" || t.h !== hash || Number.isNaN(Date.parse(t.l))) {
    throw invalidParameter("NextToken", "The token is malformed or belongs to another AccessKey, ServiceName or action.");
  }
  return { lastUsed: t.l, valueKey: t.k };
}

/** One page of a key's records of `kind` in a service, with ActionTrail's NextToken (absent on the last page). */
async function page(p: Params, ctx: ActionContext, kind: LastUsedKind, listName: string, fields: (r: LastUsedRecord) => Record<string, unknown>) {
  const accessKey = textParam(p, "AccessKey");
  const serviceName = textParam(p, "ServiceName");
  const limit = pageSize(p);
  const hash = sequenceHash(kind, accessKey, serviceName);
  const after = readToken(p, hash);
  await keyRecord(accessKey, ctx.now);
  const { records, more } = await listRecords(accessKey, kind, { serviceName, limit, after, now: ctx.now });
  const out: Record<string, unknown> = {
    [listName]: records.map((r) => ({ ...fields(r), Detail: r.detail, Source: r.source, UsedTimestamp: usedTimestamp(r) })),
  };
  const last = records[records.length - 1];
  if (more && last) out.NextToken = Buffer.from(JSON.stringify({ l: last.lastUsed, k: last.valueKey, h: hash } satisfies Token)).toString("base64url");
  return out;
}

export async function getAccessKeyLastUsedInfo(p: Params, ctx: ActionContext) {
  const accessKey = textParam(p, "AccessKey");
  const r = await keyRecord(accessKey, ctx.now);
  const d = JSON.parse(r.detail) as { serviceName?: string; userIdentity?: Record<string, unknown> };
  const who = d.userIdentity ?? {};
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const accountType = text(who.type);
  const serviceName = d.serviceName ?? "";
  return {
    AccessKeyId: r.accessKeyId,
    AccountId: text(who.accountId),
    OwnerId: text(who.principalId),
    // "If the value of the AccountType parameter is root-account, the value of the UserName parameter is root."
    UserName: accountType === "root-account" ? "root" : text(who.userName),
    AccountType: accountType,
    UsedTimestamp: usedTimestamp(r),
    Detail: r.detail,
    Source: r.source,
    ServiceName: serviceName,
    ...serviceNames(serviceName),
  };
}

export async function getAccessKeyLastUsedProducts(p: Params, ctx: ActionContext) {
  const accessKey = textParam(p, "AccessKey");
  await keyRecord(accessKey, ctx.now);
  const { records } = await listRecords(accessKey, "service", { limit: MAX_PRODUCTS, now: ctx.now });
  return {
    Products: records.map((r) => ({
      ServiceName: r.serviceName, ...serviceNames(r.serviceName), Detail: r.detail, Source: r.source, UsedTimestamp: usedTimestamp(r),
    })),
  };
}

export const getAccessKeyLastUsedEvents = (p: Params, ctx: ActionContext) => page(p, ctx, "event", "Events", (r) => ({ EventName: r.value }));
export const getAccessKeyLastUsedIps = (p: Params, ctx: ActionContext) => page(p, ctx, "ip", "Ips", (r) => ({ Ip: r.value }));
export const getAccessKeyLastUsedResources = (p: Params, ctx: ActionContext) =>
  page(p, ctx, "resource", "Resources", (r) => ({ ResourceName: r.value, ResourceType: r.valueType ?? "" }));

const ACCESS_KEY: ParamDoc = { name: "AccessKey", required: true, text: "The AccessKey ID (any key seen in events, not only this console's)." };
const SERVICE: ParamDoc = { name: "ServiceName", required: true, text: "The service, as events name it (e.g. Ecs, Oss, Actiontrail)." };
const PAGING: ParamDoc[] = [
  { name: "PageSize", text: `0–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE} (0 means the default).` },
  { name: "NextToken", text: "From the previous page; only valid with the same AccessKey and ServiceName." },
];
const NOT_FOUND: ErrorDoc = { code: "AccessKeyNotFoundException", status: 404, when: `The AccessKey has no last-used record: not used in the last ${LAST_USED_DAYS} days.` };
const RECORDS = `Records are kept ${LAST_USED_DAYS} days after the last use, also after the events themselves have left the query store.`;
const ROW = "Detail (ActionTrail's summary of the newest event, a JSON text), Source (ManagementEvent, DataEvent or Internal), UsedTimestamp (ms)";
// The calling key is the one example key every server has: its own earlier calls are ApiCall events of
// the service Actiontrail. `${AccessKeyId}` is the AccessKeyId the example is signed with.
const EXAMPLE_KEY = "${AccessKeyId}";

export const ACCESS_KEY_ACTIONS: ActionTable = {
  GetAccessKeyLastUsedInfo: read(CAN.auditAccessKeys, getAccessKeyLastUsedInfo, {
    group: "AccessKeys",
    summary: `The last use of an AccessKey: when, by whom, in which service, and the event. ${RECORDS}`,
    params: [ACCESS_KEY],
    returns: "AccessKeyId, AccountId, OwnerId, UserName, AccountType, UsedTimestamp (ms), Detail, Source, ServiceName, ServiceNameCn, ServiceNameEn.",
    errors: [NOT_FOUND],
    example: { params: { AccessKey: EXAMPLE_KEY } },
  }),
  GetAccessKeyLastUsedProducts: read(CAN.auditAccessKeys, getAccessKeyLastUsedProducts, {
    group: "AccessKeys",
    summary: `The services an AccessKey was used on, last use first (at most ${MAX_PRODUCTS}).`,
    params: [ACCESS_KEY],
    returns: `Products: ServiceName, ServiceNameCn, ServiceNameEn, ${ROW}.`,
    errors: [NOT_FOUND],
    example: { params: { AccessKey: EXAMPLE_KEY } },
  }),
  GetAccessKeyLastUsedEvents: read(CAN.auditAccessKeys, getAccessKeyLastUsedEvents, {
    group: "AccessKeys",
    summary: "The event names an AccessKey called in a service, each with its last call, newest first.",
    params: [ACCESS_KEY, SERVICE, ...PAGING],
    returns: `Events: EventName, ${ROW}; NextToken (absent on the last page).`,
    errors: [NOT_FOUND],
    example: { params: { AccessKey: EXAMPLE_KEY, ServiceName: "Actiontrail", PageSize: "10" } },
  }),
  GetAccessKeyLastUsedIps: read(CAN.auditAccessKeys, getAccessKeyLastUsedIps, {
    group: "AccessKeys",
    summary: "The source IPs an AccessKey was used from in a service, each with its last use, newest first.",
    params: [ACCESS_KEY, SERVICE, ...PAGING],
    returns: `Ips: Ip, ${ROW}; NextToken (absent on the last page).`,
    errors: [NOT_FOUND],
    example: { params: { AccessKey: EXAMPLE_KEY, ServiceName: "Actiontrail" } },
  }),
  GetAccessKeyLastUsedResources: read(CAN.auditAccessKeys, getAccessKeyLastUsedResources, {
    group: "AccessKeys",
    summary: "The resources an AccessKey's events in a service referenced, each with its last use, newest first.",
    params: [ACCESS_KEY, SERVICE, ...PAGING],
    returns: `Resources: ResourceName, ResourceType, ${ROW}; NextToken (absent on the last page).`,
    errors: [NOT_FOUND],
    example: { params: { AccessKey: EXAMPLE_KEY, ServiceName: "Actiontrail" } },
  }),
};
