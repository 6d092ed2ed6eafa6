// Rebuilding the dashboard's rollups from the events: after a restore, an import written around
// ingestion, or to prove them right. The service records its own audit event, as every change does.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { transaction } from "@/lib/db/sql";
import { rebuildRollupsWork } from "./rollups";

export interface RebuildResult {
  /** Rows written: region-hours, (region, hour, service) and (dimension, region, day, value). */
  hours: number;
  serviceHours: number;
  days: number;
  ms: number;
}

export async function rebuildRollups(options: { actor: Actor }): Promise<RebuildResult> {
  const t = performance.now();
  // One transaction: the rollups are never seen half rebuilt, and no event is written meanwhile.
  const { hours, serviceHours, days } = await transaction(rebuildRollupsWork, { timeoutMs: 30 * 60_000 });
  const ms = Math.round(performance.now() - t);
  await recordAuditEvent({
    actor: options.actor,
    eventName: "RebuildDashboardRollups",
    requestParameters: {},
    additionalEventData: { hourRows: hours, serviceHourRows: serviceHours, dayRows: days, durationMs: ms },
  });
  return { hours, serviceHours, days, ms };
}
