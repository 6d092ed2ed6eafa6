// What a verification reports, in one shape for every caller: `verify trail|bucket` prints it (text or
// --json), the console's "Verify now" job stores it, and a failed one is recorded as a sensitive event
// (verification-audit.ts); `verify store` prints its own report (formatStoreReport). Pure: no database.
import type { BucketReport, LogStoreReport, Problem, TimeRange } from "./verify";
import type { StoreReport } from "./verify-store";

export interface VerifyOutput {
  ok: boolean;
  trail: string | null;
  source: { bucket: string | null } | { dir: string };
  range: { start: string | null; end: string | null };
  summary: { bucket: BucketReport["summary"] | null; logStore: LogStoreReport["summary"] | null };
  problems: Problem[];
  pending: string[];
}

export function verifyOutput(
  o: Omit<VerifyOutput, "ok" | "problems" | "summary" | "pending" | "range"> & { range: TimeRange; objects: BucketReport | null; logStore: LogStoreReport | null },
): VerifyOutput {
  const problems = [...(o.objects?.problems ?? []), ...(o.logStore?.problems ?? [])];
  return {
    ok: problems.length === 0,
    trail: o.trail,
    source: o.source,
    range: { start: o.range.start?.toISOString() ?? null, end: o.range.end?.toISOString() ?? null },
    summary: { bucket: o.objects?.summary ?? null, logStore: o.logStore?.summary ?? null },
    problems,
    pending: o.objects?.pending ?? [],
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The last line of the text report: what was checked, what waits for a digest, the verdict. */
export function verifySummaryLine(o: VerifyOutput): string {
  const parts: string[] = [];
  const { bucket, logStore } = o.summary;
  if (bucket) {
    const through = bucket.newestPeriodEnd ? `, through ${bucket.newestPeriodEnd}` : "";
    parts.push(`${plural(bucket.logFiles, "log file")} in ${plural(bucket.digests, "digest")} over ${plural(bucket.periods, "period")} (${plural(bucket.chains, "chain")}${through})`);
  }
  if (logStore) parts.push(`${plural(logStore.rows, "log store row")} in ${plural(logStore.digests, "digest")}`);
  const waiting = [
    bucket?.pendingLogFiles ? plural(bucket.pendingLogFiles, "log file") : "",
    logStore?.pendingRows ? plural(logStore.pendingRows, "log store row") : "",
  ].filter(Boolean);
  const purged = logStore?.purgedPeriods ? `; ${plural(logStore.purgedPeriods, "log store period")} partly purged by retention` : "";
  const what = o.trail ? `Trail ${o.trail}` : "dir" in o.source ? `Directory ${o.source.dir}` : "Bucket";
  const verdict = o.ok ? "no problems" : `${plural(o.problems.length, "problem")} found`;
  return `${what}: ${parts.join(", ") || "nothing to verify"}${waiting.length ? `; ${waiting.join(" and ")} not in a digest yet` : ""}${purged}: ${verdict}.`;
}

/** One line per problem, then the summary line. */
export function formatVerifyOutput(o: VerifyOutput): string {
  return [...o.problems.map((p) => `${p.kind}: ${p.target}: ${p.detail}`), verifySummaryLine(o)].join("\n");
}

/** Problems counted by kind, e.g. "2 modified, 1 deleted" (the failure event and notifications). */
export function problemCounts(problems: readonly Problem[]): string {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
}

/** One line per problem (named by eventId, block or checkpoint), then the summary line. */
export function formatStoreReport(r: StoreReport): string {
  const lines = r.problems.map((p) => `${p.kind}: ${p.target}: ${p.detail}`);
  const s = r.summary;
  const parts = [`${plural(s.events, "event")} in ${plural(s.blocks, "block")}`];
  parts.push(s.latestCheckpoint ? `${plural(s.checkpoints, "signed checkpoint")} (the latest at block ${s.latestCheckpoint.blockNumber}, ${s.latestCheckpoint.signedAt})` : "no signed checkpoint yet");
  const notes: string[] = [];
  if (s.notCheckpointed.events) notes.push(`${plural(s.notCheckpointed.events, "event")} in ${plural(s.notCheckpointed.blocks, "block")} not yet checkpointed`);
  if (s.purged.events || s.purged.summarisedBlocks) {
    notes.push(`${plural(s.purged.events, "event")} purged by retention${s.purged.summarisedBlocks ? ` (blocks 1–${s.purged.summarisedBlocks} summarised by a checkpoint)` : ""}`);
  }
  if (s.beforeChain.events) notes.push(`${plural(s.beforeChain.events, "event")} stored before the chain (ids up to ${s.beforeChain.maxPk}), not covered`);
  const verdict = r.ok ? "no problems" : `${plural(r.problems.length, "problem")} found`;
  lines.push(`Query store: ${parts.join(", ")}${notes.length ? `; ${notes.join("; ")}` : ""}: ${verdict}.`);
  return lines.join("\n");
}
