// Catalogue of Alibaba Cloud services (service codes: docs/actiontrail.md "Services") with their real API event names.
// Compact notation, parsed once at load:
//   res: { Key: [resourceType, requestParameter, idFormat] }
//     idFormat: "reg:i-:17"  prefix + region code (bp1 for cn-hangzhou, uf6 for cn-shanghai, …) + 17 [a-z0-9]
//               "rnd:rg-acfm:10"  prefix + 10 [a-z0-9];  "hex:c:32"  prefix + 32 hex;  "num::9"  9 digits
//               "uuid";  "uuidn:a,b"  a UUID followed by a name (RealtimeCompute deployments, docs/actiontrail.md "Event format")
//               "names:a,b,{region}-c"  fixed names ({region} is replaced);  "users" / "accessKeys" (the RAM population)
//   ev: whitespace-separated "R:EventName" | "W:EventName@ResKey" | "W:EventName@ResKey+OtherResKey*weight"
//     R = Read, W = Write; weight defaults to 4 for reads and 1 for writes.

import { RAW_SERVICES, type RawService } from "./services-data";

export type EventRW = "Read" | "Write";

export type IdFormat =
  | { kind: "regional"; prefix: string; len: number }
  | { kind: "random"; prefix: string; len: number }
  | { kind: "hex"; prefix: string; len: number }
  | { kind: "digits"; prefix: string; len: number }
  | { kind: "uuid"; names?: string[] }
  | { kind: "names"; names: string[] }
  | { kind: "users" }
  | { kind: "accessKeys" };

export interface ResourceTypeDef {
  /** ActionTrail resource type, e.g. "ACS::ECS::Instance". */
  type: string;
  /** The request parameter that carries the id, e.g. "InstanceId". */
  param: string;
  format: IdFormat;
}

export interface EventDef {
  name: string;
  rw: EventRW;
  /** Relative frequency within the service. */
  weight: number;
  /** Primary referenced resource; absent for list/describe-all calls. */
  resource?: ResourceTypeDef;
  /** A second referenced resource (e.g. AttachDisk references the disk and the instance). */
  resource2?: ResourceTypeDef;
}

export interface ServiceDef {
  /** Service code as in docs/actiontrail.md "Services" and in the event's serviceName ("Ecs", "R-kvstore", …). */
  code: string;
  name: string;
  /** eventSource; "{region}" is replaced by the acsRegion. */
  eventSource: string;
  apiVersion: string;
  /** Global service: its events carry isGlobal true and are listed under the global-events region. */
  global: boolean;
  /** Regions the service's API is called in, when it is not called everywhere (e.g. CDN, DNS). */
  regions?: string[];
  resourceTypes: ResourceTypeDef[];
  events: EventDef[];
}

function parseFormat(spec: string): IdFormat {
  const [kind, a = "", b = ""] = spec.split(":");
  switch (kind) {
    case "reg": return { kind: "regional", prefix: a, len: Number(b) };
    case "rnd": return { kind: "random", prefix: a, len: Number(b) };
    case "hex": return { kind: "hex", prefix: a, len: Number(b) };
    case "num": return { kind: "digits", prefix: a, len: Number(b) };
    case "uuid": return { kind: "uuid" };
    case "uuidn": return { kind: "uuid", names: spec.slice(6).split(",") };
    case "names": return { kind: "names", names: spec.slice(6).split(",") };
    case "users": return { kind: "users" };
    case "accessKeys": return { kind: "accessKeys" };
  }
  throw new Error(`bad id format ${spec}`);
}

const EVENT_RE = /^([RW]):([A-Za-z0-9]+)(?:@(\w+)(?:\+(\w+))?)?(?:\*([\d.]+))?$/;

function parseService(raw: RawService): ServiceDef {
  const byKey = new Map<string, ResourceTypeDef>();
  for (const [key, [type, param, fmt]] of Object.entries(raw.res)) byKey.set(key, { type, param, format: parseFormat(fmt) });
  const lookup = (key: string | undefined) => {
    if (key === undefined) return undefined;
    const r = byKey.get(key);
    if (!r) throw new Error(`${raw.code}: unknown resource key ${key}`);
    return r;
  };
  const events = raw.ev.trim().split(/\s+/).map((token): EventDef => {
    const m = EVENT_RE.exec(token);
    if (!m) throw new Error(`${raw.code}: bad event token ${token}`);
    const rw: EventRW = m[1] === "R" ? "Read" : "Write";
    const def: EventDef = { name: m[2], rw, weight: m[5] ? Number(m[5]) : rw === "Read" ? 4 : 1 };
    const r1 = lookup(m[3]);
    const r2 = lookup(m[4]);
    if (r1) def.resource = r1;
    if (r2) def.resource2 = r2;
    return def;
  });
  const svc: ServiceDef = {
    code: raw.code, name: raw.name, eventSource: raw.source, apiVersion: raw.api, global: raw.global ?? false,
    resourceTypes: [...byKey.values()], events,
  };
  if (raw.regions) svc.regions = raw.regions;
  return svc;
}

export const SERVICES: readonly ServiceDef[] = RAW_SERVICES.map(parseService);
