// The inner trail (ActionTrail's "trail for the Inner-ActionTrail feature"): in Trailkeeper, the trail of
// the operator's own access — every record whose origin is self (the console's, the CLI's and the API's
// own records) — to the log store innertrail_<name>. One per installation, outside the 5-trails quota,
// never a tenant's event (docs/inner-trail.md). It is a trails row of kind "inner", so delivery, the log
// store's digests and verification, the legal hold, the status page and the events page's log store
// source treat it as they treat any trail; lib/delivery/matching.ts keeps it to origin self.
import { homeRegion, recordAuditEvent } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { unlessTaken } from "@/lib/db/unique";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import {
  DEFAULT_LOG_STORE_RETENTION_DAYS,
  INNER_TRAIL_KIND,
  MAX_LOG_STORE_RETENTION_DAYS,
  MIN_LOG_STORE_RETENTION_DAYS,
  TRAIL_REGION_ALL,
  trailDestinations,
  ZTrailName,
} from "./rules";
import { auditParams, startDestinations, TRAIL_SELECT, type ChangeOptions, type TrailRecord } from "./trails";
import { z } from "zod";

/** Audited under the trail resource type, as trail changes are. */
const TRAIL_RESOURCE = "ACS::ActionTrail::Trail";
/** ActionTrail allows one inner trail per account, shared by all regions (docs/inner-trail.md "Limits"). */
export const MAX_INNER_TRAILS = 1;

const ZRetention = z
  .number({ error: "must be a whole number of days" })
  .int("must be a whole number of days")
  .min(MIN_LOG_STORE_RETENTION_DAYS, `must be at least ${MIN_LOG_STORE_RETENTION_DAYS} days: a log store keeps events for at least six months`)
  .max(MAX_LOG_STORE_RETENTION_DAYS, `must be at most ${MAX_LOG_STORE_RETENTION_DAYS} days`);

export const ZCreateInnerTrailInput = z.object({
  name: ZTrailName,
  logStoreRetentionDays: ZRetention.default(DEFAULT_LOG_STORE_RETENTION_DAYS),
});
export type TCreateInnerTrailInput = z.input<typeof ZCreateInnerTrailInput>;
export const ZUpdateInnerTrailInput = z.object({ logStoreRetentionDays: ZRetention.optional() });
export type TUpdateInnerTrailInput = z.input<typeof ZUpdateInnerTrailInput>;

const notFound = (name: string) => new NotFound(`Inner trail ${name} does not exist`, { reason: "trail-missing" });

/** The installation's inner trail, or null. */
export async function findInnerTrail(): Promise<TrailRecord | null> {
  return prisma.trail.findFirst({ where: { kind: INNER_TRAIL_KIND }, select: TRAIL_SELECT });
}

/** The inner trail of that name: a single-account trail of that name is not one. */
export async function getInnerTrail(name: string): Promise<TrailRecord | null> {
  return prisma.trail.findFirst({ where: { name, kind: INNER_TRAIL_KIND }, select: TRAIL_SELECT });
}

async function requireInnerTrail(name: string): Promise<TrailRecord> {
  const t = await getInnerTrail(name);
  if (!t) throw notFound(name);
  return t;
}

/**
 * Creates the inner trail, not logging until it is started (as CreateTrail; docs/inner-trail.md). Its one
 * destination is its log store; it matches every region and both Read and Write, and origin self only.
 */
export async function createInnerTrail(input: TCreateInnerTrailInput, options: ChangeOptions): Promise<TrailRecord> {
  const parsed = ZCreateInnerTrailInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const t = parsed.data;
  const existing = await findInnerTrail();
  if (existing) {
    throw Conflict.ofFields(
      { name: [`the inner trail ${existing.name} already exists; an installation has at most ${MAX_INNER_TRAILS} inner trail — delete it first`] },
      { reason: "trail-quota" },
    );
  }
  const taken = Conflict.ofFields({ name: [`a trail named ${t.name} already exists`] }, { reason: "trail-exists" });
  if (await prisma.trail.findUnique({ where: { name: t.name }, select: { name: true } })) throw taken;
  const trail = await unlessTaken(
    prisma.trail.create({
      data: {
        name: t.name,
        kind: INNER_TRAIL_KIND,
        homeRegion: homeRegion(),
        eventRW: "All",
        trailRegion: TRAIL_REGION_ALL,
        ossBucketName: null,
        ossKeyPrefix: "",
        logStoreEnabled: true,
        logStoreRetentionDays: t.logStoreRetentionDays,
        isLogging: false,
      },
      select: TRAIL_SELECT,
    }),
    taken,
  );
  // Two creations racing past the check above: the later one goes again.
  const inner = await prisma.trail.count({ where: { kind: INNER_TRAIL_KIND } });
  if (inner > MAX_INNER_TRAILS) {
    await prisma.trail.delete({ where: { name: t.name } });
    throw Conflict.ofFields({ name: [`another inner trail was created meanwhile; an installation has at most ${MAX_INNER_TRAILS}`] }, { reason: "trail-quota" });
  }
  await prisma.trailDestination.deleteMany({ where: { trailName: t.name } });
  await recordAuditEvent({ actor: options.actor, eventName: "CreateInnerTrail", requestParameters: auditParams(trail), resources: { [TRAIL_RESOURCE]: [t.name] } });
  return trail;
}

/** Changes the log store's retention (the one setting an inner trail has); lowering it is sensitive. */
export async function updateInnerTrail(name: string, input: TUpdateInnerTrailInput, options: ChangeOptions): Promise<TrailRecord> {
  const before = await requireInnerTrail(name);
  const parsed = ZUpdateInnerTrailInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const days = parsed.data.logStoreRetentionDays ?? before.logStoreRetentionDays;
  // updatedAt moves even when nothing else does: UpdateInnerTrail was called and is recorded.
  const trail = await prisma.trail.update({ where: { name }, data: { logStoreRetentionDays: days, updatedAt: new Date() }, select: TRAIL_SELECT });
  const keptLess = days < before.logStoreRetentionDays;
  await recordAuditEvent({
    actor: options.actor,
    eventName: "UpdateInnerTrail",
    requestParameters: auditParams(trail),
    resources: { [TRAIL_RESOURCE]: [name] },
    ...(keptLess ? { sensitive: true, additionalEventData: { previousLogStoreRetentionDays: before.logStoreRetentionDays } } : {}),
  });
  return trail;
}

/** Deletes the inner trail and its checkpoints; its log store rows stay for their retention. */
export async function deleteInnerTrail(name: string, options: ChangeOptions): Promise<void> {
  const trail = await requireInnerTrail(name);
  if (trail.legalHold) throw new Conflict(`Inner trail ${name} is under legal hold; lift the hold before deleting the trail.`);
  await prisma.deliveryHistoryJob.updateMany({ where: { trailName: name, status: "Running" }, data: { status: "Cancelled", finishedAt: new Date(), error: "The trail was deleted" } });
  await prisma.trailDestination.deleteMany({ where: { trailName: name } });
  await prisma.trail.delete({ where: { name } });
  // Ending the record of the operator's own access is sensitive whatever the catalogue lists.
  await recordAuditEvent({ actor: options.actor, eventName: "DeleteInnerTrail", requestParameters: { Name: name }, resources: { [TRAIL_RESOURCE]: [name] }, sensitive: true });
}

/** Starts delivery of Trailkeeper's own records made from now on. A no-op if already logging. */
export async function startInnerTrailLogging(name: string, options: ChangeOptions): Promise<TrailRecord> {
  const before = await requireInnerTrail(name);
  if (before.isLogging) return before;
  const trail = await prisma.trail.update({ where: { name }, data: { isLogging: true, startLoggingTime: new Date() }, select: TRAIL_SELECT });
  await startDestinations(name, trailDestinations(trail));
  // Recorded after the checkpoint: this record is the first the inner trail delivers.
  await recordAuditEvent({ actor: options.actor, eventName: "StartInnerTrailLogging", requestParameters: { Name: name }, resources: { [TRAIL_RESOURCE]: [name] } });
  return trail;
}

/** Stops delivery; the checkpoint stays for the status page and is reset when logging starts again. */
export async function stopInnerTrailLogging(name: string, options: ChangeOptions): Promise<TrailRecord> {
  const before = await requireInnerTrail(name);
  if (!before.isLogging) return before;
  const trail = await prisma.trail.update({ where: { name }, data: { isLogging: false, stopLoggingTime: new Date() }, select: TRAIL_SELECT });
  await recordAuditEvent({ actor: options.actor, eventName: "StopInnerTrailLogging", requestParameters: { Name: name }, resources: { [TRAIL_RESOURCE]: [name] }, sensitive: true });
  return trail;
}
