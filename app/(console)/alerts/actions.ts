"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { recordAuditEvent } from "@/lib/audit/record";
import { consoleActor, requireUser } from "@/lib/auth/session";
import {
  AlertRuleError, createAlertRule, deleteAlertRule, getAlertRule, rotateAlertRuleSecret, RULE_FILTER_KEYS, updateAlertRule,
  ZAlertRuleInput, ZRuleFilters, type TAlertRuleInput,
} from "@/lib/alerts/rules";
import { INSIGHT_CAN } from "@/lib/insights/roles";

export type RuleField = "name" | "trigger" | "insightType" | "filters" | "webhookUrl";

export interface RuleActionState {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<RuleField, string[]>>;
  /** The new rule's id (to link to it) and its signing secret, shown once. */
  ruleId?: number;
  secret?: string;
  /** What was submitted, so a refused form shows it again (React resets a form after its action). */
  values?: SubmittedRule;
  /** Changes on every answer: the form remounts with `values` as its defaults. */
  stamp?: number;
}

export interface SubmittedRule {
  name: string;
  trigger: "event" | "insight";
  insightType: string | null;
  filters: ReturnType<typeof ZRuleFilters.parse>;
  webhookUrl: string;
  enabled: boolean;
}

function readRuleForm(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? "");
  const filters = Object.fromEntries(RULE_FILTER_KEYS.map((k) => [k, text(`filter-${k}`) || undefined]));
  return {
    name: text("name"),
    trigger: text("trigger"),
    insightType: text("insightType") || undefined,
    filters: ZRuleFilters.parse(filters),
    webhookUrl: text("webhookUrl"),
    enabled: form.get("enabled") === "on",
  };
}

function submitted(form: FormData): SubmittedRule {
  const r = readRuleForm(form);
  return { ...r, trigger: r.trigger === "event" ? "event" : "insight", insightType: r.insightType ?? null };
}

function parseRule(form: FormData): { data: TAlertRuleInput } | { state: RuleActionState } {
  const parsed = ZAlertRuleInput.safeParse(readRuleForm(form));
  if (parsed.success) return { data: parsed.data };
  return { state: refused(form, "Check the highlighted fields.", parsed.error.flatten().fieldErrors as RuleActionState["errors"]) };
}

function refused(form: FormData, message: string, errors?: RuleActionState["errors"]): RuleActionState {
  return { ok: false, message, errors, values: submitted(form), stamp: Date.now() };
}

function auditParams(r: TAlertRuleInput, id?: number) {
  return {
    ...(id ? { RuleId: id } : {}), RuleName: r.name, Trigger: r.trigger, InsightType: r.insightType,
    Filters: r.trigger === "event" ? r.filters : undefined, WebhookUrl: r.webhookUrl, Enabled: r.enabled,
  };
}

export async function createAlertRuleAction(_prev: RuleActionState, form: FormData): Promise<RuleActionState> {
  const user = await requireUser(INSIGHT_CAN.manageAlerts);
  const p = parseRule(form);
  if ("state" in p) return p.state;
  try {
    const { rule, secret } = await createAlertRule(p.data, user.username);
    await recordAuditEvent({ actor: await consoleActor(user), eventName: "CreateAlertRule", requestParameters: auditParams(p.data, rule.id) });
    revalidatePath("/alerts");
    return { ok: true, message: `Created rule ${rule.name}.`, ruleId: rule.id, secret, values: submitted(form), stamp: Date.now() };
  } catch (e) {
    if (e instanceof AlertRuleError) return refused(form, e.message, { name: [e.message] });
    console.error("[alerts] createAlertRule failed", e);
    return refused(form, "The rule could not be created. Try again.");
  }
}

export async function updateAlertRuleAction(_prev: RuleActionState, form: FormData): Promise<RuleActionState> {
  const user = await requireUser(INSIGHT_CAN.manageAlerts);
  const id = Number(form.get("id"));
  if (!(await getAlertRule(id))) return { ok: false, message: "This rule no longer exists." };
  const p = parseRule(form);
  if ("state" in p) return p.state;
  try {
    await updateAlertRule(id, p.data);
  } catch (e) {
    if (e instanceof AlertRuleError) return refused(form, e.message, { name: [e.message] });
    console.error("[alerts] updateAlertRule failed", e);
    return refused(form, "The rule could not be saved. Try again.");
  }
  await recordAuditEvent({ actor: await consoleActor(user), eventName: "UpdateAlertRule", requestParameters: auditParams(p.data, id) });
  revalidatePath("/alerts");
  revalidatePath(`/alerts/${id}`);
  return { ok: true, message: `Saved rule ${p.data.name}.`, values: submitted(form), stamp: Date.now() };
}

export async function rotateAlertSecretAction(_prev: RuleActionState, form: FormData): Promise<RuleActionState> {
  const user = await requireUser(INSIGHT_CAN.manageAlerts);
  const rule = await getAlertRule(Number(form.get("id")));
  if (!rule) return { ok: false, message: "This rule no longer exists." };
  const secret = await rotateAlertRuleSecret(rule.id);
  await recordAuditEvent({ actor: await consoleActor(user), eventName: "RotateAlertRuleSecret", requestParameters: { RuleId: rule.id, RuleName: rule.name } });
  return { ok: true, message: "New signing secret. Copy it now: it is not shown again, and the old one no longer verifies.", secret };
}

export async function deleteAlertRuleAction(form: FormData): Promise<void> {
  const user = await requireUser(INSIGHT_CAN.manageAlerts);
  const removed = await deleteAlertRule(Number(form.get("id")));
  if (removed) {
    await recordAuditEvent({ actor: await consoleActor(user), eventName: "DeleteAlertRule", requestParameters: { RuleId: removed.id, RuleName: removed.name } });
  }
  revalidatePath("/alerts");
  redirect(`/alerts${removed ? `?deleted=${encodeURIComponent(removed.name)}` : ""}`);
}
