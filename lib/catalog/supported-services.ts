// The catalogue the API answers (docs/actiontrail-catalogue.md): the supported services (the Introduction's
// list and Trailkeeper's catalogue of event names), joined with what stored events show (lib/catalog/observed.ts).
// Pure functions: the observed values are passed in.
import { eventMeaning } from "./event-meanings";
import { SERVICES, eventRWOf, getService, type EventRW } from "./catalog";
import { SUPPORTED_SERVICE_ROWS } from "./supported-services-data";

export interface SupportedService {
  code: string;
  name: string;
  category: string;
  /** Where it comes from: the Introduction's list, the event-name catalogue, or only stored events. */
  source: "supported-list" | "catalogue" | "events";
}

const OTHER = "Other";

/** One entry per service code (the first product name the list gives a code), then the catalogue's, then those only events show. */
export function supportedServices(seenInEvents: readonly string[]): SupportedService[] {
  const byCode = new Map<string, SupportedService>();
  const add = (s: SupportedService) => {
    const k = s.code.toLowerCase();
    if (!byCode.has(k)) byCode.set(k, s);
  };
  for (const r of SUPPORTED_SERVICE_ROWS) add({ code: r.code, name: r.name, category: r.category, source: "supported-list" });
  for (const s of SERVICES) add({ code: s.code, name: s.name, category: OTHER, source: "catalogue" });
  for (const code of seenInEvents) if (code) add({ code, name: code, category: OTHER, source: "events" });
  return [...byCode.values()];
}

/** The service's canonical code when the catalogue or the list knows it ("ecs" → "Ecs"). */
export function canonicalServiceCode(code: string): string | undefined {
  const k = code.toLowerCase();
  return getService(code)?.code ?? SUPPORTED_SERVICE_ROWS.find((r) => r.code.toLowerCase() === k)?.code;
}

export interface EventNameEntry {
  eventName: string;
  serviceName: string;
  eventRW: EventRW;
  description: string;
}

/** The catalogue's event names of a service and those its stored events show, sorted by name. */
export function eventNamesOf(serviceCode: string, seenInEvents: readonly string[]): EventNameEntry[] {
  const svc = getService(serviceCode);
  const code = svc?.code ?? serviceCode;
  const names = new Set<string>([...(svc?.events.map((e) => e.name) ?? []), ...seenInEvents]);
  return [...names]
    .sort()
    .map((eventName) => ({ eventName, serviceName: code, eventRW: eventRWOf(eventName, code), description: eventMeaning(code, eventName) ?? "" }));
}

/**
 * The resource types of a service: the catalogue's, and any stored type named after the service
 * (ACS::<Service>::<Type>, compared case-insensitively: events write ACS::ECS::… for Ecs).
 */
export function resourceTypesOf(serviceCode: string, seenTypes: readonly string[]): string[] {
  const svc = getService(serviceCode);
  const mid = serviceCode.toLowerCase();
  const own = seenTypes.filter((t) => t.split("::")[1]?.toLowerCase() === mid);
  return [...new Set([...(svc?.resourceTypes.map((r) => r.type) ?? []), ...own])].sort();
}

// The lifecycle categories (docs/actiontrail-catalogue.md "DescribeResourceLifeCycleEvents"): by event name,
// the operations that make, change and remove a resource (the same rule as lib/activity/resources.ts).
const CREATE = /^(?:(?:Create|Allocate|Purchase|Clone|Import|Run)[A-Z].*|RunInstances|PutBucket)$/;
const DELETE = /^(?:Delete|Release|Terminate|Destroy|Remove)[A-Z].*$/;
const MODIFY = /^(?:Modify|Update|Set|Put|Attach|Detach|Associate|Unassociate|Authorize|Revoke|Resize|Replace|Enable|Disable|Start|Stop|Reboot|Restart|Add|Bind|Unbind|Change|Reset|Grant|Tag|Untag)[A-Z].*$/;

export type LifecycleKind = "create" | "modify" | "delete";

export function lifecycleKindOf(eventName: string): LifecycleKind | null {
  if (DELETE.test(eventName) && !/^Delete(?:Object|Objects|MultipleObjects)$/.test(eventName)) return "delete";
  if (CREATE.test(eventName)) return "create";
  if (MODIFY.test(eventName)) return "modify";
  return null;
}

const KIND_LABELS: Record<LifecycleKind, string> = { create: "Create Events", modify: "Modify Events", delete: "Delete Events" };

interface LifecycleNode {
  label: string;
  labelEn: string;
  value: string;
  children?: LifecycleNode[];
}

/**
 * ActionTrail's lifecycle tree (the Data string of DescribeResourceLifeCycleEvents): services → their
 * resource types → the event names that create, modify and delete a resource of that type (comma-separated
 * in `value`). Only resource types with at least one lifecycle event appear; `service`/`resourceType` narrow it.
 */
export function lifecycleTree(filter: { service?: string; resourceType?: string }): LifecycleNode[] {
  const services = filter.service ? SERVICES.filter((s) => s.code.toLowerCase() === filter.service!.toLowerCase()) : SERVICES;
  const out: LifecycleNode[] = [];
  for (const s of services) {
    const types: LifecycleNode[] = [];
    for (const rt of s.resourceTypes) {
      if (filter.resourceType && rt.type.toLowerCase() !== filter.resourceType.toLowerCase()) continue;
      // The events whose primary resource is this type: CreateSnapshot makes a snapshot, not a disk.
      const names = s.events.filter((e) => e.resource?.type === rt.type).map((e) => e.name);
      const kinds = (["create", "modify", "delete"] as const)
        .map((k) => ({ k, list: [...new Set(names.filter((n) => lifecycleKindOf(n) === k))] }))
        .filter((x) => x.list.length > 0)
        .map(({ k, list }) => ({ label: KIND_LABELS[k], labelEn: KIND_LABELS[k], value: list.join(",") }));
      if (kinds.length) types.push({ label: rt.type, labelEn: rt.type, value: rt.type, children: kinds });
    }
    if (types.length) out.push({ label: s.name, labelEn: s.name, value: s.code, children: types });
  }
  return out;
}
