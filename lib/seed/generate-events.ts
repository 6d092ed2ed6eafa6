// Deterministic generator of realistic ActionTrail events for demo data, tests and benchmarks.
// The same options (seed, end, days, count) always give the same events; no Math.random.
import type { EventDef, ResourceTypeDef, ServiceDef } from "@/lib/catalog/catalog";
import { REGION_IDS } from "@/lib/catalog/catalog";
import { type Actor, type Channel, type Population, type Schedule, getPopulation } from "./population";
import { ERROR_MESSAGES, EXTRA_PARAMS, NOT_FOUND, errorMessage } from "./event-details";
import { fmix32, hashString, mulberry32, pick, randomString, uuid, Weighted, type Rng } from "./prng";

export interface GenerateEventsOptions {
  count: number;
  /** End of the window (default: now). Events fall in (end - days, end]. */
  end?: Date;
  /** Window length in days (default 90). */
  days?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Prepended verbatim to every eventId (default none: eventIds are plain UUIDs). */
  idPrefix?: string;
}

export interface GeneratorContext {
  rng: Rng;
  seedMix: number;
  idPrefix: string;
  pop: Population;
  startSec: number;
  totalSec: number;
  schedules: Map<string, Weighted<number>>;
}

const API_ERROR_RATE = 0.046;
const SIGNIN_FAILURE_RATE = 0.1;

// Region part of resource ids (i-bp1…, vpc-uf6…), as Alibaba Cloud allocates them per region.
const REGION_CODES: Record<string, string> = {
  "cn-hangzhou": "bp1", "cn-shanghai": "uf6", "cn-qingdao": "m5e", "cn-beijing": "2ze", "cn-zhangjiakou": "8vb",
  "cn-huhehaote": "hp3", "cn-wulanchabu": "0jl", "cn-shenzhen": "wz9", "cn-heyuan": "f8z", "cn-guangzhou": "7xv",
  "cn-chengdu": "2vc", "cn-hongkong": "j6c", "ap-southeast-1": "t4n", "ap-southeast-2": "p0w", "ap-southeast-3": "8ps",
  "ap-southeast-5": "k1a", "ap-northeast-1": "6we", "eu-central-1": "gw8", "eu-west-1": "d7o", "us-west-1": "rj9",
  "us-east-1": "0xi", "ap-south-1": "a2d", "me-east-1": "eb3",
};

export function createGeneratorContext(opts: GenerateEventsOptions): GeneratorContext {
  const days = opts.days ?? 90;
  const endSec = Math.floor((opts.end ?? new Date()).getTime() / 1000);
  const totalSec = Math.max(1, Math.floor(days * 86400));
  const seed = (opts.seed ?? 1) >>> 0;
  return {
    rng: mulberry32(fmix32(seed ^ 0x5eed5eed)),
    seedMix: fmix32(seed + 0x9e3779b9),
    idPrefix: opts.idPrefix ?? "",
    pop: getPopulation(),
    startSec: endSec - totalSec,
    totalSec,
    schedules: new Map(),
  };
}

/** Yields `count` events in the ActionTrail format (docs/actiontrail.md "Event format"), spread over the window, not in time order. */
export function* generateEvents(opts: GenerateEventsOptions): Generator<Record<string, unknown>> {
  const ctx = createGeneratorContext(opts);
  for (let i = 0; i < opts.count; i++) yield generateEvent(ctx, i);
}

// ---------------------------------------------------------------------------------------------- time

function hourWeight(schedule: Schedule, dow: number, hour: number): number {
  const weekend = dow === 0 || dow === 6;
  if (schedule === "flat") return weekend ? 0.9 : 1;
  const work = hour >= 9 && hour < 19;
  if (schedule === "ci") return (work ? 6 : hour >= 7 && hour < 23 ? 2 : 0.8) * (weekend ? 0.2 : 1);
  const w = work ? (hour === 12 ? 6 : 10) : hour === 8 || (hour >= 19 && hour < 22) ? 3.5 : hour === 7 || hour >= 22 ? 1.2 : 0.3;
  return w * (weekend ? 0.12 : 1);
}

function scheduleTable(ctx: GeneratorContext, schedule: Schedule, tz: number): Weighted<number> {
  const key = schedule + tz;
  let t = ctx.schedules.get(key);
  if (!t) {
    const n = Math.ceil(ctx.totalSec / 3600);
    const entries: [number, number][] = [];
    for (let b = 0; b < n; b++) {
      const len = Math.min(3600, ctx.totalSec - b * 3600);
      const local = ctx.startSec + b * 3600 + len / 2 + tz * 3600;
      const dow = (Math.floor(local / 86400) + 4) % 7; // 1970-01-01 was a Thursday
      const hour = Math.floor(local / 3600) % 24;
      entries.push([b, hourWeight(schedule, dow, hour) * (len / 3600)]);
    }
    t = new Weighted(entries);
    ctx.schedules.set(key, t);
  }
  return t;
}

function isoSeconds(sec: number): string {
  const s = new Date(sec * 1000).toISOString();
  return s.slice(0, 19) + "Z";
}

// ----------------------------------------------------------------------------------------- resources

const pools = new Map<string, string[]>();

function poolSize(region: string, big: number, mid: number, small: number): number {
  return region === "cn-hangzhou" || region === "cn-shanghai" ? big
    : region === "cn-beijing" || region === "cn-shenzhen" || region === "ap-southeast-1" ? mid : small;
}

function resourcePool(pop: Population, res: ResourceTypeDef, region: string): string[] {
  const f = res.format;
  if (f.kind === "users") return pop.ramUserNames;
  if (f.kind === "accessKeys") return pop.accessKeyIds;
  const key = res.type + "|" + res.param + "|" + region;
  let pool = pools.get(key);
  if (pool) return pool;
  const rng = mulberry32(hashString(key));
  const make = (n: number, fn: () => string) => Array.from({ length: n }, fn);
  switch (f.kind) {
    case "regional":
      pool = make(poolSize(region, 24, 12, 5), () => f.prefix + (REGION_CODES[region] ?? "bp1") + randomString(rng, f.len, "lower"));
      break;
    case "random":
      pool = make(poolSize(region, 10, 6, 3), () => f.prefix + randomString(rng, f.len, "lower"));
      break;
    case "hex":
      pool = make(poolSize(region, 10, 6, 3), () => f.prefix + randomString(rng, f.len, "hex"));
      break;
    case "digits":
      pool = make(poolSize(region, 10, 6, 3), () => f.prefix + randomString(rng, f.len, "digits"));
      break;
    case "uuid":
      pool = make(poolSize(region, 10, 6, 3), () => uuid(rng));
      break;
    case "names":
      pool = f.names.map((n) => n.replace("{region}", region));
      break;
  }
  pools.set(key, pool);
  return pool;
}

// ------------------------------------------------------------------------------------ per-event meta

interface EventMeta {
  extras: [string, unknown][];
  paged: boolean;
  creates: boolean;
  errors: Weighted<string>;
}

const metas = new Map<EventDef, EventMeta>();

function metaOf(svc: ServiceDef, ev: EventDef): EventMeta {
  let m = metas.get(ev);
  if (m) return m;
  const name = ev.name;
  const oss = svc.code === "Oss";
  const errs: [string, number][] = [
    [oss ? "AccessDenied" : "Forbidden.RAM", 30], ["Throttling.User", 10], ["InvalidParameter", 6], ["MissingParameter", 2],
    ["ServiceUnavailable", 2], ["InternalError", 2], ["InvalidAccessKeyId.NotFound", 1], ["SignatureDoesNotMatch", 1],
  ];
  if (ev.resource && !/^Create|^Put|^Run|^Allocate/.test(name)) errs.push([NOT_FOUND[ev.resource.type] ?? "InvalidResourceId.NotFound", 20]);
  if (/^(Start|Stop|Reboot|Restart|Modify)/.test(name) && /Instance$/.test(ev.resource?.type ?? "")) {
    errs.push([ev.resource!.type.endsWith("DBInstance") ? "IncorrectDBInstanceState" : "IncorrectInstanceStatus", 25]);
  }
  if (svc.code === "Ram" && name.startsWith("Create") && ev.resource) {
    errs.push(["EntityAlreadyExists." + ev.resource.type.split("::")[2], 20]);
  }
  if (oss && name === "PutBucket") errs.push(["BucketAlreadyExists", 20]);
  if (name === "RunInstances" || name === "CreateInstance") errs.push(["QuotaExceed.ElasticQuota", 15]);
  else if (/^(Create|Allocate)/.test(name)) errs.push(["QuotaExceeded", 4]);
  if (name === "DeleteVpc" || name === "DeleteSecurityGroup" || name === "DeleteVSwitch") errs.push(["DependencyViolation", 20]);
  m = {
    extras: Object.entries(EXTRA_PARAMS[name] ?? {}),
    paged: !ev.resource && /^(Describe|List)/.test(name),
    creates: /^(Create|Run|Allocate|Put)/.test(name) && !!ev.resource,
    errors: new Weighted(errs),
  };
  metas.set(ev, m);
  return m;
}

const sources = new Map<string, string>();
function eventSourceOf(svc: ServiceDef, region: string): string {
  if (!svc.eventSource.includes("{region}")) return svc.eventSource;
  const k = svc.code + region;
  let s = sources.get(k);
  if (!s) sources.set(k, (s = svc.eventSource.replace("{region}", region)));
  return s;
}

// ------------------------------------------------------------------------------------------- events

const SIGNIN_PROBES = ["admin", "administrator", "test", "root", "ops", "dev", "support", "backup"];

function identity(ctx: GeneratorContext, a: Actor, t: number, eventTime: string, consoleSession: boolean, accessKeyId: string | undefined) {
  const rng = ctx.rng;
  if (a.type === "system") return { type: "system", principalId: a.principalId, accountId: ctx.pop.accountId, userName: a.userName };
  const mfa = consoleSession && a.mfa ? "true" : "false";
  const creationDate = consoleSession ? isoSeconds(t - 300 - Math.floor(rng() * 21000)) : a.type === "assumed-role" ? isoSeconds(t - Math.floor(rng() * 3600)) : eventTime;
  const attributes = { mfaAuthenticated: mfa, creationDate };
  if (a.type === "assumed-role") {
    const session = pick(rng, a.sessions!);
    const id: Record<string, unknown> = {
      type: "assumed-role", principalId: a.principalId + ":" + session, accountId: ctx.pop.accountId, accessKeyId,
      userName: a.userName + "/" + session,
      sessionContext: { attributes, sessionIssuer: { type: "role", principalId: a.principalId, arn: a.role!.arn, userName: a.role!.name } },
    };
    return id;
  }
  const id: Record<string, unknown> = { type: a.type, principalId: a.principalId, accountId: ctx.pop.accountId };
  if (accessKeyId) id.accessKeyId = accessKeyId;
  id.userName = a.userName;
  id.sessionContext = { attributes };
  return id;
}

function signinEvent(ctx: GeneratorContext, a: Actor, eventId: string, t: number): Record<string, unknown> {
  const rng = ctx.rng;
  const eventTime = isoSeconds(t);
  const failed = rng() < SIGNIN_FAILURE_RATE;
  let code: string | undefined;
  let ip = rng() < a.tailIp ? pick(rng, ctx.pop.ipPools.tail) : a.ips.sample(rng);
  let userIdentity: Record<string, unknown>;
  let loginAccount = a.loginAccount ?? a.userName;
  if (failed) {
    const r = rng();
    code = r < 0.6 ? "InvalidPassword" : r < 0.85 ? "UserNotFound" : "InvalidMFACode";
  }
  if (code === "UserNotFound") {
    const probe = pick(rng, SIGNIN_PROBES);
    loginAccount = `${probe}@${ctx.pop.accountId}.onaliyun.com`;
    ip = pick(rng, ctx.pop.ipPools.suspicious);
    userIdentity = { type: "ram-user", accountId: ctx.pop.accountId, userName: probe };
  } else {
    userIdentity = { type: a.type, principalId: a.principalId, accountId: ctx.pop.accountId, userName: a.userName };
  }
  const ev: Record<string, unknown> = {
    eventId, eventVersion: 1, eventTime, eventName: "ConsoleSignin", eventType: "ConsoleSignin", eventRW: "Write",
    eventCategory: "Management", eventSource: "signin.aliyun.com", serviceName: a.type === "root-account" ? "Aas" : "AasSub",
    acsRegion: "cn-hangzhou", isGlobal: true, requestId: uuid(rng, undefined, true), sourceIpAddress: ip,
    userAgent: pick(rng, a.uas.console), userIdentity, requestParameters: {},
    responseElements: { LoginResult: failed ? "fail" : "success" },
    additionalEventData: { loginAccount, MFAUsed: !failed && a.mfa ? "true" : "false", callbackUrl: "https://home.console.aliyun.com/" },
  };
  if (code) {
    ev.errorCode = code;
    ev.errorMessage = ERROR_MESSAGES[code];
  }
  return ev;
}

/** One event: `index` is the position in the run (it makes the eventId unique). */
export function generateEvent(ctx: GeneratorContext, index: number): Record<string, unknown> {
  const rng = ctx.rng;
  const pop = ctx.pop;
  const eventId = ctx.idPrefix + uuid(rng, fmix32((index ^ ctx.seedMix) >>> 0));
  const a = pop.actorWeights.sample(rng);
  const bucket = scheduleTable(ctx, a.schedule, a.tz).sample(rng);
  const t = ctx.startSec + 1 + bucket * 3600 + Math.floor(rng() * Math.min(3600, ctx.totalSec - bucket * 3600));

  if (a.signinRate > 0 && rng() < a.signinRate) return signinEvent(ctx, a, eventId, t);

  // What: a habitual (service, event), a sensitive one now and then, or an ordinary call to one of the actor's services.
  let svc: ServiceDef;
  let ev: EventDef;
  if (a.fixed && rng() < a.fixedShare) {
    [{ svc }, ev] = a.fixed.sample(rng);
  } else if (a.sensitiveServices && rng() < a.sensitiveRate) {
    const tb = a.sensitiveServices.sample(rng);
    svc = tb.svc;
    ev = tb.sensitive!.sample(rng);
  } else {
    const tb = a.services!.sample(rng);
    svc = tb.svc;
    ev = (a.readOnly && tb.read ? tb.read : tb.normal).sample(rng);
  }
  const meta = metaOf(svc, ev);

  // Where.
  let region: string;
  if (svc.global) region = rng() < 0.9 ? "cn-hangzhou" : a.homeRegion;
  else if (svc.regions) region = svc.regions.length === 1 || rng() < 0.8 ? svc.regions[0] : pick(rng, svc.regions);
  else if (a.anyRegion > 0 && rng() < a.anyRegion) region = REGION_IDS[Math.floor(rng() * REGION_IDS.length)];
  else region = a.regions.sample(rng);

  // How.
  const channel: Channel = a.channels.sample(rng);
  const viaConsole = channel === "console" && !a.serviceHost;
  const eventType = a.type === "system" ? "AliyunServiceEvent" : viaConsole && rng() < 0.35 ? "ConsoleOperation" : "ApiCall";
  const sourceIpAddress = a.serviceHost ?? (rng() < a.tailIp ? pick(rng, pop.ipPools.tail) : a.ips.sample(rng));
  const userAgent = a.serviceHost ?? (viaConsole && svc.code === "RealtimeCompute" ? "RealtimeCompute" : pick(rng, a.uas[channel]));
  const accessKeyId = viaConsole || a.type === "system" ? undefined : a.accessKeys.sample(rng);
  const eventTime = isoSeconds(t);
  const requestId = svc.code === "RealtimeCompute"
    ? eventTime.slice(0, 4) + eventTime.slice(5, 7) + eventTime.slice(8, 10) + eventTime.slice(11, 13) + eventTime.slice(14, 16) + "-" + randomString(rng, 10, "upper")
    : uuid(rng, undefined, true);

  // Which resources.
  const requestParameters: Record<string, unknown> = {};
  if (!svc.global && svc.code !== "Oss") requestParameters.RegionId = region;
  let referencedResources: Record<string, string[]> | undefined;
  let firstId: string | undefined;
  if (ev.resource) {
    const r1 = ev.resource;
    const pool = resourcePool(pop, r1, region);
    const x = rng();
    const i1 = Math.floor(x * x * pool.length);
    firstId = pool[i1];
    const ids = [firstId];
    requestParameters[r1.param] = firstId;
    if (r1.format.kind === "uuid" && r1.format.names) ids.push(r1.format.names[i1 % r1.format.names.length]);
    referencedResources = { [r1.type]: ids };
    if (ev.resource2) {
      const r2 = ev.resource2;
      const p2 = resourcePool(pop, r2, region);
      const id2 = p2[Math.floor(rng() * p2.length)];
      requestParameters[r2.param] = id2;
      if (r2.type === r1.type) ids.push(id2);
      else referencedResources[r2.type] = [id2];
    } else if (ev.rw === "Write" && rng() < 0.06 && pool.length > 1) {
      const id2 = pool[(i1 + 1) % pool.length];
      ids.push(id2);
      requestParameters[r1.param] = firstId + "," + id2;
    }
  } else if (meta.paged) {
    requestParameters.PageSize = 50;
    requestParameters.PageNumber = 1;
  }
  for (let k = 0; k < meta.extras.length; k++) requestParameters[meta.extras[k][0]] = meta.extras[k][1];

  const failed = rng() < API_ERROR_RATE;
  const responseElements: Record<string, unknown> = { RequestId: requestId };
  if (meta.creates && !failed && firstId) responseElements[ev.resource!.param] = firstId;

  const out: Record<string, unknown> = {
    eventId, eventVersion: 1, eventTime, eventName: ev.name, eventType, eventRW: ev.rw, eventCategory: "Management",
    eventSource: eventSourceOf(svc, region), serviceName: svc.code, acsRegion: region, isGlobal: svc.global, requestId,
    apiVersion: svc.apiVersion, sourceIpAddress, userAgent,
    userIdentity: identity(ctx, a, t, eventTime, viaConsole, accessKeyId),
    requestParameters, responseElements,
  };
  if (referencedResources) {
    const types = Object.keys(referencedResources);
    out.referencedResources = referencedResources;
    // As the console lists it: the first resource type, and that type's names comma-joined.
    out.resourceType = types[0];
    out.resourceName = referencedResources[types[0]].join(",");
  }
  if (failed) {
    const code = meta.errors.sample(rng);
    out.errorCode = code;
    out.errorMessage = errorMessage(code);
  }
  if (svc.code === "RealtimeCompute") {
    out.additionalEventData = { namespace: `NamespaceRef(name=Optional[${a.userName.split(/[./]/)[0]}-${region}-default])` };
  }
  return out;
}
