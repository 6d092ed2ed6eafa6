import { Download } from "lucide-react";
import type { Metadata } from "next";
import { EmptyRow } from "@/components/activity/section";
import { IntegrityTrails, type IntegrityTrailRow } from "@/components/integrity/integrity-trails";
import { ProblemsTable } from "@/components/integrity/problems-table";
import { SigningKeysTable } from "@/components/integrity/signing-keys-table";
import { AutoRefresh } from "@/components/trails/auto-refresh";
import { buttonClass } from "@/components/ui/button";
import { CreateLink, NoneYet } from "@/components/ui/none-yet";
import { PageShell } from "@/components/ui/page-shell";
import { Panel } from "@/components/ui/panel";
import { CAN, requireUser, roleCan } from "@/lib/auth/session";
import { getIntegrityOverview, storeChainStatus } from "@/lib/integrity/overview";
import { Fact } from "@/components/ui/facts-card";
import { LocalTime } from "@/components/ui/local-time";
import { verifySummaryLine } from "@/lib/integrity/verify-output";

export const metadata: Metadata = { title: "Integrity" };

/** "every hour", "every 5 minutes", "every 10 seconds". */
function everyText(seconds: number | null): string {
  if (!seconds) return "";
  const [n, unit] = seconds % 3600 === 0 ? [seconds / 3600, "hour"] : seconds % 60 === 0 ? [seconds / 60, "minute"] : [seconds, "second"];
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

export default async function IntegrityPage() {
  const user = await requireUser(CAN.integrity);
  const [{ trails, keys, digestIntervalSeconds }, chain] = await Promise.all([getIntegrityOverview(), storeChainStatus()]);
  const every = everyText(digestIntervalSeconds);
  const rows: IntegrityTrailRow[] = trails.map((t) => {
    const open = t.latest && (t.latest.status === "Queued" || t.latest.status === "Running") ? t.latest : null;
    const r = t.lastResult;
    return {
      name: t.name,
      bucket: t.bucket,
      logStore: t.logStore,
      digests: t.digests.map((d) => ({
        destination: d.destination, periodStart: d.periodStart.toISOString(), periodEnd: d.periodEnd.toISOString(), itemCount: d.itemCount,
        keys: d.keys, keyId: d.keyId, writtenAt: d.writtenAt?.toISOString() ?? null,
      })),
      running: open && { id: open.id, status: open.status, phase: open.phase, checked: open.checked, total: open.total, createdBy: open.createdBy, createdAt: open.createdAt.toISOString() },
      result: r && {
        id: r.id, status: r.status, problemCount: r.problemCount, error: r.error, createdBy: r.createdBy,
        finishedAt: r.finishedAt?.toISOString() ?? null, summary: r.report ? verifySummaryLine(r.report) : null,
      },
    };
  });
  const busy = rows.some((r) => r.running);
  const withProblems = trails.filter((t) => t.lastResult?.report && t.lastResult.report.problems.length > 0);
  const download = buttonClass("secondary");
  return (
    <PageShell
      width="xl"
      title="Integrity"
      description={`Each trail's delivered files and log store rows are covered by signed, chained digests written ${every || "each period"}. Verify now runs the same check as npm run cli -- verify trail, reading the bucket as an outside auditor would.`}
      actions={busy && <AutoRefresh seconds={2} />}
    >
      <section aria-label="Trails" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        {rows.length === 0 ? (
          <NoneYet title="No trail to verify" create={roleCan(user.role, CAN.manageTrails) && <CreateLink href="/trails/new">Create trail</CreateLink>}>
            Digests cover what trails deliver: create a trail with a bucket or the log store, and its first digest is written when the current period ends.
          </NoneYet>
        ) : (
          <IntegrityTrails trails={rows} canVerify={roleCan(user.role, CAN.integrity)} digestEvery={every} />
        )}
      </section>

      {withProblems.map((t) => {
        const r = t.lastResult!;
        const report = r.report!;
        const more = (r.problemCount ?? 0) - report.problems.length;
        return (
          <Panel
            key={t.name}
            id={`problems-${t.name}`}
            title={`Problems found in trail ${t.name}`}
            description={`Verification ${r.id} by ${r.createdBy}: ${verifySummaryLine(report)}${more > 0 ? ` The first ${report.problems.length} are listed; npm run cli -- verify trail ${t.name} lists all.` : ""}`}
          >
            <ProblemsTable problems={report.problems} caption={`Problems of trail ${t.name}`} />
          </Panel>
        );
      })}

      <Panel
        id="query-store"
        title="Query store chain"
        description="Every ingestion appends a block of its events (their hashes, a Merkle root, the previous block's hash); the worker signs a checkpoint of the head about every minute. npm run -s cli -- verify store names any changed, deleted or inserted event by its eventId."
      >
        <dl aria-label="Query store chain" className="grid grid-cols-2 gap-4 px-4 py-3 md:grid-cols-4">
          {[
            { label: "Blocks", value: chain.blocks.toLocaleString("en-US") },
            {
              label: "Latest signed checkpoint",
              value: chain.latestCheckpoint ? (
                <>
                  block {chain.latestCheckpoint.blockNumber.toLocaleString("en-US")}, <LocalTime iso={chain.latestCheckpoint.signedAt} />
                </>
              ) : (
                "none yet"
              ),
            },
            { label: "Signing key", value: chain.latestCheckpoint ? <span className="font-mono text-xs">{chain.latestCheckpoint.keyId}</span> : "—" },
            { label: "Retention", value: `${chain.retentionDays} days, then purged (the chain stays verifiable)` },
            chain.legacyMaxPk > 0 && { label: "Before the chain", value: `events with ids up to ${chain.legacyMaxPk.toLocaleString("en-US")} were stored before it and are not covered` },
          ].map((f) => f && <Fact key={f.label} label={f.label}>{f.value}</Fact>)}
        </dl>
      </Panel>

      <Panel
        id="keys"
        title="Signing keys"
        description="Digests name the key that signed them. Give auditors all keys: digests signed before a rotation stay verifiable with the retired key (npm run cli -- verify bucket --dir … --public-key FILE)."
        actions={
          keys.length > 0 && (
            <div className="flex gap-2">
              <a href="/api/integrity/public-keys" download className={download}>
                <Download className="size-4" aria-hidden /> Current key (PEM)
              </a>
              <a href="/api/integrity/public-keys?all=1" download className={download}>
                <Download className="size-4" aria-hidden /> All keys (PEM)
              </a>
            </div>
          )
        }
      >
        {keys.length === 0 ? (
          <EmptyRow>No signing key yet: the worker makes one before it writes the first digest (npm start makes it at start).</EmptyRow>
        ) : (
          <SigningKeysTable keys={keys.map((k) => ({ id: k.id, algorithm: k.algorithm, createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null }))} />
        )}
      </Panel>
    </PageShell>
  );
}
