// The shape of one action of the compatible API: who may call it, what it does, and its reference
// entry (the console's API page and the README are generated from these; the e2e suite runs each example).
// Every module of lib/openapi/actions exports a table of these; lib/openapi/actions/index.ts joins them.
import type { Actor } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/roles";
import type { Params } from "../params";

export interface ActionContext {
  actor: Actor;
  now: Date;
}

export interface ParamDoc {
  name: string;
  required?: boolean;
  text: string;
}

/** An error code an action answers beyond the common ones of every call (reference.ts ERROR_DOCS). */
export interface ErrorDoc {
  code: string;
  status: number;
  when: string;
}

export const ACTION_GROUPS = [
  "Events",
  "Trails",
  "Delivery history jobs",
  "Insights",
  "AccessKeys",
  "Catalogue",
  "Inner trails",
  "Regions and service",
] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

/**
 * A call that succeeds against a running Trailkeeper with at least one event, in the reference's order:
 * the e2e suite runs every example in that order, creating what later examples use (the trail
 * `example-trail`), and runs the examples marked `last` after all others (they delete it).
 * `${Name}` in a value is a field of an earlier example's response (`saves`), e.g. a JobId.
 * `${AccessKeyId}` is the AccessKeyId the example itself is signed with (the AccessKey examples ask about it).
 */
export interface ActionExample {
  params: Params;
  /** Response fields later examples refer to as `${Field}`. */
  saves?: string[];
  last?: boolean;
}

export interface ActionDoc {
  group: ActionGroup;
  summary: string;
  params: ParamDoc[];
  returns: string;
  /** Codes of its own; the common ones (signature, throttling, Forbidden.RAM …) apply to every action. */
  errors?: ErrorDoc[];
  example: ActionExample;
}

export interface ActionDef extends ActionDoc {
  /** The console roles whose AccessKeys may call it (a key acts with its owner's role). */
  roles: readonly string[];
  /** Changes are audited by the domain (lib/trails …) under their own names; reads are audited as Read ApiCalls. */
  rw: "Read" | "Write";
  run: (params: Params, ctx: ActionContext) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

export type ActionTable = Record<string, ActionDef>;

/** A read: any of `roles`. */
export const read = (roles: readonly string[], run: ActionDef["run"], doc: ActionDoc): ActionDef => ({ roles, rw: "Read", run, ...doc });
/** A change: admins only, unless `roles` says otherwise. */
export const write = (run: ActionDef["run"], doc: ActionDoc, roles: readonly string[] = CAN.manageTrails): ActionDef => ({
  roles,
  rw: "Write",
  run,
  ...doc,
});

/** The trail every example that needs one uses; CreateTrail's example creates it, DeleteTrail's deletes it. */
export const EXAMPLE_TRAIL = "example-trail";
