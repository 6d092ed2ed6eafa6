import { Database, HardDrive } from "lucide-react";
import { LocalTime } from "@/components/ui/local-time";
import type { DestinationStatus } from "@/lib/trails/status";

/** One destination's truth: where it delivers, how far it got, and its latest error in red. */
export function DestinationCard({ status, isLogging, retentionDays }: { status: DestinationStatus; isLogging: boolean; retentionDays: number }) {
  const Icon = status.destination === "oss" ? HardDrive : Database;
  const title = status.destination === "oss" ? "Object storage (OSS)" : "Log store";
  return (
    <article aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <h3 className="flex items-center gap-2 font-medium">
        <Icon className="size-4 text-slate-500" aria-hidden />
        {title}
      </h3>
      <p className="mt-1 font-mono text-xs break-all text-slate-700">{status.location}</p>
      {status.destination === "logstore" && <p className="text-xs text-slate-500">Retention {retentionDays} days</p>}
      <dl className="mt-3 grid grid-cols-2 gap-3">
        <div>
          <dt className="text-xs text-slate-500">Latest delivery</dt>
          <dd>{status.latestDeliveryTime ? <LocalTime iso={status.latestDeliveryTime.toISOString()} /> : <span className="text-slate-500">none yet</span>}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Checkpoint (event id)</dt>
          <dd className="tabular-nums">{status.checkpoint ?? <span className="text-slate-500">{isLogging ? "—" : "starts with logging"}</span>}</dd>
        </div>
      </dl>
      {status.latestDeliveryError ? (
        <div role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-red-700">
          <p className="font-medium">
            Latest error{status.latestErrorTime && <> at <LocalTime iso={status.latestErrorTime.toISOString()} /></>}
            {status.failures > 0 && <span className="font-normal"> · {status.failures} failed attempt{status.failures > 1 ? "s" : ""}</span>}
          </p>
          <p className="mt-0.5 font-mono text-xs break-all">{status.latestDeliveryError}</p>
          {status.nextAttemptAt && (
            <p className="mt-0.5 text-xs">
              Next attempt <LocalTime iso={status.nextAttemptAt.toISOString()} />
            </p>
          )}
        </div>
      ) : (
        <p className="mt-3 text-xs text-emerald-700">No delivery errors.</p>
      )}
    </article>
  );
}
