import { SECTIONS } from "@/components/layout/console-sections";
import { FactsCard } from "@/components/ui/facts-card";
import { PageShell, type Crumb } from "@/components/ui/page-shell";
import { ProblemNotes } from "@/components/ui/problem-notes";
import { regionLabel, scopeQuery } from "@/lib/activity/params";
import { accessKeyHref, userHref } from "@/lib/activity/path-param";
import { findRegionSightings, type RegionSighting } from "@/lib/activity/sql";
import type { ScopeSearch } from "@/lib/events/scope";
import { RangeTabs } from "./range-tabs";
import { EmptyState, Sightings } from "./sightings";
import { clip } from "./usage-table";

/** "cn-hangzhou (…) over the last 7d": where and when an activity page looks. */
export function scopeText(search: ScopeSearch): string {
  return `${regionLabel(search.scope.region)} over ${search.range ? `the last ${search.range}` : "the selected window"}`;
}

/** What an activity page says when its subject has no events in the scope, and where it has some. */
export interface NotSeen {
  sightings: RegionSighting[];
  /** The heading when the subject has events in other regions, and when it has none anywhere. */
  title: { elsewhere: string; nowhere: string };
  /** The explanation, told whether other regions have events. */
  message: (elsewhere: boolean) => React.ReactNode;
  /** The subject's own page with a query string. */
  href: (query: string) => string;
}

/** The designed empty state, with links that open the subject in a region where it was seen, over 90 days. */
export function NotSeenHere({ sightings, title, message, href }: NotSeen) {
  const elsewhere = sightings.length > 0;
  return (
    <EmptyState title={elsewhere ? title.elsewhere : title.nowhere}>
      {message(elsewhere)}
      <Sightings sightings={sightings} hrefFor={(region) => href(new URLSearchParams({ region, range: "90d" }).toString())} />
    </EmptyState>
  );
}

/** The name of the subject in a sentence, as the kind shows it. */
function Named({ name, mono }: { name: string; mono: boolean }) {
  return <strong className={mono ? "font-mono text-slate-700" : "text-slate-700"}>{clip(name, 200)}</strong>;
}

/** Each kind of subject page, written once: its links, its wording, and how its name is shown. */
const SUBJECTS = {
  user: {
    href: userHref,
    crumbs: (name: string): Crumb[] => [{ label: "User activity" }, { label: <span className="[unicode-bidi:isolate]">{clip(name, 80)}</span> }],
    description: (where: string) => `What this RAM user or role did in ${where}.`,
    mono: false,
    title: { elsewhere: "No activity here", nowhere: "Unknown user" },
    elsewhere: (named: React.ReactNode, where: string) => <>No events of {named} in {where}.</>,
    nowhere: (named: React.ReactNode) => (
      <>
        No event in the query store, in any region, was made by a user or role named {named}. The name must match the event&apos;s
        userIdentity.userName exactly.
      </>
    ),
  },
  accessKey: {
    href: accessKeyHref,
    crumbs: (id: string, query: string): Crumb[] => [{ ...SECTIONS.accessKeys, href: `${SECTIONS.accessKeys.href}?${query}` }, { label: <span className="font-mono">{clip(id, 60)}</span> }],
    description: (where: string) => `Last use of this AccessKey in every region over 400 days; its events in ${where}.`,
    mono: true,
    title: { elsewhere: "Not used here", nowhere: "AccessKey never seen" },
    elsewhere: (named: React.ReactNode, where: string) => <>No event used the AccessKey {named} in {where}.</>,
    nowhere: (named: React.ReactNode) => <>No event carries the AccessKey ID {named}: it was never used, or its last use is older than 400 days.</>,
  },
} as const;

/**
 * The page about one subject (a user, an AccessKey) over the scope in the URL: breadcrumbs, title and
 * range tabs, what was wrong with the URL, then the summary strip (`Stat`s in a grid of `columns`) and
 * the sections; or, when `seen` is false, the empty state with the regions where the subject has events.
 */
export async function SubjectPage({
  kind,
  name,
  search,
  seen,
  columns,
  summary,
  children,
}: {
  kind: keyof typeof SUBJECTS;
  name: string;
  search: ScopeSearch;
  seen: boolean;
  columns: string;
  summary: React.ReactNode;
  children: React.ReactNode;
}) {
  const s = SUBJECTS[kind];
  const where = scopeText(search);
  const named = <Named name={name} mono={s.mono} />;
  return (
    <PageShell
      width="full"
      breadcrumbs={s.crumbs(name, scopeQuery(search))}
      title={clip(name, 120)}
      description={s.description(where)}
      actions={<RangeTabs path={s.href(name)} current={search.range} params={{ region: search.scope.region }} />}
    >
      <ProblemNotes problems={search.problems} />
      {seen ? (
        <>
          <FactsCard label="Summary" columns={`grid-cols-2 ${columns}`}>
            {summary}
          </FactsCard>
          {children}
        </>
      ) : (
        <NotSeenHere
          sightings={await findRegionSightings(kind, name)}
          title={s.title}
          message={(elsewhere) => <p>{elsewhere ? s.elsewhere(named, where) : s.nowhere(named)}</p>}
          href={(q) => s.href(name, q)}
        />
      )}
    </PageShell>
  );
}
