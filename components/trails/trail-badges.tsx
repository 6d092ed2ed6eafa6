import { logStoreName } from "@/lib/trails/rules";

/** Logging / Stopped, as ActionTrail's console shows a trail's status. */
export function LoggingBadge({ isLogging }: { isLogging: boolean }) {
  return isLogging ? (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">
      <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden />
      Logging
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">
      <span className="size-1.5 rounded-full bg-slate-400" aria-hidden />
      Stopped
    </span>
  );
}

export function JobStatusBadge({ status }: { status: string }) {
  const style =
    status === "Running"
      ? "bg-sky-50 text-sky-800 ring-sky-200"
      : status === "Finished"
        ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
        : status === "Failed"
          ? "bg-red-50 text-red-700 ring-red-200"
          : "bg-slate-100 text-slate-600 ring-slate-200";
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>{status}</span>;
}

/** "OSS: bucket/prefix · Log store: actiontrail_x" in a compact form. */
export function destinationsText(t: { name: string; kind?: string; ossBucketName: string | null; ossKeyPrefix: string; logStoreEnabled: boolean }): string {
  const parts: string[] = [];
  if (t.ossBucketName) parts.push(`OSS ${t.ossBucketName}${t.ossKeyPrefix ? `/${t.ossKeyPrefix.replace(/\/+$/, "")}` : ""}`);
  if (t.logStoreEnabled) parts.push(`Log store ${logStoreName(t.name, t.kind)}`);
  return parts.join(" · ");
}
