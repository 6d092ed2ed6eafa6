"use server";
// Tracking alert rules from the console (admins). lib/alerts/rules.ts checks each change and records it.
import { CAN } from "@/lib/auth/roles";
import {
  createAlertRule, deleteAlertRule, rotateAlertRuleSecret, RULE_FILTER_KEYS, updateAlertRule, ZRuleFilters, type TAlertRuleFields, type TRuleFilters,
} from "@/lib/alerts/rules";
import { formAction, submitAction, text } from "./action-client";

/** A rule form as submitted: shown again after a refusal, and as saved after a success. */
export interface SubmittedRule {
  name: string;
  trigger: "event" | "insight" | "delivery";
  insightType: string | null;
  filters: TRuleFilters;
  webhookUrl: string;
  enabled: boolean;
}

function readRuleForm(form: FormData) {
  const filters = Object.fromEntries(RULE_FILTER_KEYS.map((k) => [k, text(form, `filter-${k}`) || undefined]));
  return {
    id: Number(text(form, "id")),
    rule: {
      name: text(form, "name"),
      trigger: text(form, "trigger"),
      insightType: text(form, "insightType") || undefined,
      filters: ZRuleFilters.parse(filters),
      webhookUrl: text(form, "webhookUrl"),
      enabled: form.get("enabled") === "on",
    },
  };
}

function submitted({ rule }: ReturnType<typeof readRuleForm>): SubmittedRule {
  return { ...rule, trigger: rule.trigger === "event" || rule.trigger === "delivery" ? rule.trigger : "insight", insightType: rule.insightType ?? null };
}

const steps = {
  roles: CAN.manageAlerts,
  read: readRuleForm,
  echo: submitted,
};

export const createAlertRuleAction = formAction({
  ...steps,
  name: "createAlertRule",
  // The strings are the service's to check (ZAlertRuleInput).
  run: ({ rule }, { actor }) => createAlertRule(rule as TAlertRuleFields, { actor }),
  done: ({ rule, secret }) => ({ message: `Created rule ${rule.name}.`, data: { ruleId: rule.id, secret } }),
  failure: "The rule could not be created. Try again.",
  revalidate: ["/alerts"],
});

export const updateAlertRuleAction = formAction({
  ...steps,
  name: "updateAlertRule",
  run: ({ id, rule }, { actor }) => updateAlertRule(id, rule as TAlertRuleFields, { actor }),
  done: (rule) => `Saved rule ${rule.name}.`,
  failure: "The rule could not be saved. Try again.",
  revalidate: ({ id }) => ["/alerts", `/alerts/${id}`],
});

export const rotateAlertSecretAction = formAction({
  name: "rotateAlertSecret",
  roles: CAN.manageAlerts,
  read: (form) => ({ id: Number(text(form, "id")) }),
  run: ({ id }, { actor }) => rotateAlertRuleSecret(id, { actor }),
  done: (secret) => ({ message: "New signing secret. Copy it now: it is not shown again, and the old one no longer verifies.", data: { secret } }),
  failure: "The secret could not be rotated. Try again.",
});

export const deleteAlertRuleAction = submitAction({
  name: "deleteAlertRule",
  roles: CAN.manageAlerts,
  read: (form) => ({ id: Number(text(form, "id")) }),
  run: ({ id }, { actor }) => deleteAlertRule(id, { actor }),
  revalidate: ["/alerts"],
  redirect: (_, removed) => `/alerts${removed ? `?deleted=${encodeURIComponent(removed.name)}` : ""}`,
});
