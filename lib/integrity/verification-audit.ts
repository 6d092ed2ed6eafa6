// A verification that finds problems is a sensitive event of its own (docs/integrity-console.md "Events
// recorded"): `VerifyTrail` with errorCode IntegrityVerificationFailed, `"sensitive": true`, the trail as
// its resource and the problems counted by kind, so an alert rule on sensitive events, on the error code
// or on the event name fires. Recorded by the CLI's `verify trail` and by the console's job alike;
// `verify store` records VerifyQueryStore the same way.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import type { Problem } from "./verify";
import { formatStoreReport, problemCounts, verifySummaryLine, type VerifyOutput } from "./verify-output";
import type { StoreReport } from "./verify-store";

export const VERIFY_EVENT_NAME = "VerifyTrail";
export const VERIFY_STORE_EVENT_NAME = "VerifyQueryStore";
export const VERIFICATION_FAILED_CODE = "IntegrityVerificationFailed";
/** Problems named in the event itself (every one is in the report; an event stays small). */
const PROBLEMS_IN_EVENT = 50;

/** The event a failed verification records: one shape for a trail's and for the query store's. */
function recordFailure(f: {
  actor: Actor;
  eventName: string;
  problems: readonly Problem[];
  summary: string;
  requestParameters: Record<string, unknown>;
  resources: Record<string, string[]>;
}): Promise<string | undefined> {
  const byKind: Record<string, number> = {};
  for (const p of f.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
  return recordAuditEvent({
    actor: f.actor,
    eventName: f.eventName,
    eventRW: "Read",
    sensitive: true,
    errorCode: VERIFICATION_FAILED_CODE,
    errorMessage: `${f.problems.length} integrity problem${f.problems.length === 1 ? "" : "s"} (${problemCounts(f.problems)}): ${f.summary}`,
    requestParameters: f.requestParameters,
    resources: f.resources,
    additionalEventData: {
      problemCount: f.problems.length,
      problemsByKind: byKind,
      problems: f.problems.slice(0, PROBLEMS_IN_EVENT).map((p) => ({ kind: p.kind, target: p.target })),
    },
  });
}

export function recordVerificationFailure(o: VerifyOutput, options: { actor: Actor; via: "cli" | "console"; jobId?: number }): Promise<string | undefined> {
  return recordFailure({
    actor: options.actor,
    eventName: VERIFY_EVENT_NAME,
    problems: o.problems,
    summary: verifySummaryLine(o),
    requestParameters: {
      TrailName: o.trail,
      Start: o.range.start,
      End: o.range.end,
      Via: options.via,
      ...(options.jobId !== undefined ? { JobId: options.jobId } : {}),
    },
    resources: o.trail ? { "ACS::ActionTrail::Trail": [o.trail] } : {},
  });
}

/** `verify store` that finds problems: VerifyQueryStore, the same error code, its problems named by eventId. */
export function recordStoreVerificationFailure(r: StoreReport, options: { actor: Actor; via: "cli" | "console" }): Promise<string | undefined> {
  return recordFailure({
    actor: options.actor,
    eventName: VERIFY_STORE_EVENT_NAME,
    problems: r.problems,
    summary: formatStoreReport({ ...r, ok: true, problems: [] }).replace(/: no problems\.$/, "."),
    requestParameters: { Via: options.via },
    resources: {},
  });
}
