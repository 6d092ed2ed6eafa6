// A verification that finds problems is a sensitive event of its own (docs/integrity-console.md "Events
// recorded"): `VerifyTrail` with errorCode IntegrityVerificationFailed, `"sensitive": true`, the trail as
// its resource and the problems counted by kind, so an alert rule on sensitive events, on the error code
// or on the event name fires. Recorded by the CLI's `verify trail` and by the console's job alike.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { problemCounts, verifySummaryLine, type VerifyOutput } from "./verify-output";

export const VERIFY_EVENT_NAME = "VerifyTrail";
export const VERIFICATION_FAILED_CODE = "IntegrityVerificationFailed";
/** Problems named in the event itself (every one is in the report; an event stays small). */
const PROBLEMS_IN_EVENT = 50;

export async function recordVerificationFailure(o: VerifyOutput, options: { actor: Actor; via: "cli" | "console"; jobId?: number }): Promise<string | undefined> {
  const byKind: Record<string, number> = {};
  for (const p of o.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
  return recordAuditEvent({
    actor: options.actor,
    eventName: VERIFY_EVENT_NAME,
    eventRW: "Read",
    sensitive: true,
    errorCode: VERIFICATION_FAILED_CODE,
    errorMessage: `${o.problems.length} integrity problem${o.problems.length === 1 ? "" : "s"} (${problemCounts(o.problems)}): ${verifySummaryLine(o)}`,
    requestParameters: {
      TrailName: o.trail,
      Start: o.range.start,
      End: o.range.end,
      Via: options.via,
      ...(options.jobId !== undefined ? { JobId: options.jobId } : {}),
    },
    resources: o.trail ? { "ACS::ActionTrail::Trail": [o.trail] } : {},
    additionalEventData: {
      problemCount: o.problems.length,
      problemsByKind: byKind,
      problems: o.problems.slice(0, PROBLEMS_IN_EVENT).map((p) => ({ kind: p.kind, target: p.target })),
    },
  });
}
