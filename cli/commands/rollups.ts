// rollups rebuild — recompute the dashboard's rollups from the events (docs/dashboard-rollups.md).
import { rebuildRollups } from "@/lib/rollups/rebuild";
import { cliActor, parseCommandArgs } from "./common";

export async function rollupsRebuild(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { json: { type: "boolean", default: false } });
  const r = await rebuildRollups({ actor: cliActor() });
  if (values.json) console.log(JSON.stringify(r));
  else console.log(`Rebuilt the dashboard rollups from the events: ${r.hours} region-hours, ${r.serviceHours} service-hours, ${r.days} day rows, in ${r.ms} ms.`);
}
