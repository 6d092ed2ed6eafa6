"use client";

import { ExternalLink, Filter } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { useViewerCan } from "@/components/layout/viewer";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonView } from "@/components/ui/json-view";
import { CAN } from "@/lib/auth/roles";
import { eventMeaning } from "@/lib/catalog/event-meanings";
import { eventsUrl, type EventsLink } from "@/lib/events/events-url";
import type { EventFilters } from "@/lib/events/filters";
import type { TListedRow } from "@/lib/events/list-row";
import { describeOrigin } from "@/lib/events/origin";
import type { EventListRow } from "@/lib/events/query";
import { regionName } from "@/lib/events/regions";

interface Parsed {
  userIdentity?: { type?: unknown; accessKeyId?: unknown; principalId?: unknown };
  userAgent?: unknown;
  sourceIpAddress?: unknown;
  errorMessage?: unknown;
  requestId?: unknown;
  referencedResources?: Record<string, unknown>;
}

/** Long values are shown as a prefix: the browser takes seconds to lay out 100 KB of wrapped text. */
function clip(v: string, max = 300): string {
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && v !== "null" ? v : undefined;
}

/** The quick "filter the events by this" link that sits beside a value linking to its own page. */
function FilterLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} aria-label={label} title={label} className="ml-1 inline-flex shrink-0 p-0.5 text-slate-400 hover:text-orange-700">
      <Filter className="size-3.5" aria-hidden />
    </Link>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate text-slate-900 [unicode-bidi:isolate]" title={typeof children === "string" ? children : undefined}>
        {children ?? <span className="text-slate-400">—</span>}
      </dd>
    </div>
  );
}

/** The event's name with what it means (lib/catalog/event-meanings.ts), for auditors who look it up. */
function EventNameLine({ serviceName, eventName }: { serviceName: string; eventName: string }) {
  const meaning = eventMeaning(serviceName, eventName);
  return (
    <div>
      <p className="text-xs text-slate-500">Event name</p>
      <p className="font-medium break-all text-slate-900">{eventName}</p>
      <p className="text-slate-600">{meaning ?? <span className="text-slate-400">No description of this event name in the catalogue.</span>}</p>
    </div>
  );
}

/**
 * Who sent the event, from the origin columns ingestion wrote (never from its JSON, which the sender
 * chose): an ingest token, or Trailkeeper itself (docs/provenance.md).
 */
function OriginLine({ row, link }: { row: EventListRow | TListedRow<EventListRow>; link: (c: EventsLink) => string }) {
  const fields = { origin: row.origin ?? "unknown", originChannel: row.originChannel ?? null, ingestTokenId: row.ingestTokenId ?? null, ingestTokenLabel: row.ingestTokenLabel ?? null };
  const tokenId = fields.origin === "token" ? fields.ingestTokenId : null;
  return (
    <div data-testid="event-origin">
      <p className="text-xs text-slate-500">Origin</p>
      {/* Wrapped, not cut: the token id at the end is what an auditor needs. */}
      <p className="flex min-w-0 items-start text-slate-900">
        <span className="break-all [unicode-bidi:isolate]">{describeOrigin(fields)}</span>
        {tokenId ? (
          <FilterLink href={link({ ingestToken: tokenId })} label="Filter events by this ingest token" />
        ) : (
          <FilterLink href={link({ origin: fields.origin })} label={`Filter events of origin ${fields.origin}`} />
        )}
      </p>
    </div>
  );
}

type StoredText = { state: "ready"; raw: string } | { state: "loading" } | { state: "failed"; message: string };

/**
 * The stored text of a row: given with it, or fetched when the row is opened (a list sends only events up
 * to INLINE_RAW_CHARS with the page, lib/events/list-row.ts).
 */
function useStoredText(row: EventListRow | TListedRow<EventListRow>): StoredText {
  const [fetched, setFetched] = useState<StoredText>({ state: "loading" });
  const inline = row.raw;
  useEffect(() => {
    if (inline !== null) return;
    let cancelled = false;
    fetch(`/api/v1/events/raw?${new URLSearchParams({ eventId: row.eventId })}`)
      .then(async (res) => {
        const text = await res.text();
        if (cancelled) return;
        setFetched(res.ok ? { state: "ready", raw: text } : { state: "failed", message: `The server answered HTTP ${res.status}.` });
      })
      .catch(() => !cancelled && setFetched({ state: "failed", message: "The server could not be reached." }));
    return () => {
      cancelled = true;
    };
  }, [inline, row.eventId]);
  return inline !== null ? { state: "ready", raw: inline } : fetched;
}

function sizeText(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;
}

/** The expanded view of one event: who, from where, what, the result, and its exact stored JSON. */
export function EventDetail({ row, filters }: { row: EventListRow | TListedRow<EventListRow>; filters?: EventFilters }) {
  const stored = useStoredText(row);
  const raw = stored.state === "ready" ? stored.raw : null;
  const parsed = useMemo<Parsed>(() => {
    if (raw === null) return {};
    try {
      return JSON.parse(raw) as Parsed;
    } catch {
      return {};
    }
  }, [raw]);
  const base = filters ?? { region: row.queryRegion, start: "", end: "" };
  const link = (conditions: EventsLink) => eventsUrl({ region: base.region, start: base.start || undefined, end: base.end || undefined, ...conditions });
  // Activity pages (user, AccessKey, resource) keep the region the event is listed under.
  const region = base.region;
  const pageQuery = new URLSearchParams({ region }).toString();
  const resources = Object.entries(parsed.referencedResources ?? {}).flatMap(([type, names]) =>
    Array.isArray(names) ? names.filter((n): n is string => typeof n === "string").map((name) => ({ type, name })) : [],
  );
  const accessKeyId = str(parsed.userIdentity?.accessKeyId);
  const canAuditKeys = useViewerCan(CAN.auditAccessKeys);
  const userAgent = str(parsed.userAgent);

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <div className="space-y-4">
        <EventNameLine serviceName={row.serviceName} eventName={row.eventName} />
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
          <Item label="Username">
            {row.userName && (
              <span className="flex min-w-0 items-center">
                <Link href={`/users/${encodeURIComponent(row.userName)}?${pageQuery}`} className="truncate text-orange-700 hover:underline" title={`Activity of ${row.userName}`}>
                  {row.userName}
                </Link>
                <FilterLink href={link({ user: row.userName })} label="Filter events by this user" />
              </span>
            )}
          </Item>
          <Item label="User type">{str(parsed.userIdentity?.type)}</Item>
          <Item label="AccessKey ID">
            {accessKeyId && (
              <span className="flex min-w-0 items-center">
                {canAuditKeys ? (
                  <>
                    <Link href={`/access-keys/${encodeURIComponent(accessKeyId)}?${pageQuery}`} className="truncate font-mono text-xs text-orange-700 hover:underline" title="AccessKey audit">
                      {accessKeyId}
                    </Link>
                    <FilterLink href={link({ accessKeyId })} label="Filter events by this AccessKey" />
                  </>
                ) : (
                  // Roles without the AccessKey audit get the key's events instead.
                  <Link href={link({ accessKeyId })} className="truncate font-mono text-xs text-orange-700 hover:underline" title="Filter events by this AccessKey">
                    {accessKeyId}
                  </Link>
                )}
              </span>
            )}
          </Item>
          <Item label="Source IP">
            {row.sourceIp && (
              <Link href={link({ sourceIp: row.sourceIp })} className="text-orange-700 hover:underline">
                {row.sourceIp}
              </Link>
            )}
          </Item>
          <Item label="Region">{`${regionName(row.acsRegion)} (${row.acsRegion})`}</Item>
          <Item label="Read/Write">{row.eventRW}</Item>
          <Item label="Service">{row.serviceName}</Item>
          <Item label="Event type">{row.eventType}</Item>
          <Item label="Event ID">
            <span className="font-mono text-xs" title={row.eventId}>
              {row.eventId}
            </span>
          </Item>
          <Item label="Request ID">{str(parsed.requestId) && <span className="font-mono text-xs">{str(parsed.requestId)}</span>}</Item>
        </dl>
        <OriginLine row={row} link={link} />
        <div>
          <p className="text-xs text-slate-500">User agent</p>
          <p className="line-clamp-3 break-all text-slate-900 [unicode-bidi:isolate]" title={userAgent && clip(userAgent, 2_000)}>
            {userAgent ? clip(userAgent) : <span className="text-slate-400">—</span>}
          </p>
        </div>
        {row.errorCode && (
          <div role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
            <p className="text-xs font-medium text-red-700">Error</p>
            <p className="font-mono text-xs break-all text-red-800">{clip(row.errorCode)}</p>
            {str(parsed.errorMessage) && <p className="mt-1 line-clamp-4 break-all text-red-800">{clip(str(parsed.errorMessage)!, 600)}</p>}
          </div>
        )}
        <div>
          <p className="mb-1 text-xs text-slate-500">Resources ({resources.length})</p>
          {resources.length === 0 ? (
            <p className="text-slate-400">No referenced resources.</p>
          ) : (
            <ul className="max-h-48 space-y-1 overflow-y-auto">
              {resources.map((r) => (
                <li key={`${r.type}|${r.name}`} className="flex min-w-0 gap-2">
                  <span className="shrink-0 text-xs text-slate-500">{r.type}</span>
                  <Link
                    href={`/resources?${new URLSearchParams({ region, type: r.type, name: r.name }).toString()}`}
                    className="truncate text-orange-700 hover:underline"
                    title={`Lifecycle of ${r.name.slice(0, 300)}`}
                  >
                    {r.name}
                  </Link>
                  <FilterLink href={link({ resourceType: r.type, resourceName: r.name })} label={`Filter events by resource ${r.name.slice(0, 100)}`} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="min-w-0 rounded-md border border-slate-200 bg-white">
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-1.5">
          <h3 className="text-xs font-semibold text-slate-700">Event Detail</h3>
          <div className="flex items-center gap-2">
            <Link href={`/events/${encodeURIComponent(row.eventId)}`} className="inline-flex items-center gap-1 text-xs text-slate-600 hover:text-orange-700">
              <ExternalLink className="size-3.5" aria-hidden /> Permanent link
            </Link>
            {raw !== null && <CopyButton text={raw} />}
          </div>
        </div>
        {stored.state === "ready" ? (
          <JsonView json={stored.raw} className="max-h-[28rem] overflow-auto p-3 text-xs" />
        ) : stored.state === "loading" ? (
          <p role="status" aria-busy="true" className="px-3 py-6 text-center text-slate-500">
            {`Loading the event (${sizeText("rawLength" in row ? row.rawLength : 0)})…`}
          </p>
        ) : (
          <p role="alert" className="px-3 py-6 text-center text-red-700">
            {`The event could not be loaded. ${stored.message} `}
            <Link href={`/events/${encodeURIComponent(row.eventId)}`} className="underline">
              Open its permanent link
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
