// Trailkeeper's catalogue of what ActionTrail records: regions, services with their event names and resource
// types (docs/actiontrail.md). The demo generator, the filter suggestions and the API's catalogue read it.
import { DEFAULT_REGION, GLOBAL_EVENTS_REGION, REGION_IDS, REGIONS, regionName } from "@/lib/events/regions";
import { SERVICES, type EventDef, type EventRW, type IdFormat, type ResourceTypeDef, type ServiceDef } from "./services";

export { DEFAULT_REGION, GLOBAL_EVENTS_REGION, REGION_IDS, REGIONS, regionName, SERVICES };
export type { EventDef, EventRW, IdFormat, ResourceTypeDef, ServiceDef };

export { EVENT_TYPES } from "@/lib/events/schema";
export type EventType = (typeof import("@/lib/events/schema").EVENT_TYPES)[number];

export const SERVICE_CODES: readonly string[] = SERVICES.map((s) => s.code);

/** Services whose events are global (isGlobal true): RAM, STS, Resource Management and account (sign-in) events. */
export const GLOBAL_SERVICE_CODES: readonly string[] = SERVICES.filter((s) => s.global).map((s) => s.code);

const SERVICE_BY_CODE = new Map(SERVICES.map((s) => [s.code.toLowerCase(), s]));

/** Case-insensitive lookup by service code ("Ecs", "ecs", "R-kvstore"). */
export function getService(code: string): ServiceDef | undefined {
  return SERVICE_BY_CODE.get(code.toLowerCase());
}

export function isGlobalService(code: string): boolean {
  return getService(code)?.global ?? false;
}

/** Every distinct event name in the catalogue, sorted. */
export const EVENT_NAMES: readonly string[] = [...new Set(SERVICES.flatMap((s) => s.events.map((e) => e.name)))].sort();

/** Every distinct resource type in the catalogue, sorted. */
export const RESOURCE_TYPES: readonly string[] = [
  ...new Set(SERVICES.flatMap((s) => s.resourceTypes.map((r) => r.type))),
].sort();

/** Read/Write of an event name in a service (falls back to any service, then to a name-based guess). */
export function eventRWOf(eventName: string, serviceCode?: string): EventRW {
  const svc = serviceCode ? getService(serviceCode) : undefined;
  const hit = svc?.events.find((e) => e.name === eventName) ?? SERVICES.flatMap((s) => s.events).find((e) => e.name === eventName);
  if (hit) return hit.rw;
  return /^(Describe|List|Get|Lookup|Query|Check|Search|Validate)/i.test(eventName) ? "Read" : "Write";
}

