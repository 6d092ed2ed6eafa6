// Shared by the delivery tests: a data directory per test file, trails and buckets made directly with
// Prisma (trail management is tested elsewhere), events with recognisable raw text, files read back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest";
import { decodeLogFile } from "@/lib/delivery/files";
import type { ObjectStore } from "@/lib/delivery/object-store";
import { maxEventId } from "@/lib/delivery/read-events";
import { resetServerKeyCache } from "@/lib/crypto/secret-box";
import { makeEvent } from "../helpers/events";

export function useTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailkeeper-delivery-"));
  process.env.TRAILKEEPER_DATA_DIR = dir;
  resetServerKeyCache();
  return dir;
}

export interface TrailInput {
  name: string;
  homeRegion?: string;
  eventRW?: "Read" | "Write" | "All";
  trailRegion?: string;
  ossBucketName?: string | null;
  ossKeyPrefix?: string;
  logStoreEnabled?: boolean;
}

/** A logging trail and its trail_destinations rows starting at the current MAX(events.id). */
export async function createLoggingTrail(t: TrailInput): Promise<void> {
  const trail = await prisma.trail.create({
    data: {
      name: t.name,
      homeRegion: t.homeRegion ?? "cn-hangzhou",
      eventRW: t.eventRW ?? "All",
      trailRegion: t.trailRegion ?? "All",
      ossBucketName: t.ossBucketName ?? null,
      ossKeyPrefix: t.ossKeyPrefix ?? "",
      logStoreEnabled: t.logStoreEnabled ?? false,
      isLogging: true,
      startLoggingTime: new Date(),
    },
  });
  const checkpoint = await maxEventId();
  if (trail.ossBucketName) await prisma.trailDestination.create({ data: { trailName: t.name, destination: "oss", checkpoint } });
  if (trail.logStoreEnabled) await prisma.trailDestination.create({ data: { trailName: t.name, destination: "logstore", checkpoint } });
}

export interface IngestedEvent {
  eventId: string;
  raw: string;
  eventRW: string;
  acsRegion: string;
  isGlobal: boolean;
  eventTime: string;
}

/** Ingests events made from `overrides`; raw text has odd spacing so byte-exactness shows. */
export async function ingest(overrides: Record<string, unknown>[]): Promise<IngestedEvent[]> {
  const made = overrides.map((o) => {
    const value = makeEvent(o);
    const raw = JSON.stringify(value).replace('"eventVersion":1', '"eventVersion" :  1');
    return { value, raw };
  });
  const r = await ingestEvents(made);
  if (r.failed.length) throw new Error(JSON.stringify(r.failed));
  return made.map(({ value, raw }) => ({
    eventId: value.eventId as string,
    raw,
    eventRW: value.eventRW as string,
    acsRegion: value.acsRegion as string,
    isGlobal: value.isGlobal === true,
    eventTime: value.eventTime as string,
  }));
}

/** Every line of every file under `prefix`, with the key it came from. */
export async function readAllLines(store: ObjectStore, prefix = ""): Promise<{ key: string; line: string }[]> {
  const out: { key: string; line: string }[] = [];
  for (const key of await store.list(prefix)) {
    for (const line of decodeLogFile(await store.get(key))) out.push({ key, line });
  }
  return out;
}

export function eventIdOf(line: string): string {
  return (JSON.parse(line) as { eventId: string }).eventId;
}

/** Counts of each eventId among lines. */
export function countIds(lines: { line: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { line } of lines) {
    const id = eventIdOf(line);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export const DAY = 86_400_000;

/** An eventTime `daysAgo` days back at a fixed hour, as ActionTrail writes it (no milliseconds). */
export function timeDaysAgo(daysAgo: number, hour = 10): string {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
