"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import { Panel } from "@/components/ui/panel";
import { updateTrailNotificationsAction } from "@/lib/actions/trails";

export interface ChannelOption {
  name: string;
  /** What the rule watches besides (lib/alerts/rules.ts describeRule). */
  description: string;
  enabled: boolean;
}

/** The trail's delivery notifications: its channel (an alert rule's signed webhook) and the per-file option. */
export function NotificationsSection({
  trailName,
  current,
  eachFile,
  rules,
  canManage,
  hasBucket,
}: {
  trailName: string;
  current: ChannelOption | null;
  eachFile: boolean;
  rules: ChannelOption[];
  canManage: boolean;
  hasBucket: boolean;
}) {
  const [state, action, pending] = useActionState(updateTrailNotificationsAction, {});
  const summary = current
    ? `Failures and recoveries of each destination${eachFile ? ", and every delivered file with its key and SHA-256," : ""} are sent to the webhook of alert rule ${current.name}${current.enabled ? "" : " (disabled: nothing is sent until it is enabled)"}.`
    : "Off: nobody is told when a delivery fails or recovers.";
  return (
    <Panel id="notifications" title="Delivery notifications" description={summary}>
      {canManage && (
        <form action={action} aria-label="Delivery notifications" className="space-y-3 px-4 py-3">
          <input type="hidden" name="name" value={trailName} />
          <div className="flex flex-wrap items-end gap-4">
            <Field label="Channel (an alert rule's signed webhook)" htmlFor="notify-channel" error={state.errors?.notifyChannel?.[0]} errorId="notify-channel-error" className="min-w-72">
              <Select id="notify-channel" name="notifyChannel" defaultValue={current?.name ?? ""} aria-describedby="notify-channel-error">
                <option value="">None</option>
                {rules.map((r) => (
                  <option key={r.name} value={r.name}>
                    {r.name} — {r.description}
                    {r.enabled ? "" : " (disabled)"}
                  </option>
                ))}
              </Select>
            </Field>
            <label className="flex items-center gap-2 pb-1.5">
              <input type="checkbox" name="notifyEachFile" defaultChecked={eachFile} disabled={!hasBucket} className="accent-orange-600" aria-describedby="notify-each-file-error" />
              Also for each delivered file
            </label>
            <Button type="submit" variant="secondary" disabled={pending}>
              {pending ? "Saving…" : "Save notifications"}
            </Button>
          </div>
          {state.errors?.notifyEachFile?.[0] && (
            <p id="notify-each-file-error" className="text-xs text-red-600">
              {state.errors.notifyEachFile[0]}
            </p>
          )}
          {rules.length === 0 && (
            <p className="text-xs text-slate-500">
              No alert rule yet: <Link href="/alerts/new" className="text-orange-700 hover:underline">create one</Link> with the trigger “Trail delivery notifications only” and its webhook URL.
            </p>
          )}
          <ActionMessage state={state} />
        </form>
      )}
    </Panel>
  );
}
