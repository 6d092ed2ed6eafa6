// AccessKey audit: every AccessKey ID seen in events (any key, not only this console's), read from the
// last-used records kept at ingestion for 400 days in every region (lib/access-keys/last-used.ts;
// docs/access-key-last-used.md), so a key's last use, IPs, services and resources stay known after its
// events have left the query store. The same records answer GetAccessKeyLastUsed*.
import { detailUser, findKeyRecord, LAST_USED_DAYS, listKeyRecords, usageByValue, type LastUsedRecord, type RecordUsage } from "@/lib/access-keys/last-used";
import { DAY_MS } from "@/lib/events/filters";
import type { UsageRow } from "./sql";

/** The list shows this many keys, most used first. */
export const KEY_LIST_LIMIT = 500;
export const KEY_DETAIL_LIMIT = 100;
/**
 * A key is "unused" when its last use is older than this. The records outlive the query store's
 * retention (400 days), so a key is seen unused whether or not its events are still kept.
 */
export const UNUSED_ACCESS_KEY_DAYS = 90;
export { LAST_USED_DAYS };

export function unusedAccessKeyDays(): number {
  return UNUSED_ACCESS_KEY_DAYS;
}

export interface AccessKeyUsage {
  accessKeyId: string;
  /** The user name on the key's latest event (an STS key belongs to a role session). */
  owner: string | null;
  firstUsed: string;
  lastUsed: string;
  /** Events with the key in the records' 400 days, every region. */
  count: number;
}

function usage(r: LastUsedRecord): AccessKeyUsage {
  return { accessKeyId: r.accessKeyId, owner: detailUser(r.detail), firstUsed: r.firstUsed, lastUsed: r.lastUsed, count: r.count };
}

/** Keys last used at or after `since` (any region), most used first. */
export async function listAccessKeys(opts: { since: string; now?: Date }): Promise<{ keys: AccessKeyUsage[]; total: number }> {
  const rows = await listKeyRecords({ since: opts.since, limit: KEY_LIST_LIMIT + 1, mostUsedFirst: true, now: opts.now });
  return { keys: rows.slice(0, KEY_LIST_LIMIT).map(usage), total: rows.length };
}

/** Keys whose last use, in any region, is older than unusedAccessKeyDays() before `now`, oldest first. */
export async function listUnusedAccessKeys(now: Date = new Date()): Promise<AccessKeyUsage[]> {
  const before = new Date(now.getTime() - unusedAccessKeyDays() * DAY_MS).toISOString();
  return (await listKeyRecords({ before, limit: KEY_LIST_LIMIT, now })).map(usage);
}

export interface ResourceUsage extends UsageRow {
  type: string;
}

export interface AccessKeyDetail {
  total: number;
  firstUsed: string | null;
  lastUsed: string | null;
  owners: UsageRow[];
  sourceIps: UsageRow[];
  services: UsageRow[];
  resources: ResourceUsage[];
}

const row = (u: RecordUsage): UsageRow => ({ value: u.value, count: u.count, firstSeen: u.firstUsed, lastSeen: u.lastUsed });

/** Who used one key, from where, on which services and resources: its records, summed over services. */
export async function findAccessKeyDetail(accessKeyId: string, now: Date = new Date()): Promise<AccessKeyDetail> {
  const key = await findKeyRecord(accessKeyId, now);
  if (!key) return { total: 0, firstUsed: null, lastUsed: null, owners: [], sourceIps: [], services: [], resources: [] };
  const [owners, sourceIps, services, resources] = await Promise.all(
    (["user", "ip", "service", "resource"] as const).map((kind) => usageByValue(accessKeyId, kind, KEY_DETAIL_LIMIT, now)),
  );
  return {
    total: key.count,
    firstUsed: key.firstUsed,
    lastUsed: key.lastUsed,
    owners: owners.map(row),
    sourceIps: sourceIps.map(row),
    services: services.map(row),
    resources: resources.map((u) => ({ ...row(u), type: u.valueType ?? "" })),
  };
}
