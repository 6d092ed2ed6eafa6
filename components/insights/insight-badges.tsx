import { INSIGHT_LABELS, type InsightType } from "@/lib/insights/config";

const TYPE_STYLE: Record<InsightType, string> = {
  UnusualSourceIp: "bg-amber-50 text-amber-800 ring-amber-200",
  DeniedSourceIp: "bg-red-50 text-red-700 ring-red-200",
  ApiCallRateAnomaly: "bg-sky-50 text-sky-800 ring-sky-200",
  ApiErrorRateAnomaly: "bg-violet-50 text-violet-800 ring-violet-200",
};

export function InsightTypeBadge({ type }: { type: InsightType }) {
  return (
    <span title={type} className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${TYPE_STYLE[type]}`}>
      {INSIGHT_LABELS[type]}
    </span>
  );
}

export function InsightStatusBadge({ status }: { status: string }) {
  const open = status === "open";
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${open ? "bg-orange-50 text-orange-800 ring-orange-200" : "bg-slate-100 text-slate-600 ring-slate-200"}`}>
      {open ? "Open" : "Resolved"}
    </span>
  );
}
