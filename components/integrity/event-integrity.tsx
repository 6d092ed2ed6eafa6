"use client";

import { CheckCircle2, CircleDashed, ShieldCheck, XCircle } from "lucide-react";
import { useActionState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { PostButton } from "@/components/forms/post-button";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { verifyEventAction } from "@/lib/actions/integrity";
import type { EventCheck } from "@/lib/integrity/event-check";
import type { EventBlock } from "@/lib/integrity/verify-store";

/** Where the event was delivered, as the event page shows it (dates as ISO strings). */
export interface EventPlacementView {
  files: { trailName: string; bucket: string; key: string; sha256: string | null; digestKey: string | null; digestPeriodEnd: string | null; digestWritten: boolean }[];
  logStoreRows: { logStore: string; rowId: number; digestPeriodEnd: string | null }[];
  /** The query store chain's block that holds the event (docs/store-chain.md); null: stored before the chain. */
  block: EventBlock | null;
}

function StoreBlock({ block }: { block: EventBlock | null }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">Query store chain</dt>
      {block ? (
        <>
          <dd className="text-xs text-slate-600 [overflow-wrap:anywhere]">
            block {block.number} · hash <span className="font-mono">{block.hash}</span>
          </dd>
          <dd className="text-xs text-slate-600">
            {block.checkpoint ? (
              <>
                signed by the checkpoint at block {block.checkpoint.blockNumber} (<LocalTime iso={block.checkpoint.signedAt} />, key {block.checkpoint.keyId})
              </>
            ) : (
              "chained, not signed by a checkpoint yet (the worker signs one about every minute)"
            )}
          </dd>
        </>
      ) : (
        <dd className="text-xs text-slate-600">in no block: stored before the chain existed, not covered by it</dd>
      )}
    </div>
  );
}

const ICONS = {
  ok: <CheckCircle2 className="size-4 shrink-0 text-emerald-600" aria-hidden />,
  failed: <XCircle className="size-4 shrink-0 text-red-600" aria-hidden />,
  pending: <CircleDashed className="size-4 shrink-0 text-slate-400" aria-hidden />,
};
const STATUS_TEXT = { ok: "passed", failed: "failed", pending: "pending" };

function Checks({ checks }: { checks: EventCheck[] }) {
  return (
    <ul aria-label="Verification checks" className="divide-y divide-slate-100">
      {checks.map((c) => (
        <li key={c.id} className="flex items-start gap-2 px-4 py-2">
          {ICONS[c.status]}
          <div className="min-w-0">
            <p className="font-medium [overflow-wrap:anywhere]">
              {c.label} <span className="sr-only">{STATUS_TEXT[c.status]}</span>
            </p>
            <p className="text-xs text-slate-600 [overflow-wrap:anywhere]">{c.detail}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function EventIntegrity({ eventId, placement }: { eventId: string; placement: EventPlacementView | null }) {
  const [state, action, pending] = useActionState(verifyEventAction, {});
  const result = state.ok ? state.data : undefined;
  const nothing = placement && !placement.files.length && !placement.logStoreRows.length;
  const storeBlock = placement && <StoreBlock block={placement.block} />;
  return (
    <Panel
      id="integrity"
      title="Delivery and integrity"
      description="The query store block, delivered files and log store rows that hold this event, each checked against what signs it."
      actions={
        placement && (
          <PostButton action={action} fields={{ eventId }} variant="secondary" pending={pending} pendingLabel="Verifying…">
            <ShieldCheck className="size-4" aria-hidden /> Verify this event
          </PostButton>
        )
      }
    >
      {!placement ? (
        <p className="px-4 py-3 text-slate-500">This event has left the query store: its delivered files are known only while it is kept there.</p>
      ) : nothing ? (
        <dl className="space-y-2 px-4 py-3 text-sm">
          {storeBlock}
          <div>
            <dt className="text-xs font-medium text-slate-500">Delivered copies</dt>
            <dd className="text-xs text-slate-600">Not delivered yet: no trail has written this event to a bucket or a log store.</dd>
          </div>
        </dl>
      ) : (
        <dl className="space-y-2 px-4 py-3 text-sm">
          {storeBlock}
          {placement.files.map((f) => (
            <div key={`${f.bucket}/${f.key}`}>
              <dt className="text-xs font-medium text-slate-500">
                File of trail {f.trailName} in bucket {f.bucket}
              </dt>
              <dd className="font-mono text-xs [overflow-wrap:anywhere]">{f.key}</dd>
              <dd className="text-xs text-slate-600 [overflow-wrap:anywhere]">
                SHA-256 {f.sha256 ?? "—"} ·{" "}
                {f.digestKey ? (
                  <>
                    digest <span className="font-mono">{f.digestKey}</span>
                    {f.digestPeriodEnd && (
                      <>
                        {" "}
                        (period ending <LocalTime iso={f.digestPeriodEnd} withSeconds={false} />
                        {f.digestWritten ? "" : ", not written yet"})
                      </>
                    )}
                  </>
                ) : (
                  "not in a digest yet"
                )}
              </dd>
            </div>
          ))}
          {placement.logStoreRows.map((r) => (
            <div key={`${r.logStore}#${r.rowId}`}>
              <dt className="text-xs font-medium text-slate-500">Log store {r.logStore}</dt>
              <dd className="text-xs text-slate-600">
                row {r.rowId} ·{" "}
                {r.digestPeriodEnd ? (
                  <>
                    in the digest of the period ending <LocalTime iso={r.digestPeriodEnd} withSeconds={false} />
                  </>
                ) : (
                  "not in a digest yet"
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {state.message && !state.ok && <ActionMessage state={state} className="mx-4 mb-3" />}
      {result && (
        <div className="border-t border-slate-200">
          <p role="status" className={`px-4 pt-3 font-medium ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
            {result.ok ? "Verified: every check passed" : `Not verified: ${result.checks.filter((c) => c.status === "failed").length} check(s) failed`}
            <span className="ml-2 text-xs font-normal text-slate-500">
              <LocalTime iso={result.checkedAt} />
            </span>
          </p>
          <Checks checks={result.checks} />
        </div>
      )}
    </Panel>
  );
}
