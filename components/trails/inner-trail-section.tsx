// The inner trail on the trails page: Trailkeeper's own records (origin self) to innertrail_<name>
// (docs/inner-trail.md). Its name opens its status page; its log store opens in the Event Detail Query.
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { eventsUrl } from "@/lib/events/events-url";
import { logStoreName } from "@/lib/trails/rules";
import { LoggingBadge } from "./trail-badges";

export interface InnerTrailRow {
  name: string;
  kind: string;
  isLogging: boolean;
  logStoreRetentionDays: number;
  legalHold: boolean;
  latestDeliveryTime: string | null;
}

export function InnerTrailSection({ inner }: { inner: InnerTrailRow | null }) {
  const description = "Trailkeeper's own records — the console's, the CLI's and the API's — kept apart from the events it receives. One per installation, outside the trail quota.";
  if (!inner) {
    return (
      <Panel id="inner-trail" title="Inner trail" description={description}>
        <p className="px-4 py-3 text-slate-500">
          No inner trail. Create one with <code className="font-mono text-xs">npm run cli -- trail inner create --name NAME</code> or the API&apos;s CreateInnerTrail.
        </p>
      </Panel>
    );
  }
  const store = logStoreName(inner.name, inner.kind);
  return (
    <Panel id="inner-trail" title="Inner trail" description={description}>
      <dl className="grid grid-cols-1 gap-x-8 gap-y-2 px-4 py-3 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Name</dt>
          <dd>
            <Link href={`/trails/${encodeURIComponent(inner.name)}`} className="font-medium text-sky-700 hover:underline">
              {inner.name}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Status</dt>
          <dd>
            <LoggingBadge isLogging={inner.isLogging} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Log store</dt>
          <dd>
            <Link href={eventsUrl({ logStore: store, region: "all", range: "24h" })} className="font-mono text-xs text-sky-700 hover:underline">
              {store}
            </Link>
            <span className="block text-xs text-slate-500">
              {inner.logStoreRetentionDays} days{inner.legalHold ? ", legal hold" : ""}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Latest delivery</dt>
          <dd>{inner.latestDeliveryTime ? <LocalTime iso={inner.latestDeliveryTime} /> : <span className="text-slate-500">none yet</span>}</dd>
        </div>
      </dl>
    </Panel>
  );
}
