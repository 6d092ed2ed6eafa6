import type { Metadata } from "next";
import Link from "next/link";
import { KeyUsageTable } from "@/components/access-keys/key-usage-table";
import { RangeTabs } from "@/components/activity/range-tabs";
import { Section } from "@/components/activity/section";
import { PageShell } from "@/components/ui/page-shell";
import { queryRetentionDays } from "@/lib/config/retention";
import { KEY_LIST_LIMIT, LAST_USED_DAYS, listAccessKeys, listUnusedAccessKeys, unusedAccessKeyDays } from "@/lib/activity/access-keys";
import { scopeQuery } from "@/lib/activity/params";
import { CAN, requireUser } from "@/lib/auth/session";
import { ALL_REGIONS, type RawSearchParams } from "@/lib/events/filters";
import { parseScopeSearch, type EventScope } from "@/lib/events/scope";

export const metadata: Metadata = { title: "AccessKey audit" };

function Tabs({ view, query }: { view: "used" | "unused"; query: string }) {
  const tab = (v: "used" | "unused", label: string) => (
    <Link
      href={`/access-keys?${query}${v === "unused" ? "&view=unused" : ""}`}
      aria-current={view === v ? "page" : undefined}
      className={`border-b-2 px-3 py-2 ${view === v ? "border-orange-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="AccessKey views" className="flex gap-2 border-b border-slate-200">
      {tab("used", "Used in this range")}
      {tab("unused", `Unused for ${unusedAccessKeyDays()} days`)}
    </nav>
  );
}

export default async function AccessKeysPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser(CAN.auditAccessKeys);
  const params = await searchParams;
  const view = params.view === "unused" ? "unused" : "used";
  const search = parseScopeSearch(params, { defaultRange: "30d" });
  const { scope } = search;
  const query = scopeQuery(search);
  const windowText = search.range ? `the last ${search.range}` : "the selected window";
  const now = new Date();
  return (
    <PageShell
      width="full"
      title="AccessKey audit"
      description={`Every AccessKey ID that appears in events (any account's keys, not only this console's), who used it and when: its last use is kept ${LAST_USED_DAYS} days, in every region.`}
      actions={view === "used" ? <RangeTabs path="/access-keys" current={search.range} params={{ region: scope.region }} /> : undefined}
    >
      <Tabs view={view} query={query} />
      {view === "used" ? (
        <UsedKeys scope={scope} query={query} title={`Keys last used over ${windowText}, all regions`} />
      ) : (
        <UnusedKeys now={now} query={new URLSearchParams({ region: ALL_REGIONS, range: "90d" }).toString()} />
      )}
    </PageShell>
  );
}

async function UsedKeys({ scope, query, title }: { scope: EventScope; query: string; title: string }) {
  const { keys, total } = await listAccessKeys({ since: scope.start });
  const shown = total > KEY_LIST_LIMIT ? `the ${KEY_LIST_LIMIT} most used` : `${keys.length} key${keys.length === 1 ? "" : "s"}, most used first`;
  return (
    <Section title={title} note={`${shown}; events counted over ${LAST_USED_DAYS} days`}>
      <KeyUsageTable keys={keys} query={query} empty="No AccessKey was last used in this window. Try a longer range, or the unused view." />
    </Section>
  );
}

async function UnusedKeys({ now, query }: { now: Date; query: string }) {
  const keys = await listUnusedAccessKeys(now);
  return (
    <Section title={`Keys not used for ${unusedAccessKeyDays()} days`} note="all regions, oldest last use first">
      <p className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-slate-600">
        A key is listed when its last use, in any region, is older than {unusedAccessKeyDays()} days. Last uses are kept {LAST_USED_DAYS} days,
        whether or not the events themselves are still in the query store (it keeps {queryRetentionDays()} days); a key unused for longer is no longer
        known. Revoke such keys at their source (RAM); this console&apos;s own API keys are under Account › AccessKeys.
      </p>
      <KeyUsageTable keys={keys} query={query} empty={`No key whose last use is older than ${unusedAccessKeyDays()} days: every AccessKey seen in the last ${LAST_USED_DAYS} days was used in the last ${unusedAccessKeyDays()} days.`} />
    </Section>
  );
}
