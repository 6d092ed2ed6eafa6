"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { createAlertRuleAction, updateAlertRuleAction } from "@/lib/actions/alerts";
import { ActionMessage } from "@/components/forms/action-message";
import { TextField } from "@/components/forms/form-field";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import type { SubmittedRule } from "@/lib/actions/alerts";
import { Field, Input, Select } from "@/components/ui/input";
import { SecretValue } from "@/components/ui/secret-value";
import type { AlertRuleFields, AlertTrigger, RuleFilterKey } from "@/lib/alerts/rules";
import { filterDef, RULE_FILTER_DEFS } from "@/lib/events/filter-spec";
import { INSIGHT_LABELS, INSIGHT_TYPES } from "@/lib/insights/config";

/** Both actions' answers: the create action's has the new rule's id and its secret. */
type RuleResult = ActionResult<SubmittedRule, { ruleId?: number; secret?: string }>;

/** A rule's fields, with its id when an existing rule is edited. */
export type RuleFormValues = AlertRuleFields & { id?: number };

/** The text conditions a rule may use (lib/events/filter-spec.ts), with the labels of the /events form. */
const TEXT_CONDITIONS = RULE_FILTER_DEFS.filter((d) => d.field === "text");

export function RuleForm({ initial, regions }: { initial: RuleFormValues; regions: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<RuleResult, FormData>(initial.id !== undefined ? updateAlertRuleAction : createAlertRuleAction, {});
  // React resets a form after its action: remount with what was submitted as the defaults.
  return <RuleFormBody key={state.stamp ?? 0} initial={state.values ? { ...initial, ...state.values } : initial} regions={regions} state={state} action={action} pending={pending} />;
}

function RuleFormBody({
  initial, regions, state, action, pending,
}: {
  initial: RuleFormValues;
  regions: { id: string; name: string }[];
  state: RuleResult;
  action: (form: FormData) => void;
  pending: boolean;
}) {
  const editing = initial.id !== undefined;
  const [trigger, setTrigger] = useState<AlertTrigger>(initial.trigger);
  const err = (k: "name" | "trigger" | "insightType" | "filters" | "webhookUrl") => state.errors?.[k]?.[0];
  const f = initial.filters;
  return (
    <form action={action} aria-label={editing ? "Edit alert rule" : "New alert rule"} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      {editing && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Rule name" id="rule-name" error={err("name")} name="name" defaultValue={initial.name} maxLength={64} required />
        <TextField label="Webhook URL" id="rule-url" error={err("webhookUrl")} name="webhookUrl" defaultValue={initial.webhookUrl} placeholder="https://hooks.example.com/trailkeeper" required />
      </div>

      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-600">Send a notification for</legend>
        <div className="flex flex-wrap gap-4">
          {(["insight", "event", "delivery"] as const).map((t) => (
            <label key={t} className="flex items-center gap-2">
              <input type="radio" name="trigger" value={t} checked={trigger === t} onChange={() => setTrigger(t)} className="accent-orange-600" />
              {t === "insight" ? "Insights" : t === "event" ? "Events matching conditions" : "Trail delivery notifications only"}
            </label>
          ))}
        </div>
      </fieldset>

      {trigger === "delivery" ? (
        <p className="text-slate-500">
          This rule matches no event or insight: trails that name it under their delivery notifications send their delivery failures, recoveries and (if chosen) delivered files to its webhook.
        </p>
      ) : trigger === "insight" ? (
        <Field label="Insight type" htmlFor="rule-insight-type" error={err("insightType")} errorId="rule-insight-type-error" className="max-w-sm">
          <Select id="rule-insight-type" name="insightType" defaultValue={initial.insightType ?? "*"} aria-describedby="rule-insight-type-error">
            <option value="*">Any insight</option>
            {INSIGHT_TYPES.map((t) => (
              <option key={t} value={t}>
                {INSIGHT_LABELS[t]} ({t})
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <fieldset aria-describedby="rule-filters-error" className="space-y-3 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-xs font-medium text-slate-600">Event conditions (all given ones must hold)</legend>
          <div className="grid gap-3 md:grid-cols-3">
            <Field label="Region" htmlFor="filter-region">
              <Select id="filter-region" name="filter-region" defaultValue={f.region ?? "all"}>
                <option value="all">All regions</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.id})
                  </option>
                ))}
              </Select>
            </Field>
            {(["eventRW", "eventType"] as const).map((key) => (
              <Field key={key} label={filterDef(key).label} htmlFor={`filter-${key}`}>
                <Select id={`filter-${key}`} name={`filter-${key}`} defaultValue={f[key] ?? ""}>
                  <option value="">All</option>
                  {filterDef(key).choices!.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </Select>
              </Field>
            ))}
            {TEXT_CONDITIONS.map((d) => (
              <Field key={d.key} label={d.label} htmlFor={`filter-${d.key}`}>
                <Input id={`filter-${d.key}`} name={`filter-${d.key}`} defaultValue={f[d.key as RuleFilterKey] ?? ""} placeholder={d.placeholder} maxLength={512} />
              </Field>
            ))}
            <label className="flex items-center gap-2 self-end pb-1.5">
              <input type="checkbox" name="filter-sensitive" value="true" defaultChecked={f.sensitive === "true"} className="accent-orange-600" />
              {filterDef("sensitive").label}
            </label>
          </div>
          {err("filters") && (
            <p id="rule-filters-error" className="text-xs text-red-600">
              {err("filters")}
            </p>
          )}
        </fieldset>
      )}

      <label className="flex items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={initial.enabled} className="accent-orange-600" />
        Enabled
      </label>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save rule" : "Create rule"}
        </Button>
      </div>

      <ActionMessage state={state}>
        {state.data?.secret && (
          <div className="mt-2 space-y-1">
            <p>Signing secret — copy it now, it is not shown again:</p>
            <SecretValue text={state.data.secret} testId="rule-secret" />
          </div>
        )}
        {state.data?.ruleId && (
          <Link href={`/alerts/${state.data.ruleId}`} className="mt-2 inline-block font-medium underline">
            Open the rule and its delivery history
          </Link>
        )}
      </ActionMessage>
    </form>
  );
}
