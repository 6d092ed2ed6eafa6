// Every action of the compatible API: one table per module, in the order the reference lists them.
import { ACCESS_KEY_ACTIONS } from "./access-keys";
import { CATALOGUE_ACTIONS } from "./catalogue";
import type { ActionTable } from "./define";
import { REGION_ACTIONS } from "./describe-regions";
import { HISTORY_JOB_ACTIONS } from "./history-jobs";
import { INSIGHT_ACTIONS } from "./insights";
import { INNER_TRAIL_ACTIONS } from "./inner-trails";
import { EVENT_ACTIONS } from "./lookup-events";
import { SERVICE_ACTIONS } from "./service";
import { TRAIL_ACTIONS } from "./trails";

export const ACTIONS: ActionTable = {
  ...EVENT_ACTIONS,
  ...TRAIL_ACTIONS,
  ...HISTORY_JOB_ACTIONS,
  ...INSIGHT_ACTIONS,
  ...ACCESS_KEY_ACTIONS,
  ...CATALOGUE_ACTIONS,
  ...INNER_TRAIL_ACTIONS,
  ...REGION_ACTIONS,
  ...SERVICE_ACTIONS,
};
