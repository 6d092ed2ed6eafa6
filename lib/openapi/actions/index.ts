// Every action of the compatible API: one table per module, in the order the reference lists them.
import { ACCESS_KEY_ACTIONS } from "./access-keys";
import type { ActionTable } from "./define";
import { REGION_ACTIONS } from "./describe-regions";
import { HISTORY_JOB_ACTIONS } from "./history-jobs";
import { EVENT_ACTIONS } from "./lookup-events";
import { TRAIL_ACTIONS } from "./trails";

export const ACTIONS: ActionTable = {
  ...EVENT_ACTIONS,
  ...TRAIL_ACTIONS,
  ...HISTORY_JOB_ACTIONS,
  ...REGION_ACTIONS,
  ...ACCESS_KEY_ACTIONS,
};
