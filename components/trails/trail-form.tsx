"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { createTrailAction, updateTrailAction, type TrailFormValues } from "@/lib/actions/trails";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { REGIONS, regionName } from "@/lib/events/regions";
import { logStoreName, MAX_LOG_STORE_RETENTION_DAYS, MIN_LOG_STORE_RETENTION_DAYS, ossPathPattern } from "@/lib/trails/rules";

export const NEW_TRAIL_DEFAULTS: TrailFormValues = {
  name: "",
  homeRegion: "cn-hangzhou",
  eventRW: "All",
  trailScope: "all",
  ossBucketName: "",
  ossKeyPrefix: "",
  logStoreEnabled: false,
  logStoreRetentionDays: "180",
  startLogging: true,
};

function ErrorText({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-600">
      {messages.join(" · ")}
    </p>
  );
}

export function TrailForm({ mode, initial, buckets }: { mode: "create" | "edit"; initial: TrailFormValues; buckets: string[] }) {
  const [state, action, pending] = useActionState<ActionResult<TrailFormValues>, FormData>(mode === "create" ? createTrailAction : updateTrailAction, {});
  const v = state.values ?? initial;
  const e = state.errors ?? {};
  const [homeRegion, setHomeRegion] = useState(v.homeRegion);
  const [prefix, setPrefix] = useState(v.ossKeyPrefix);
  const [trailName, setTrailName] = useState(v.name);
  return (
    // Keyed by the submitted values: React resets a form after its action, and a <select> would fall back
    // to its first default instead of what was submitted.
    <form key={JSON.stringify(v)} action={action} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      {state.message && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {state.message}
        </p>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Basics</legend>
        <Field label="Trail name" htmlFor="trail-name" error={e.name?.join(" · ")} errorId="trail-name-error">
          {mode === "create" ? (
            <Input
              id="trail-name"
              name="name"
              defaultValue={v.name}
              onChange={(ev) => setTrailName(ev.target.value)}
              aria-invalid={!!e.name}
              aria-describedby="trail-name-error trail-name-help"
              autoComplete="off"
              placeholder="e.g. audit-to-archive"
            />
          ) : (
            <>
              <Input id="trail-name" value={v.name} readOnly disabled className="bg-slate-100 text-slate-600" />
              <input type="hidden" name="name" value={v.name} />
            </>
          )}
          {!e.name && mode === "create" && (
            <p id="trail-name-help" className="mt-1 text-xs text-slate-500">
              6–36 letters, digits, hyphens or underscores, starting with a letter.
            </p>
          )}
        </Field>
        <Field label="Home region" htmlFor="trail-home-region" error={e.homeRegion?.join(" · ")} errorId="trail-home-region-error">
          {mode === "create" ? (
            <Select id="trail-home-region" name="homeRegion" defaultValue={v.homeRegion} onChange={(ev) => setHomeRegion(ev.target.value)} aria-describedby="trail-home-region-error">
              {REGIONS.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({r.id})
                </option>
              ))}
            </Select>
          ) : (
            <>
              <Input id="trail-home-region" value={`${regionName(v.homeRegion)} (${v.homeRegion})`} readOnly disabled className="bg-slate-100 text-slate-600" />
              <input type="hidden" name="homeRegion" value={v.homeRegion} />
            </>
          )}
        </Field>
        <Field label="Event type" htmlFor="trail-event-rw" error={e.eventRW?.join(" · ")} errorId="trail-event-rw-error">
          <Select id="trail-event-rw" name="eventRW" defaultValue={v.eventRW} aria-describedby="trail-event-rw-error">
            <option value="All">All (read and write)</option>
            <option value="Write">Write</option>
            <option value="Read">Read</option>
          </Select>
        </Field>
        <div>
          <span className="mb-1 block text-xs font-medium text-slate-600">Regions</span>
          <div className="flex flex-wrap gap-4 py-1.5" role="radiogroup" aria-label="Regions">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="trailScope" value="all" defaultChecked={v.trailScope === "all"} className="accent-orange-600" />
              All regions
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="trailScope" value="home" defaultChecked={v.trailScope === "home"} className="accent-orange-600" />
              Home region only ({homeRegion})
            </label>
          </div>
          <ErrorText id="trail-scope-error" messages={e.trailRegion} />
        </div>
      </fieldset>

      <fieldset className="space-y-4 border-t border-slate-200 pt-4" aria-describedby="trail-destination-error">
        <legend className="mb-2 pt-4 font-semibold">Destinations</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="OSS bucket" htmlFor="trail-bucket" error={e.ossBucketName?.join(" · ")} errorId="trail-bucket-error">
            <Select id="trail-bucket" name="ossBucketName" defaultValue={v.ossBucketName} aria-invalid={!!e.ossBucketName} aria-describedby="trail-bucket-error">
              <option value="">No bucket</option>
              {buckets.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </Select>
            {buckets.length === 0 && (
              <p className="mt-1 text-xs text-slate-500">
                No buckets yet.{" "}
                <Link href="/trails/buckets" className="text-orange-700 hover:underline">
                  Add a bucket
                </Link>
              </p>
            )}
          </Field>
          <Field label="Key prefix (optional)" htmlFor="trail-prefix" error={e.ossKeyPrefix?.join(" · ")} errorId="trail-prefix-error">
            <Input
              id="trail-prefix"
              name="ossKeyPrefix"
              defaultValue={v.ossKeyPrefix}
              onChange={(ev) => setPrefix(ev.target.value)}
              maxLength={300}
              aria-invalid={!!e.ossKeyPrefix}
              aria-describedby="trail-prefix-error trail-prefix-help"
              placeholder="e.g. audit"
            />
            <p id="trail-prefix-help" className="mt-1 truncate font-mono text-xs text-slate-500" title={ossPathPattern(prefix.trim())}>
              {ossPathPattern(prefix.trim())}
            </p>
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="logStoreEnabled" defaultChecked={v.logStoreEnabled} className="mt-1 accent-orange-600" />
            <span>
              Deliver to the log store
              <span className="block font-mono text-xs text-slate-500">{logStoreName(trailName || "<trail name>")}</span>
            </span>
          </label>
          <Field label="Log store retention (days)" htmlFor="trail-retention" error={e.logStoreRetentionDays?.join(" · ")} errorId="trail-retention-error">
            <Input id="trail-retention" name="logStoreRetentionDays" type="number" min={MIN_LOG_STORE_RETENTION_DAYS} max={MAX_LOG_STORE_RETENTION_DAYS} defaultValue={v.logStoreRetentionDays} aria-describedby="trail-retention-error" className="w-32" />
          </Field>
        </div>
        <ErrorText id="trail-destination-error" messages={e.destination} />
      </fieldset>

      {mode === "create" && (
        <label className="flex items-center gap-2 border-t border-slate-200 pt-4">
          <input type="checkbox" name="startLogging" defaultChecked={v.startLogging} className="accent-orange-600" />
          <span className="whitespace-nowrap">Start logging now</span>
          <span className="text-slate-500">— events ingested from now on are delivered; unticked, the trail waits (status Fresh) until you start it</span>
        </label>
      )}

      <div className="flex items-center gap-2 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create trail" : "Save changes"}
        </Button>
        <ButtonLink href={mode === "create" ? "/trails" : `/trails/${encodeURIComponent(v.name)}`}>Cancel</ButtonLink>
      </div>
    </form>
  );
}
