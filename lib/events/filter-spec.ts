// THE definition of every event filter: one row each, with its URL parameter, its LookupAttribute key in
// the compatible API, its label, how a URL value and an API value are read, and the column it tests.
// Both evaluators are generated from that one declaration: the SQL conditions (lib/events/filter-sql.ts,
// the same text on SQLite and PostgreSQL) and the JS matcher below (log stores, alert rules);
// tests/integration/filter-spec.test.ts runs one table of cases through all three. The /events URL
// schema, the export, the alert rules, LookupEvents and both forms are built from it. Adding a filter is
// adding a row here (docs/architecture.md "Adding a filter"). No server imports: the forms use it too.
import { z } from "zod";
import { ORIGIN_KINDS } from "./origin";
import { EVENT_TYPES } from "./schema";

export interface MatchResource {
  type: string;
  name: string;
}

/** What an API value turned into: a filter value, no filter at all, or why the value is refused. */
export type LookupValue = { ok: true; value: string | true | undefined } | { ok: false; message: string };

/**
 * What a filter tests.
 * - `equals`: an events column equals the value; `anyValue` is the value that means "the column is set"
 *   (errorCode `*`: any failed event).
 * - `flag`: a boolean events column is true (the value is `true`).
 * - `resource`: one referenced resource (event_resources) has the value; all resource filters of a set
 *   hold for the same resource.
 */
export type FilterTest =
  | { kind: "equals"; column: string; rowKey: string; anyValue?: string }
  | { kind: "flag"; column: string; rowKey: "sensitive" }
  | { kind: "resource"; column: "resource_type" | "resource_name"; resourceKey: keyof MatchResource };

export interface FilterDef {
  /** The EventFilters key and the URL parameter. */
  key: string;
  /** How a form asks for it: free text, one of `choices`, or a checkbox. */
  field: "text" | "choice" | "flag";
  /** The label of its field in the /events form and the alert rule form (ActionTrail's words). */
  label: string;
  placeholder?: string;
  /** The facet whose values the text field suggests (findFacetValues). */
  suggestions?: "service" | "eventName" | "resourceType";
  choices?: readonly string[];
  test: FilterTest;
  /** The LookupEvents attribute that sets it. */
  lookupAttribute?: string;
  /** Whether an alert rule may use it (an event ID names one event, never a stream). */
  inRules: boolean;
}

const text = <K extends string, const T extends FilterTest>(key: K, label: string, test: T, o: Omit<Partial<FilterDef>, "key" | "field" | "label" | "test"> = {}) => ({
  inRules: true,
  ...o,
  key,
  field: "text" as const,
  label,
  test,
});

export const EVENT_RW_VALUES = ["Read", "Write"] as const;

/** Every filter, in the order the forms show them. */
export const FILTER_SPEC = [
  { key: "eventRW", field: "choice", label: "Read/Write Type", choices: EVENT_RW_VALUES, lookupAttribute: "EventRW", inRules: true, test: { kind: "equals", column: "event_rw", rowKey: "eventRW" } },
  { key: "eventType", field: "choice", label: "Event Type", choices: EVENT_TYPES, lookupAttribute: "EventType", inRules: true, test: { kind: "equals", column: "event_type", rowKey: "eventType" } },
  text("user", "Operator (username)", { kind: "equals", column: "user_name", rowKey: "userName" }, { lookupAttribute: "User", placeholder: "alice.wang" }),
  text("roleName", "Role Name", { kind: "equals", column: "role_name", rowKey: "roleName" }, { lookupAttribute: "RoleName", placeholder: "AliyunServiceRoleForActionTrail" }),
  text("service", "Service Name", { kind: "equals", column: "service_name", rowKey: "serviceName" }, { lookupAttribute: "ServiceName", placeholder: "Ecs", suggestions: "service" }),
  text("eventName", "Event Name", { kind: "equals", column: "event_name", rowKey: "eventName" }, { lookupAttribute: "EventName", placeholder: "DeleteInstance", suggestions: "eventName" }),
  text("resourceType", "Resource Type", { kind: "resource", column: "resource_type", resourceKey: "type" }, { lookupAttribute: "ResourceType", placeholder: "ACS::ECS::Instance", suggestions: "resourceType" }),
  text("resourceName", "Resource Name", { kind: "resource", column: "resource_name", resourceKey: "name" }, { lookupAttribute: "ResourceName", placeholder: "i-bp1…" }),
  text("accessKeyId", "AccessKey ID", { kind: "equals", column: "access_key_id", rowKey: "accessKeyId" }, { lookupAttribute: "EventAccessKeyId", placeholder: "LTAI…" }),
  text("sourceIp", "Source IP", { kind: "equals", column: "source_ip", rowKey: "sourceIp" }, { lookupAttribute: "SourceIpAddress", placeholder: "203.0.113.7" }),
  text("errorCode", "Error code", { kind: "equals", column: "error_code", rowKey: "errorCode", anyValue: "*" }, { placeholder: "Forbidden.RAM, or * for any" }),
  text("eventId", "Event ID", { kind: "equals", column: "event_id", rowKey: "eventId" }, { lookupAttribute: "EventId", placeholder: "48deee2f-…", inRules: false }),
  { key: "sensitive", field: "flag", label: "Sensitive Operation only", lookupAttribute: "SensitiveAction", inRules: true, test: { kind: "flag", column: "sensitive", rowKey: "sensitive" } },
  // Provenance (docs/provenance.md): columns ingestion writes, never read from the event's JSON.
  { key: "origin", field: "choice", label: "Origin", choices: ORIGIN_KINDS, lookupAttribute: "Origin", inRules: true, test: { kind: "equals", column: "origin", rowKey: "origin" } },
  text("ingestToken", "Ingest token ID", { kind: "equals", column: "ingest_token_id", rowKey: "ingestTokenId" }, { lookupAttribute: "IngestTokenId", placeholder: "itk_…" }),
] as const satisfies readonly FilterDef[];

type Spec = (typeof FILTER_SPEC)[number];
type EqualsTest = Extract<Spec["test"], { kind: "equals" }>;

/** The key of a row field an `equals` filter tests (the row key of its column). */
export type MatchRowKey = EqualsTest["rowKey"];

/**
 * The fields of a row the matcher reads: the region, the sensitive flag and the column of every `equals`
 * filter, under its row key (the names normalizeEvent gives them). Derived from the spec, so a filter on
 * a new column needs no edit here, nor in the list row and log store reader that carry these fields
 * (LIST_COLUMNS and logStoreRow read MATCH_COLUMNS). Optional in the type only: rows built elsewhere
 * (the resource timeline, test fixtures) never meet the matcher; every row it reads has each field.
 */
export type MatchRow = { queryRegion: string; sensitive: boolean } & { [K in MatchRowKey]?: string | null };

/** The columns behind MatchRow's filter fields, each with its row key. */
export const MATCH_COLUMNS: readonly { column: string; rowKey: MatchRowKey }[] = FILTER_SPEC.flatMap((d) =>
  d.test.kind === "equals" ? [{ column: d.test.column, rowKey: d.test.rowKey }] : [],
);
export type FilterKey = Spec["key"];
/** The free-text filters (a text input each). */
export type TextFilterKey = Extract<Spec, { field: "text" }>["key"];
/** The filters that take one of a few values. */
export type ChoiceFilterKey = Extract<Spec, { field: "choice" }>["key"];
/** The checkbox filters: given, they are true. */
export type FlagFilterKey = Extract<Spec, { field: "flag" }>["key"];

/** The values of the filters, by key. */
export type FilterValues = { [K in TextFilterKey | ChoiceFilterKey]?: string } & { [K in FlagFilterKey]?: true };

const DEFS: readonly FilterDef[] = FILTER_SPEC;
export const FILTER_KEYS = FILTER_SPEC.map((d) => d.key) as FilterKey[];
export const TEXT_FILTER_KEYS = FILTER_SPEC.filter((d) => d.field === "text").map((d) => d.key) as TextFilterKey[];

export const MAX_FILTER_TEXT = 512;

/** A URL value of the filter, read leniently: anything it cannot be is no filter. */
export function readUrlValue(def: FilterDef, value: string | undefined): string | true | undefined {
  if (value === undefined) return undefined;
  if (def.field === "flag") return value === "true" ? true : undefined;
  const v = value.trim();
  if (!v || v.length > MAX_FILTER_TEXT) return undefined;
  if (def.field === "choice" && !def.choices!.includes(v)) return undefined;
  return v;
}

/** A LookupEvents value of the filter, read strictly: a bad value is refused with the reason. */
export function readLookupValue(def: FilterDef, value: string): LookupValue {
  if (def.field === "flag") {
    if (value === "true") return { ok: true, value: true };
    if (value === "false") return { ok: true, value: undefined };
    return { ok: false, message: `${def.lookupAttribute} is true or false.` };
  }
  if (value.length > MAX_FILTER_TEXT) return { ok: false, message: `At most ${MAX_FILTER_TEXT} characters.` };
  if (def.field === "choice" && !def.choices!.includes(value)) {
    return { ok: false, message: `${def.lookupAttribute} is ${def.choices!.length === 2 ? def.choices!.join(" or ") : `one of ${def.choices!.join(", ")}`}.` };
  }
  return { ok: true, value };
}

function given(values: FilterValues): [FilterDef, string | true][] {
  const out: [FilterDef, string | true][] = [];
  for (const d of DEFS) {
    const v = (values as Record<string, string | true | undefined>)[d.key];
    if (v !== undefined && v !== "") out.push([d, v]);
  }
  return out;
}

/** The given filters with their values, in the spec's order (what the SQL builder reads). */
export function givenFilters(values: FilterValues): readonly [FilterDef, string | true][] {
  return given(values);
}

/** Whether a row (and its referenced resources) meets every given filter: the JS evaluator of the spec. */
export function matchesFilters(values: FilterValues, row: MatchRow, resources: readonly MatchResource[]): boolean {
  const onResource: [FilterTest & { kind: "resource" }, string][] = [];
  for (const [d, v] of given(values)) {
    const t = d.test;
    if (t.kind === "resource") onResource.push([t, v as string]);
    else if (t.kind === "flag") {
      if (row[t.rowKey] !== true) return false;
    } else {
      const value = (row as Record<string, unknown>)[t.rowKey];
      if (t.anyValue !== undefined && v === t.anyValue) {
        if (value === null || value === undefined) return false;
      } else if (value !== v) return false;
    }
  }
  if (!onResource.length) return true;
  return resources.some((r) => onResource.every(([t, v]) => r[t.resourceKey] === v));
}

/** Reads the filters of a URL's parameters (leniently: a bad value is no filter). */
export function filtersFromUrl(flat: Record<string, string | undefined>): FilterValues {
  const out: Record<string, string | true> = {};
  for (const d of DEFS) {
    const v = readUrlValue(d, flat[d.key]);
    if (v !== undefined) out[d.key] = v;
  }
  return out as FilterValues;
}

/** The URL parameters of filter values (the inverse of filtersFromUrl). */
export function filtersToUrl(values: FilterValues): [string, string][] {
  return given(values).map(([d, v]) => [d.key, v === true ? "true" : v]);
}

/** A filter's value as the text a form or a stored rule keeps (a bad value becomes none). */
export function storedText(def: FilterDef): z.ZodType<string | undefined> {
  return z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => {
      const value = readUrlValue(def, v);
      return value === undefined ? undefined : value === true ? "true" : value;
    });
}

/** The LookupAttribute keys the API accepts, in the spec's order. */
export const LOOKUP_ATTRIBUTES = DEFS.flatMap((d) => (d.lookupAttribute ? [d.lookupAttribute] : []));

/** The filter a LookupAttribute key sets, or undefined. */
export function lookupFilter(attribute: string): FilterDef | undefined {
  return DEFS.find((d) => d.lookupAttribute === attribute);
}

/** The filters an alert rule may use (lib/alerts/rules.ts): those that may watch a stream. */
export const RULE_FILTER_DEFS: readonly FilterDef[] = DEFS.filter((d) => d.inRules);

/** The filter of a key. */
export function filterDef(key: FilterKey): FilterDef {
  return DEFS.find((d) => d.key === key)!;
}
