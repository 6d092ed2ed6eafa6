// Delivered log files: gzipped JSON lines of the events' original JSON, one file per (region, day) of a
// batch, at <prefix>/AliyunLogs/Actiontrail/<region>/<YYYY>/<MM>/<DD>/<file> (docs/actiontrail.md "Delivery paths").
import zlib from "node:zlib";
import { ownAccountId } from "@/lib/config/account";

/** The event columns delivery reads. */
export interface DeliveryEvent {
  id: number;
  eventId: string;
  /** Canonical UTC ISO time with milliseconds. */
  eventTime: string;
  queryRegion: string;
  acsRegion: string;
  isGlobal: boolean;
  raw: string;
  /** Provenance (lib/events/origin.ts), carried to the log store; not part of a delivered file. */
  origin?: string;
  originChannel?: string | null;
  ingestTokenId?: string | null;
  ingestTokenLabel?: string | null;
}

export interface LogFile {
  key: string;
  region: string;
  events: DeliveryEvent[];
  firstPk: number;
  lastPk: number;
}

/** The account the files are named after (single-account trails: the installation's account). */
export function deliveryAccountId(): string {
  return ownAccountId();
}

/** Global events are filed under the trail's home region; others under their ACS region. */
export function fileRegion(e: DeliveryEvent, homeRegion: string): string {
  return e.isGlobal ? homeRegion : e.acsRegion;
}

export function logDirectory(prefix: string, region: string, eventTime: string): string {
  const [yyyy, mm, dd] = eventTime.slice(0, 10).split("-");
  const base = `AliyunLogs/Actiontrail/${region}/${yyyy}/${mm}/${dd}`;
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return clean ? `${clean}/${base}` : base;
}

/** Insight event files: <prefix>/AliyunLogs/Actiontrail-Insight/<region>/<YYYY>/<MM>/<DD> (docs/insight-events.md "Delivery"). */
export function insightLogDirectory(prefix: string, region: string, eventTime: string): string {
  const [yyyy, mm, dd] = eventTime.slice(0, 10).split("-");
  const base = `AliyunLogs/Actiontrail-Insight/${region}/${yyyy}/${mm}/${dd}`;
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return clean ? `${clean}/${base}` : base;
}

/** 2026-01-02T03:04:05.678Z → 20260102T030405Z */
function compactTime(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/**
 * The batch's files. The name depends only on the events in it (first event's time and the pk range), so
 * a batch re-delivered after a crash overwrites its own file instead of adding a second copy.
 */
export function planLogFiles(
  events: DeliveryEvent[],
  trail: { name: string; homeRegion: string; ossKeyPrefix: string },
): LogFile[] {
  const groups = new Map<string, { region: string; events: DeliveryEvent[] }>();
  for (const e of events) {
    const region = fileRegion(e, trail.homeRegion);
    const group = `${region}\u0000${e.eventTime.slice(0, 10)}`;
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { region, events: [] }));
    g.events.push(e);
  }
  const account = deliveryAccountId();
  return [...groups.values()].map(({ region, events: list }) => {
    const first = list[0];
    const last = list[list.length - 1];
    const name = `${account}_CloudTrail_${region}_${compactTime(first.eventTime)}_${trail.name}_${first.id}-${last.id}.json.gz`;
    return { key: `${logDirectory(trail.ossKeyPrefix, region, first.eventTime)}/${name}`, region, events: list, firstPk: first.id, lastPk: last.id };
  });
}

/** An event's line in a log file: its stored JSON, line breaks (insignificant whitespace) as spaces. */
export function logLine(raw: string): string {
  return /[\r\n]/.test(raw) ? raw.replace(/\r\n|[\r\n]/g, " ") : raw;
}

/**
 * One line per event: the original JSON byte-for-byte. A line break outside a string can only be
 * insignificant whitespace (JSON escapes them inside strings), so it becomes a space to keep one event
 * per line; the parsed value is unchanged.
 */
export function encodeLogFile(events: DeliveryEvent[]): Buffer {
  const text = events.map((e) => logLine(e.raw)).join("\n") + "\n";
  return zlib.gzipSync(Buffer.from(text, "utf8"));
}

export function decodeLogFile(body: Buffer): string[] {
  const text = zlib.gunzipSync(body).toString("utf8");
  return text.split("\n").filter((line) => line.length > 0);
}
