// Tracking alert rules: which events (the /events filter schema) or which insights go to which webhook.
// Each change is checked here and recorded as a self-audit event (CreateAlertRule, UpdateAlertRule,
// RotateAlertRuleSecret, DeleteAlertRule) with its actor, whoever asks.
import { z } from "zod";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { filtersFromUrl, RULE_FILTER_DEFS, storedText, type FilterKey } from "@/lib/events/filter-spec";
import { ALL_REGIONS, ZEventSearchParams, type EventFilters } from "@/lib/events/filters";
import { INSIGHT_TYPES } from "@/lib/insights/config";
import { outboundUrlProblem } from "@/lib/net/outbound";
import { newWebhookSecret } from "./signing";

/** The event conditions a rule may use: the filters of lib/events/filter-spec.ts that may watch a stream. */
export const RULE_FILTERS = RULE_FILTER_DEFS;
export type RuleFilterKey = Exclude<FilterKey, "eventId">;
export const RULE_FILTER_KEYS = ["region", ...RULE_FILTERS.map((d) => d.key as RuleFilterKey)] as const;

/** A rule's conditions as stored and edited: the /events URL values, the time window and paging aside. */
export type TRuleFilters = { region?: string } & { [K in RuleFilterKey]?: string };

export const ZRuleFilters = z.object({
  region: ZEventSearchParams.shape.region,
  ...Object.fromEntries(RULE_FILTERS.map((d) => [d.key, storedText(d)])),
}) as unknown as z.ZodType<TRuleFilters>;

/** "delivery": the rule is only a channel that trails name for their delivery notifications (lib/delivery/notifications.ts). */
export const ALERT_TRIGGERS = ["event", "insight", "delivery"] as const;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];
export const ANY_INSIGHT = "*";

const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the webhook URL.")
  .max(2_000, "At most 2,000 characters.")
  .refine((v) => URL.canParse(v), "Not a URL: it should look like https://hooks.example.com/trailkeeper.")
  .refine((v) => !URL.canParse(v) || ["http:", "https:"].includes(new URL(v).protocol), "Only http:// and https:// URLs can receive webhooks.")
  // An internal address typed in is refused here; a host name is checked when the webhook is sent.
  .superRefine((v, ctx) => {
    const problem = outboundUrlProblem(v, "webhooks");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ZAlertRuleInput = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(64, "At most 64 characters.").regex(/^[\w .:-]+$/, "Use letters, digits, spaces and . _ : - only."),
    trigger: z.enum(ALERT_TRIGGERS, { error: "Choose what triggers the alert." }),
    insightType: z.enum([ANY_INSIGHT, ...INSIGHT_TYPES]).optional(),
    filters: ZRuleFilters,
    webhookUrl: ZWebhookUrl,
    enabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.trigger === "insight" && !v.insightType) ctx.addIssue({ code: "custom", path: ["insightType"], message: "Choose an insight type." });
    if (v.trigger === "event" && !Object.entries(v.filters).some(([k, x]) => x !== undefined && !(k === "region" && x === ALL_REGIONS))) {
      ctx.addIssue({ code: "custom", path: ["filters"], message: "Give at least one event condition: a rule on every event would flood the webhook." });
    }
  });
export type TAlertRuleInput = z.infer<typeof ZAlertRuleInput>;
/** What a form or a caller sends: checked by ZAlertRuleInput in the functions below. */
export type TAlertRuleFields = z.input<typeof ZAlertRuleInput>;

/** What a rule says, as stored and as its form edits it. */
export interface AlertRuleFields {
  name: string;
  trigger: AlertTrigger;
  insightType: string | null;
  filters: TRuleFilters;
  webhookUrl: string;
  enabled: boolean;
}

export interface AlertRuleRow extends AlertRuleFields {
  id: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export function parseStoredFilters(text: string): TRuleFilters {
  try {
    return ZRuleFilters.parse(JSON.parse(text));
  } catch {
    return ZRuleFilters.parse({});
  }
}

/** A rule's conditions as EventFilters for matchesDerivedFilters (the time window does not apply). */
export function ruleEventFilters(f: TRuleFilters): EventFilters {
  const { eventId: _never, ...values } = filtersFromUrl(f);
  return { region: f.region ?? ALL_REGIONS, start: "", end: "", ...values };
}

type Stored = Awaited<ReturnType<typeof prisma.alertRule.findFirstOrThrow>>;

function toRow(r: Stored): AlertRuleRow {
  return {
    id: r.id, name: r.name, trigger: (ALERT_TRIGGERS as readonly string[]).includes(r.trigger) ? (r.trigger as AlertTrigger) : "event", insightType: r.insightType,
    filters: parseStoredFilters(r.filters), webhookUrl: r.webhookUrl, enabled: r.enabled, createdBy: r.createdBy,
    createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

function storedFields(input: TAlertRuleInput) {
  const filters = input.trigger === "event" ? Object.fromEntries(Object.entries(input.filters).filter(([, v]) => v !== undefined)) : {};
  return {
    name: input.name, trigger: input.trigger, insightType: input.trigger === "insight" ? input.insightType! : null,
    filters: JSON.stringify(filters), webhookUrl: input.webhookUrl, enabled: input.enabled,
  };
}

export async function listAlertRules(): Promise<AlertRuleRow[]> {
  return (await prisma.alertRule.findMany({ orderBy: { name: "asc" } })).map(toRow);
}

export async function getAlertRule(id: number): Promise<AlertRuleRow | undefined> {
  if (!Number.isInteger(id) || id < 1) return undefined;
  const r = await prisma.alertRule.findUnique({ where: { id } });
  return r ? toRow(r) : undefined;
}

function parseRule(input: TAlertRuleFields): TAlertRuleInput {
  const parsed = ZAlertRuleInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  return parsed.data;
}

async function assertNameFree(name: string, id?: number) {
  const other = await prisma.alertRule.findUnique({ where: { name }, select: { id: true } });
  const message = `A rule named "${name}" already exists.`;
  if (other && other.id !== id) throw new Conflict(message, { fields: { name: [message] } });
}

async function existingRule(id: number): Promise<AlertRuleRow> {
  const rule = await getAlertRule(id);
  if (!rule) throw new NotFound("This rule no longer exists.");
  return rule;
}

function record(actor: Actor, eventName: string, requestParameters: Record<string, unknown>) {
  return recordAuditEvent({ actor, eventName, requestParameters });
}

function auditParams(r: TAlertRuleInput, id: number) {
  return {
    RuleId: id, RuleName: r.name, Trigger: r.trigger, InsightType: r.insightType,
    Filters: r.trigger === "event" ? r.filters : undefined, WebhookUrl: r.webhookUrl, Enabled: r.enabled,
  };
}

/** Creates a rule with a new signing secret; the secret is returned once and kept sealed. */
export async function createAlertRule(fields: TAlertRuleFields, options: { actor: Actor }): Promise<{ rule: AlertRuleRow; secret: string }> {
  const input = parseRule(fields);
  await assertNameFree(input.name);
  const secret = newWebhookSecret();
  const r = await prisma.alertRule.create({ data: { ...storedFields(input), secretEncrypted: sealSecret(secret), createdBy: options.actor.username } });
  await record(options.actor, "CreateAlertRule", auditParams(input, r.id));
  return { rule: toRow(r), secret };
}

export async function updateAlertRule(id: number, fields: TAlertRuleFields, options: { actor: Actor }): Promise<AlertRuleRow> {
  await existingRule(id);
  const input = parseRule(fields);
  await assertNameFree(input.name, id);
  const rule = toRow(await prisma.alertRule.update({ where: { id }, data: storedFields(input) }));
  await record(options.actor, "UpdateAlertRule", auditParams(input, id));
  return rule;
}

/** A new secret for a rule (the old one stops verifying at once); returned once. */
export async function rotateAlertRuleSecret(id: number, options: { actor: Actor }): Promise<string> {
  const rule = await existingRule(id);
  const secret = newWebhookSecret();
  await prisma.alertRule.update({ where: { id }, data: { secretEncrypted: sealSecret(secret) } });
  await record(options.actor, "RotateAlertRuleSecret", { RuleId: rule.id, RuleName: rule.name });
  return secret;
}

/** Deletes a rule and its delivery history; undefined when there was none (nothing is recorded). */
export async function deleteAlertRule(id: number, options: { actor: Actor }): Promise<AlertRuleRow | undefined> {
  const r = await prisma.alertRule.findUnique({ where: { id } });
  if (!r) return undefined;
  await prisma.alertRule.deleteMany({ where: { id } });
  // Trails that named it as their channel stop notifying (no foreign key does it: prisma/schema.prisma).
  await prisma.trail.updateMany({ where: { notifyRuleId: id }, data: { notifyRuleId: null, notifyEachFile: false } });
  await record(options.actor, "DeleteAlertRule", { RuleId: r.id, RuleName: r.name });
  return toRow(r);
}

export async function ruleSecret(id: number): Promise<string> {
  const r = await prisma.alertRule.findUniqueOrThrow({ where: { id }, select: { secretEncrypted: true } });
  return openSecret(r.secretEncrypted);
}

/** What a rule watches, in words (the rule list). */
export function describeRule(r: Pick<AlertRuleRow, "trigger" | "insightType" | "filters">): string {
  if (r.trigger === "insight") return r.insightType === ANY_INSIGHT ? "Any insight" : `Any insight of type ${r.insightType}`;
  if (r.trigger === "delivery") return "Delivery notifications of the trails that name it";
  const parts = Object.entries(r.filters)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return `Events where ${parts.join(", ")}`;
}
