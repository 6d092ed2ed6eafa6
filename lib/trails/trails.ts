// Trails (ActionTrail's CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, DescribeTrails).
// Each change is audited and keeps trail_destinations — the delivery worker's checkpoints — in step:
// logging that starts (at creation or StartLogging) delivers only events ingested from then on.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { unlessTaken } from "@/lib/db/unique";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import {
  MAX_TRAILS_PER_REGION,
  TRAIL_KIND,
  trailDestinations,
  ZCreateTrailInput,
  ZUpdateTrailInput,
  type TCreateTrailInput,
  type TUpdateTrailInput,
} from "./rules";

export interface ChangeOptions {
  actor: Actor;
}

export const TRAIL_SELECT = {
  name: true,
  kind: true,
  homeRegion: true,
  eventRW: true,
  trailRegion: true,
  ossBucketName: true,
  ossKeyPrefix: true,
  logStoreEnabled: true,
  logStoreRetentionDays: true,
  isLogging: true,
  startLoggingTime: true,
  stopLoggingTime: true,
  legalHold: true,
  legalHoldSince: true,
  legalHoldBy: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface TrailRecord {
  name: string;
  /** "trail" or "inner" (the inner trail, lib/trails/inner-trails.ts). */
  kind: string;
  homeRegion: string;
  eventRW: string;
  trailRegion: string;
  ossBucketName: string | null;
  ossKeyPrefix: string;
  logStoreEnabled: boolean;
  logStoreRetentionDays: number;
  isLogging: boolean;
  startLoggingTime: Date | null;
  stopLoggingTime: Date | null;
  /** A legal hold stops the log store's purge until lifted (docs/provenance.md "Legal hold"). */
  legalHold: boolean;
  legalHoldSince: Date | null;
  legalHoldBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TrailSummary extends TrailRecord {
  latestDeliveryTime: Date | null;
  hasDeliveryError: boolean;
}

const TRAIL_RESOURCE = "ACS::ActionTrail::Trail";

/** The id of the newest stored event (0 if none): where a destination that starts now begins. */
export async function currentEventCheckpoint(): Promise<number> {
  const r = await prisma.event.aggregate({ _max: { id: true } });
  return r._max.id ?? 0;
}

/** Creates or resets the checkpoint rows of `destinations` to "now". */
export async function startDestinations(trailName: string, destinations: string[]): Promise<void> {
  const checkpoint = await currentEventCheckpoint();
  for (const destination of destinations) {
    await prisma.trailDestination.upsert({
      where: { trailName_destination: { trailName, destination } },
      create: { trailName, destination, checkpoint },
      update: { checkpoint, failures: 0, nextAttemptAt: null },
    });
  }
}

export function auditParams(t: Omit<TrailRecord, "isLogging" | "startLoggingTime" | "stopLoggingTime" | "legalHold" | "legalHoldSince" | "legalHoldBy" | "createdAt" | "updatedAt">) {
  return {
    Name: t.name,
    HomeRegion: t.homeRegion,
    EventRW: t.eventRW,
    TrailRegion: t.trailRegion,
    OssBucketName: t.ossBucketName ?? "",
    OssKeyPrefix: t.ossKeyPrefix,
    SlsEnabled: t.logStoreEnabled,
    LogStoreRetentionDays: t.logStoreRetentionDays,
  };
}

async function assertBucketExists(bucket: string | undefined): Promise<void> {
  if (!bucket) return;
  const found = await prisma.bucket.findUnique({ where: { name: bucket }, select: { name: true } });
  if (!found) throw InvalidInput.ofFields({ ossBucketName: [`bucket ${bucket} does not exist; create it under Trails › Buckets first`] }, { reason: "bucket-missing" });
}

/** The settings a trail's form changes, as stored (shared by create and update). */
function trailSettings(t: TUpdateTrailInput) {
  return {
    eventRW: t.eventRW,
    trailRegion: t.trailRegion,
    ossBucketName: t.ossBucketName ?? null,
    ossKeyPrefix: t.ossKeyPrefix,
    logStoreEnabled: t.logStoreEnabled,
    logStoreRetentionDays: t.logStoreRetentionDays,
  };
}

/**
 * DescribeTrails' Status: `Enable` while logging, `Disable` once stopped, `Fresh` for a trail created and
 * never started (docs/actiontrail.md "Trail status").
 */
export function trailStatus(t: Pick<TrailRecord, "isLogging" | "startLoggingTime">): "Enable" | "Disable" | "Fresh" {
  return t.isLogging ? "Enable" : t.startLoggingTime ? "Disable" : "Fresh";
}

/**
 * Creates a trail. As ActionTrail's CreateTrail, it is not logging (Status Fresh) until StartLogging,
 * unless `startLogging` says to start at once (the console's "Start logging now", the CLI's --start-logging).
 */
export async function createTrail(input: TCreateTrailInput, options: ChangeOptions & { startLogging?: boolean }): Promise<TrailRecord> {
  const parsed = ZCreateTrailInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const t = parsed.data;
  await assertBucketExists(t.ossBucketName);
  const taken = Conflict.ofFields({ name: [`a trail named ${t.name} already exists`] }, { reason: "trail-exists" });
  if (await prisma.trail.findUnique({ where: { name: t.name }, select: { name: true } })) throw taken;
  // The inner trail is outside the quota (docs/inner-trail.md).
  const inRegion = await prisma.trail.count({ where: { homeRegion: t.homeRegion, kind: TRAIL_KIND } });
  if (inRegion >= MAX_TRAILS_PER_REGION) {
    throw Conflict.ofFields(
      { homeRegion: [`already has ${MAX_TRAILS_PER_REGION} trails, the most a home region may have; delete one or choose another region`] },
      { reason: "trail-quota" },
    );
  }
  const startLogging = options.startLogging ?? false;
  const now = new Date();
  const trail: TrailRecord = await unlessTaken(
    prisma.trail.create({
      data: {
        name: t.name,
        homeRegion: t.homeRegion,
        ...trailSettings(t),
        isLogging: startLogging,
        startLoggingTime: startLogging ? now : null,
      },
      select: TRAIL_SELECT,
    }),
    taken,
  );
  // Stale rows of an earlier trail with the same name must not carry its checkpoints over.
  await prisma.trailDestination.deleteMany({ where: { trailName: t.name } });
  if (startLogging) await startDestinations(t.name, trailDestinations(trail));
  await recordAuditEvent({ actor: options.actor, eventName: "CreateTrail", requestParameters: auditParams(trail), resources: { [TRAIL_RESOURCE]: [t.name] } });
  if (startLogging) await recordAuditEvent({ actor: options.actor, eventName: "StartLogging", requestParameters: { Name: t.name }, resources: { [TRAIL_RESOURCE]: [t.name] } });
  return trail;
}

/** A trail of either kind by name (the status page shows the inner trail too). */
export async function getTrail(name: string): Promise<TrailRecord | null> {
  return prisma.trail.findUnique({ where: { name }, select: TRAIL_SELECT });
}

/**
 * The trail a change names. The trail operations change single-account trails only: the inner trail has
 * its own (lib/trails/inner-trails.ts), so to them it does not exist. `anyKind`: the legal hold, which
 * holds either kind's log store.
 */
async function requireTrail(name: string, anyKind = false): Promise<TrailRecord> {
  const trail = await getTrail(name);
  if (!trail || (!anyKind && trail.kind !== TRAIL_KIND)) throw new NotFound(`Trail ${name} does not exist`, { reason: "trail-missing" });
  return trail;
}

/** Every single-account trail (or, with `kind`, the trails of that kind), by name, with its latest delivery time over all destinations. */
export async function listTrails(options: { homeRegion?: string; kind?: string } = {}): Promise<TrailSummary[]> {
  const where = { kind: options.kind ?? TRAIL_KIND, ...(options.homeRegion ? { homeRegion: options.homeRegion } : {}) };
  const [trails, destinations] = await Promise.all([
    prisma.trail.findMany({ where, select: TRAIL_SELECT, orderBy: { name: "asc" } }),
    prisma.trailDestination.findMany({ select: { trailName: true, latestDeliveryTime: true, latestDeliveryError: true } }),
  ]);
  return trails.map((t) => {
    const mine = destinations.filter((d) => d.trailName === t.name);
    const times = mine.map((d) => d.latestDeliveryTime?.getTime() ?? 0).filter((x) => x > 0);
    return { ...t, latestDeliveryTime: times.length ? new Date(Math.max(...times)) : null, hasDeliveryError: mine.some((d) => !!d.latestDeliveryError) };
  });
}

/** Changes what a trail delivers and where; the name and home region stay. */
export async function updateTrail(name: string, input: TUpdateTrailInput, options: ChangeOptions): Promise<TrailRecord> {
  const before = await requireTrail(name);
  const parsed = ZUpdateTrailInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const t = parsed.data;
  if (t.homeRegion !== before.homeRegion) throw InvalidInput.ofFields({ homeRegion: ["cannot be changed after the trail is created"] });
  await assertBucketExists(t.ossBucketName);
  const trail = await prisma.trail.update({
    where: { name },
    data: trailSettings(t),
    select: TRAIL_SELECT,
  });
  const was = trailDestinations(before);
  const now = trailDestinations(trail);
  const removed = was.filter((d) => !now.includes(d));
  const added = now.filter((d) => !was.includes(d));
  if (removed.length) await prisma.trailDestination.deleteMany({ where: { trailName: name, destination: { in: removed } } });
  // A destination added to a stopped trail gets its row when logging starts.
  if (added.length && trail.isLogging) await startDestinations(name, added);
  // Keeping events for less time (or no longer keeping them in the log store) weakens the trail: the
  // record says so whatever the catalogue lists (docs/provenance.md "Retention").
  const keptLess = before.logStoreEnabled && (!trail.logStoreEnabled || trail.logStoreRetentionDays < before.logStoreRetentionDays);
  await recordAuditEvent({
    actor: options.actor,
    eventName: "UpdateTrail",
    requestParameters: auditParams(trail),
    resources: { [TRAIL_RESOURCE]: [name] },
    ...(keptLess
      ? { sensitive: true, additionalEventData: { previousLogStoreRetentionDays: before.logStoreRetentionDays, previousLogStoreEnabled: before.logStoreEnabled } }
      : {}),
  });
  return trail;
}

/**
 * Sets or lifts the legal hold of a trail's log store: while it holds, nothing of that log store is
 * purged. Setting it twice (or lifting it twice) changes nothing and records nothing; lifting it is
 * sensitive, since the purge resumes at once.
 */
export async function setLegalHold(name: string, on: boolean, options: ChangeOptions): Promise<{ trail: TrailRecord; changed: boolean }> {
  const before = await requireTrail(name, true);
  if (before.legalHold === on) return { trail: before, changed: false };
  const trail = await prisma.trail.update({
    where: { name },
    data: on ? { legalHold: true, legalHoldSince: new Date(), legalHoldBy: options.actor.username } : { legalHold: false, legalHoldSince: null, legalHoldBy: null },
    select: TRAIL_SELECT,
  });
  await recordAuditEvent({
    actor: options.actor,
    eventName: on ? "SetTrailLegalHold" : "LiftTrailLegalHold",
    requestParameters: { Name: name, LegalHold: on },
    resources: { [TRAIL_RESOURCE]: [name] },
    ...(on ? {} : { sensitive: true, additionalEventData: { legalHoldSince: before.legalHoldSince?.toISOString() ?? null, legalHoldBy: before.legalHoldBy } }),
  });
  return { trail, changed: true };
}

/** Deletes a trail and its checkpoints; running history jobs of it are cancelled. Delivered files stay. */
export async function deleteTrail(name: string, options: ChangeOptions): Promise<void> {
  const trail = await requireTrail(name);
  // The hold lives on the trail's row: deleting the trail would lift it without a record of lifting it.
  if (trail.legalHold) throw new Conflict(`Trail ${name} is under legal hold; lift the hold before deleting the trail.`);
  await prisma.deliveryHistoryJob.updateMany({ where: { trailName: name, status: "Running" }, data: { status: "Cancelled", finishedAt: new Date(), error: "The trail was deleted" } });
  await prisma.trailDestination.deleteMany({ where: { trailName: name } });
  await prisma.trail.delete({ where: { name } });
  await recordAuditEvent({ actor: options.actor, eventName: "DeleteTrail", requestParameters: { Name: name }, resources: { [TRAIL_RESOURCE]: [name] } });
}

/** Starts logging: each destination delivers events ingested from now on. A no-op if already logging. */
export async function startLogging(name: string, options: ChangeOptions): Promise<TrailRecord> {
  const before = await requireTrail(name);
  if (before.isLogging) return before;
  const trail = await prisma.trail.update({ where: { name }, data: { isLogging: true, startLoggingTime: new Date() }, select: TRAIL_SELECT });
  await startDestinations(name, trailDestinations(trail));
  await recordAuditEvent({ actor: options.actor, eventName: "StartLogging", requestParameters: { Name: name }, resources: { [TRAIL_RESOURCE]: [name] } });
  return trail;
}

/** Stops logging; checkpoints stay for the status page and are reset when logging starts again. */
export async function stopLogging(name: string, options: ChangeOptions): Promise<TrailRecord> {
  const before = await requireTrail(name);
  if (!before.isLogging) return before;
  const trail = await prisma.trail.update({ where: { name }, data: { isLogging: false, stopLoggingTime: new Date() }, select: TRAIL_SELECT });
  await recordAuditEvent({ actor: options.actor, eventName: "StopLogging", requestParameters: { Name: name }, resources: { [TRAIL_RESOURCE]: [name] } });
  return trail;
}
