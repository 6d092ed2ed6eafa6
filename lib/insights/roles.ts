// The rights of insights, IP lists and alerts are rows of the one role table, CAN in lib/auth/roles.ts.
// This alias is left only for app/(console)/alerts/actions.ts and app/(console)/insights/actions.ts,
// which the action backbone of issue 10 moves out of app/; once moved they read CAN, and this file goes.
export { CAN as INSIGHT_CAN } from "@/lib/auth/roles";
