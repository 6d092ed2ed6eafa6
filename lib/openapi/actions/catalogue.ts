// The catalogue of the compatible API: DescribeSupportedServices, ListEventNames, ListProductResourceType
// and DescribeResourceLifeCycleEvents, from lib/catalog and what stored events show. Their request and
// response fields, and which of them have an SDK model, are in docs/actiontrail-catalogue.md.
import { findResourceTimeline } from "@/lib/activity/resources";
import { CAN } from "@/lib/auth/roles";
import { observedEventNames, observedResourceTypes, observedServices } from "@/lib/catalog/observed";
import {
  canonicalServiceCode,
  eventNamesOf,
  lifecycleKindOf,
  lifecycleTree,
  resourceTypesOf,
  supportedServices,
} from "@/lib/catalog/supported-services";
import { queryRetentionDays } from "@/lib/config/retention";
import { ALL_REGIONS, DAY_MS } from "@/lib/events/filters";
import { invalidParameter, missingParameter } from "../errors";
import { isoSeconds, optional, optionalInteger, type Params } from "../params";
import { RawJson } from "../raw-json";
import { read, type ActionTable, type ParamDoc } from "./define";

const SERVICE_CODE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const RESOURCE_TYPE = /^ACS::[A-Za-z0-9_-]{1,64}::[A-Za-z0-9_]{1,64}$/;
export const EVENT_NAMES_MAX = 100;
export const EVENT_NAMES_DEFAULT = 50;

function serviceParam(p: Params, name = "ServiceName"): string | undefined {
  const v = optional(p, name);
  if (v === undefined || v === "") return undefined;
  if (!SERVICE_CODE.test(v)) throw invalidParameter(name, "Use a service code such as Ecs, Oss or Ram (DescribeSupportedServices lists them).");
  return v;
}

function resourceTypeParam(p: Params): string | undefined {
  const v = optional(p, "ResourceType");
  if (v === undefined || v === "") return undefined;
  if (!RESOURCE_TYPE.test(v)) throw invalidParameter("ResourceType", "Use ACS::<Service>::<Type>, e.g. ACS::ECS::Instance (ListProductResourceType lists them).");
  return v;
}

/** Every spelling stored events may use for a service: as asked and as the catalogue writes it. */
function spellings(code: string): string[] {
  return [...new Set([code, canonicalServiceCode(code) ?? code])];
}

export async function describeSupportedServicesAction() {
  const services = supportedServices(await observedServices());
  return {
    Services: services.map((s) => ({ ServiceCode: s.code, ServiceName: s.name, Category: s.category, Source: s.source })),
  };
}

/** The offset a ListEventNames NextToken continues from; bound to the service it was issued for. */
function decodeOffset(token: string, service: string): number {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; s?: unknown };
    if (typeof t.o === "number" && Number.isSafeInteger(t.o) && t.o > 0 && t.s === service) return t.o;
  } catch {
    // Not a token of ours: refused below.
  }
  throw invalidParameter("NextToken", "The token is malformed or belongs to another ServiceName.");
}

const encodeOffset = (o: number, service: string) => Buffer.from(JSON.stringify({ o, s: service })).toString("base64url");

export async function listEventNamesAction(p: Params) {
  const service = serviceParam(p);
  if (!service) throw missingParameter("ServiceName");
  const max = optionalInteger(p, "MaxResults", 1, EVENT_NAMES_MAX) ?? EVENT_NAMES_DEFAULT;
  const token = optional(p, "NextToken");
  const offset = token ? decodeOffset(token, service.toLowerCase()) : 0;
  const all = eventNamesOf(service, await observedEventNames(spellings(service)));
  const page = all.slice(offset, offset + max);
  const out: Record<string, unknown> = {
    EventNames: page.map((e) => ({ EventName: e.eventName, ServiceName: e.serviceName, EventRW: e.eventRW, Description: e.description })),
    MaxResults: max,
    TotalCount: all.length,
  };
  if (offset + max < all.length) out.NextToken = encodeOffset(offset + max, service.toLowerCase());
  return out;
}

export async function listProductResourceTypeAction(p: Params) {
  const service = serviceParam(p);
  const seen = await observedResourceTypes();
  const codes = service ? [canonicalServiceCode(service) ?? service] : supportedServices([]).map((s) => s.code);
  const list = codes.flatMap((code) => resourceTypesOf(code, seen).map((type) => ({ ServiceName: code, ResourceType: type })));
  return { ResourceTypes: list };
}

function parseTime(p: Params, name: string): Date | undefined {
  const v = optional(p, name);
  if (v === undefined || v === "") return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidParameter(name, "Use ISO 8601, e.g. 2026-11-23T12:00:00Z.");
  return new Date(t);
}

/**
 * ActionTrail's model: ServiceName and ResourceType narrow a tree of lifecycle event names, answered as a
 * JSON string in Data. Trailkeeper's extension: with ResourceId (and ResourceType) the lifecycle events of
 * that resource from the resources index, newest first, in Events.
 */
export async function describeResourceLifeCycleEventsAction(p: Params, now: Date) {
  const service = serviceParam(p);
  const resourceType = resourceTypeParam(p);
  const out: Record<string, unknown> = { Data: JSON.stringify(lifecycleTree({ service, resourceType })) };
  const resourceId = optional(p, "ResourceId");
  if (resourceId === undefined || resourceId === "") return out;
  if (resourceId.length > 512) throw invalidParameter("ResourceId", "At most 512 characters.");
  if (!resourceType) throw missingParameter("ResourceType");
  const days = queryRetentionDays();
  const end = parseTime(p, "EndTime") ?? now;
  const start = parseTime(p, "StartTime") ?? new Date(end.getTime() - days * DAY_MS);
  if (start > end) throw invalidParameter("StartTime", "StartTime is after EndTime.");
  const { events, more } = await findResourceTimeline(
    { type: resourceType, name: resourceId, order: "desc" },
    { region: ALL_REGIONS, start: start.toISOString(), end: end.toISOString() },
  );
  const lifecycle = events.filter((e) => lifecycleKindOf(e.eventName));
  out.Events = lifecycle.map((e) => ({ LifeCycle: lifecycleKindOf(e.eventName), EventName: e.eventName, EventTime: isoSeconds(new Date(e.eventTime)), Event: new RawJson(e.raw) }));
  out.StartTime = isoSeconds(start);
  out.EndTime = isoSeconds(end);
  // The index walk stops at a bound; say so rather than let a partial history look whole.
  out.Truncated = more;
  return out;
}

const SERVICE_NAME: ParamDoc = { name: "ServiceName", text: "A service code as events carry it (Ecs, Oss, Ram …); compared case-insensitively." };

export const CATALOGUE_ACTIONS: ActionTable = {
  DescribeSupportedServices: read(CAN.readEvents, () => describeSupportedServicesAction(), {
    group: "Catalogue",
    summary: "The services ActionTrail supports (the Introduction's list), Trailkeeper's catalogue and every service stored events name.",
    params: [],
    returns: "Services: ServiceCode, ServiceName, Category, Source (supported-list | catalogue | events).",
    example: { params: {} },
  }),
  ListEventNames: read(CAN.readEvents, (p) => listEventNamesAction(p), {
    group: "Catalogue",
    summary: "The event names of a service: the catalogue's and those its stored events carry, sorted, with their meaning where known.",
    params: [
      { ...SERVICE_NAME, required: true },
      { name: "MaxResults", text: `1–${EVENT_NAMES_MAX}, default ${EVENT_NAMES_DEFAULT}.` },
      { name: "NextToken", text: "From the previous page, for the same ServiceName." },
    ],
    returns: "EventNames: EventName, ServiceName, EventRW, Description; MaxResults, TotalCount, NextToken (absent on the last page).",
    errors: [{ code: "InvalidParameter", status: 400, when: "ServiceName is not a service code, or NextToken is not one of this ServiceName's." }],
    example: { params: { ServiceName: "Ecs", MaxResults: "20" } },
  }),
  ListProductResourceType: read(CAN.readEvents, (p) => listProductResourceTypeAction(p), {
    group: "Catalogue",
    summary: "The resource types of a service (every service's when ServiceName is absent): the catalogue's and those stored events carry.",
    params: [SERVICE_NAME],
    returns: "ResourceTypes: ServiceName, ResourceType.",
    example: { params: { ServiceName: "Ecs" } },
  }),
  DescribeResourceLifeCycleEvents: read(CAN.readActivity, (p, c) => describeResourceLifeCycleEventsAction(p, c.now), {
    group: "Catalogue",
    summary:
      "The event names that create, modify and delete each resource type (ActionTrail's tree, as a JSON string). With ResourceId: that resource's lifecycle events from the resources index.",
    params: [
      SERVICE_NAME,
      { name: "ResourceType", text: "ACS::<Service>::<Type>, e.g. ACS::ECS::Instance. Required with ResourceId." },
      { name: "ResourceId", text: "Trailkeeper's extension: a resource's ID or name; adds Events, StartTime, EndTime and Truncated." },
      { name: "StartTime, EndTime", text: "With ResourceId: the window, ISO 8601 UTC (default: the query store's retention up to now)." },
    ],
    returns:
      "Data: a JSON string [{label, labelEn, value: service code, children: [{label, labelEn, value: resource type, children: [{label: Create Events | Modify Events | Delete Events, labelEn, value: comma-separated event names}]}]}]. With ResourceId also Events (LifeCycle, EventName, EventTime, Event: the stored JSON), Truncated.",
    errors: [{ code: "MissingParameter", status: 400, when: "ResourceId without ResourceType." }],
    example: { params: { ServiceName: "Ecs", ResourceType: "ACS::ECS::Instance" } },
  }),
};
