"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { deleteBucketAction, saveBucketAction, type BucketFormValues } from "@/lib/actions/buckets";
import { ActionMessage } from "@/components/forms/action-message";
import { TextField } from "@/components/forms/form-field";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { BucketSummary } from "@/lib/trails/buckets";

/** A bucket as the page shows it (dates as ISO strings: they cross to the client). */
export type BucketRow = Omit<BucketSummary, "createdAt" | "updatedAt"> & { localPath: string | null; updatedAt: string };

const EMPTY: BucketFormValues = { name: "", kind: "local", endpoint: "", region: "", accessKeyId: "", forcePathStyle: true };

/** Create (no `bucket`) or edit a bucket. The secret is write-only: blank on edit keeps the stored one. */
export function BucketForm({ bucket, onDone }: { bucket?: BucketRow; onDone?: () => void }) {
  const [state, action, pending] = useActionState<ActionResult<BucketFormValues>, FormData>(async (prev, form) => {
    const next = await saveBucketAction(prev, form);
    if (next.ok && bucket) onDone?.();
    return next;
  }, {});
  const initial: BucketFormValues = bucket
    ? { name: bucket.name, kind: bucket.kind, endpoint: bucket.endpoint ?? "", region: bucket.region ?? "", accessKeyId: bucket.accessKeyId ?? "", forcePathStyle: bucket.forcePathStyle }
    : EMPTY;
  const v = state.ok && !bucket ? EMPTY : (state.values ?? initial);
  const e = state.errors ?? {};
  const [kind, setKind] = useState<"local" | "s3">(v.kind);
  const id = (f: string) => `bucket-${bucket ? "edit" : "new"}-${f}`;
  return (
    <form key={JSON.stringify(v)} action={action} noValidate className="space-y-3" aria-label={bucket ? `Edit bucket ${bucket.name}` : "New bucket"}>
      <input type="hidden" name="mode" value={bucket ? "edit" : "create"} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        {bucket ? (
          <Field label="Bucket name" htmlFor={id("name")} error={e.name?.join(" · ")} errorId={id("name-error")}>
            <Input id={id("name")} value={bucket.name} readOnly disabled className="bg-slate-100 text-slate-600" />
            <input type="hidden" name="name" value={bucket.name} />
          </Field>
        ) : (
          <TextField label="Bucket name" id={id("name")} error={e.name?.join(" · ")} name="name" defaultValue={v.name} autoComplete="off" placeholder="e.g. audit-archive" />
        )}
        <Field label="Kind" htmlFor={id("kind")} error={e.kind?.join(" · ")} errorId={id("kind-error")}>
          <Select id={id("kind")} name="kind" defaultValue={v.kind} onChange={(ev) => setKind(ev.target.value as "local" | "s3")}>
            <option value="local">Local directory</option>
            <option value="s3">S3-compatible</option>
          </Select>
        </Field>
      </div>
      {kind === "s3" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Endpoint URL" id={id("endpoint")} error={e.endpoint?.join(" · ")} name="endpoint" defaultValue={v.endpoint} placeholder="https://s3.example.com" />
          <TextField label="Region" id={id("region")} error={e.region?.join(" · ")} name="region" defaultValue={v.region} placeholder="us-east-1" />
          <TextField label="Access key ID" id={id("access-key-id")} error={e.accessKeyId?.join(" · ")} name="accessKeyId" defaultValue={v.accessKeyId} autoComplete="off" />
          <TextField
            label="Secret access key"
            id={id("secret")}
            error={e.secret?.join(" · ")}
            name="secret"
            type="password"
            autoComplete="new-password"
            placeholder={bucket?.hasSecret ? "•••••••• stored — leave blank to keep" : ""}
          />
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" name="forcePathStyle" defaultChecked={v.forcePathStyle} className="accent-orange-600" />
            Path-style addressing (endpoint/bucket/key), as MinIO and most self-hosted servers need
          </label>
        </div>
      ) : (
        <p className="text-xs text-slate-500">Objects are written under the server&apos;s data directory, in buckets/&lt;bucket name&gt;/.</p>
      )}
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : bucket ? "Save bucket" : "Add bucket"}
        </Button>
        {bucket && (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

function BucketItem({ bucket }: { bucket: BucketRow }) {
  const [editing, setEditing] = useState(false);
  const [state, action, pending] = useActionState(deleteBucketAction, {});
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="border-t border-slate-100 px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">{bucket.name}</p>
          <p className="truncate text-xs text-slate-500">
            {bucket.kind === "s3" ? (
              <>
                S3 · {bucket.endpoint} · {bucket.region} · key {bucket.accessKeyId} · secret {bucket.hasSecret ? "stored" : "missing"}
                {bucket.forcePathStyle ? " · path-style" : ""}
              </>
            ) : (
              <>Local directory · {bucket.localPath}</>
            )}
          </p>
          <p className="text-xs text-slate-500">
            {bucket.usedBy.length ? `Used by ${bucket.usedBy.join(", ")}` : "Not used by any trail"} · updated <LocalTime iso={bucket.updatedAt} withSeconds={false} />
          </p>
        </div>
        <div className="flex items-center gap-1">
          <Button type="button" variant="secondary" onClick={() => setEditing((x) => !x)} aria-label={`Edit bucket ${bucket.name}`}>
            Edit
          </Button>
          {confirming ? (
            <form action={action} className="flex items-center gap-1">
              <input type="hidden" name="name" value={bucket.name} />
              <Button type="submit" variant="danger" disabled={pending} aria-label={`Confirm deleting bucket ${bucket.name}`}>
                {pending ? "Deleting…" : "Confirm delete"}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </form>
          ) : (
            <Button type="button" variant="ghost" className="text-red-700!" onClick={() => setConfirming(true)} aria-label={`Delete bucket ${bucket.name}`}>
              Delete
            </Button>
          )}
        </div>
      </div>
      <ActionMessage state={state} failuresOnly className="mt-2" />
      {editing && (
        <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3">
          <BucketForm bucket={bucket} onDone={() => setEditing(false)} />
        </div>
      )}
    </li>
  );
}

export function BucketsSection({ buckets }: { buckets: BucketRow[] }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
      <section aria-labelledby="buckets-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <h2 id="buckets-heading" className="px-4 py-3 font-semibold">
          Buckets
        </h2>
        {buckets.length === 0 ? (
          <p className="border-t border-slate-100 px-4 py-8 text-center text-slate-500">No buckets yet. Add one to deliver trails to object storage.</p>
        ) : (
          <ul>
            {buckets.map((b) => (
              <BucketItem key={`${b.name}-${b.updatedAt}`} bucket={b} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-bucket-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <h2 id="new-bucket-heading" className="mb-3 font-semibold">
          Add a bucket
        </h2>
        <BucketForm />
      </section>
    </div>
  );
}
