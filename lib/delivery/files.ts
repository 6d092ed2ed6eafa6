// Delivered log files: gzipped JSON lines of the events' original JSON, one file per (region, day) of a
// batch, at <prefix>/AliyunLogs/Actiontrail/<region>/<YYYY>/<MM>/<DD>/<file>, the file named as ActionTrail
// names its log files (docs/actiontrail.md "Delivery paths", "Log file names").
import crypto from "node:crypto";
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
  /** The file's bytes (encodeLogFile): its name holds their size and MD5. */
  body: Buffer;
  firstPk: number;
  lastPk: number;
}

/** The account digests name (single-account trails: the installation's account). */
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

/** 2026-01-02T03:04:05.678Z → 20260102030405 (UTC) */
function compactTime(iso: string): string {
  return iso.slice(0, 19).replace(/[-:T]/g, "");
}

/** The fixed part of ActionTrail's log file names. */
const NAME_CONSTANT = "1002";

/**
 * `Actiontrail_<Region ID>_<YYYYMMDDHHMMSS>_1002_<Event count>_<Log file size>_<md5>.gz`: the time is the
 * file's first event's (UTC), the size the bytes of the .gz object, the MD5 theirs in lowercase hex
 * (docs/actiontrail.md "Log file names"). All of it follows from the events, so a batch re-delivered
 * after a crash writes its file again under the same name instead of adding a second copy.
 */
export function logFileName(region: string, firstEventTime: string, eventCount: number, body: Buffer): string {
  const md5 = crypto.createHash("md5").update(body).digest("hex");
  return `Actiontrail_${region}_${compactTime(firstEventTime)}_${NAME_CONSTANT}_${eventCount}_${body.length}_${md5}.gz`;
}

export interface LogFileNameParts {
  region: string;
  /** YYYYMMDDHHMMSS */
  time: string;
  eventCount: number;
  size: number;
  md5: string;
}

/** The parts of a log file name (logFileName), or undefined for any other name. */
export function parseLogFileName(name: string): LogFileNameParts | undefined {
  const m = /^Actiontrail_([a-z0-9-]+)_(\d{14})_1002_(\d{1,9})_(\d{1,15})_([0-9a-fA-F]{32})\.gz$/.exec(name);
  if (!m) return undefined;
  return { region: m[1], time: m[2], eventCount: Number(m[3]), size: Number(m[4]), md5: m[5].toLowerCase() };
}

/** What is wrong with a log file's bytes against the size and MD5 its name gives, or undefined. */
export function nameMismatch(parts: LogFileNameParts, body: Buffer): string | undefined {
  const md5 = crypto.createHash("md5").update(body).digest("hex");
  if (md5 === parts.md5 && body.length === parts.size) return undefined;
  return `its name gives ${parts.size} bytes with MD5 ${parts.md5}; it has ${body.length} bytes with MD5 ${md5}`;
}

/** The batch's files, one per region and day of its events, each with its bytes and its name. */
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
  return [...groups.values()].map(({ region, events: list }) => {
    const first = list[0];
    const last = list[list.length - 1];
    const body = encodeLogFile(list);
    const name = logFileName(region, first.eventTime, list.length, body);
    return { key: `${logDirectory(trail.ossKeyPrefix, region, first.eventTime)}/${name}`, region, events: list, body, firstPk: first.id, lastPk: last.id };
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
