// Which insight types each trail has on (its insight selectors), and the installation's default trail:
// the one whose types the insight lookups use when a call names no trail (docs/insight-events.md
// "Selectors and the default trail"). Changes record their own audit events.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { startInsightDelivery } from "./insight-delivery";
import { ACTIONTRAIL_INSIGHT_TYPES, type ActionTrailInsightType, isActionTrailInsightType, parseSelectors } from "./insight-events";

const DEFAULT_TRAIL_KEY = "insights.default_trail";
const TRAIL_RESOURCE = "ACS::ActionTrail::Trail";


export interface TrailInsights {
  name: string;
  homeRegion: string;
  isLogging: boolean;
  ossBucketName: string | null;
  ossKeyPrefix: string;
  logStoreEnabled: boolean;
  selectors: ActionTrailInsightType[];
}

const SELECT = { name: true, homeRegion: true, isLogging: true, ossBucketName: true, ossKeyPrefix: true, logStoreEnabled: true, insightSelectors: true } as const;

function toTrailInsights(t: { insightSelectors: string } & Omit<TrailInsights, "selectors">): TrailInsights {
  const { insightSelectors, ...rest } = t;
  return { ...rest, selectors: parseSelectors(insightSelectors) };
}

export async function getTrailInsights(name: string): Promise<TrailInsights | undefined> {
  const t = await prisma.trail.findUnique({ where: { name }, select: SELECT });
  return t ? toTrailInsights(t) : undefined;
}

/** Trails with at least one insight type on, by name. */
export async function listInsightEnabledTrails(): Promise<TrailInsights[]> {
  const rows = await prisma.trail.findMany({ where: { insightSelectors: { not: "" } }, select: SELECT, orderBy: { name: "asc" } });
  return rows.map(toTrailInsights).filter((t) => t.selectors.length > 0);
}

/** Replaces the trail's insight types (an empty list turns insights off); recorded as PutInsightSelectors. */
export async function putInsightSelectors(name: string, types: readonly string[], options: { actor: Actor }): Promise<TrailInsights> {
  const bad = types.find((t) => !isActionTrailInsightType(t));
  if (bad !== undefined) throw new Error(`Unknown insight type ${bad}`);
  const selectors = ACTIONTRAIL_INSIGHT_TYPES.filter((t) => types.includes(t));
  const before = await getTrailInsights(name);
  if (!before) throw new NotFound(`The trail ${name} does not exist.`, { reason: "trail-missing" });
  // Turned on: the trail delivers the insight events written from now on (as a trail's events do).
  if (before.selectors.length === 0 && selectors.length > 0) await startInsightDelivery(name);
  const t = await prisma.trail.update({ where: { name }, data: { insightSelectors: selectors.join(",") }, select: SELECT });
  await recordAuditEvent({
    actor: options.actor,
    eventName: "PutInsightSelectors",
    requestParameters: { TrailName: name, InsightSelectors: JSON.stringify(selectors.map((insightType) => ({ insightType }))) },
    resources: { [TRAIL_RESOURCE]: [name] },
  });
  return toTrailInsights(t);
}

/** The default trail, if one is set and still exists (a deleted trail is no default). */
export async function getDefaultTrail(): Promise<TrailInsights | undefined> {
  const row = await prisma.setting.findUnique({ where: { key: DEFAULT_TRAIL_KEY } });
  return row?.value ? getTrailInsights(row.value) : undefined;
}

/** Makes `name` the default trail (one per installation; it replaces the previous one). */
export async function setDefaultTrail(name: string, options: { actor: Actor }): Promise<TrailInsights> {
  const trail = await getTrailInsights(name);
  if (!trail) throw new NotFound(`The trail ${name} does not exist.`, { reason: "trail-missing" });
  await prisma.setting.upsert({ where: { key: DEFAULT_TRAIL_KEY }, create: { key: DEFAULT_TRAIL_KEY, value: name }, update: { value: name } });
  await recordAuditEvent({ actor: options.actor, eventName: "SetDefaultTrail", requestParameters: { TrailName: name }, resources: { [TRAIL_RESOURCE]: [name] } });
  return trail;
}

/** Unsets the default trail; returns the trail that was it (undefined: there was none, nothing recorded). */
export async function removeDefaultTrail(options: { actor: Actor }): Promise<string | undefined> {
  const current = await getDefaultTrail();
  await prisma.setting.deleteMany({ where: { key: DEFAULT_TRAIL_KEY } });
  if (!current) return undefined;
  await recordAuditEvent({ actor: options.actor, eventName: "RemoveDefaultTrail", requestParameters: { TrailName: current.name }, resources: { [TRAIL_RESOURCE]: [current.name] } });
  return current.name;
}

/**
 * The insight types a query covers: those of the named trail, else of the default trail, else every
 * type (no default trail: the installation's insights are not narrowed to any trail's).
 */
export async function insightTypesFor(trailName: string | undefined): Promise<{ trail?: TrailInsights; types: ActionTrailInsightType[] }> {
  if (trailName) {
    const trail = await getTrailInsights(trailName);
    if (!trail) throw new NotFound(`The trail ${trailName} does not exist.`, { reason: "trail-missing" });
    return { trail, types: trail.selectors };
  }
  const trail = await getDefaultTrail();
  return trail ? { trail, types: trail.selectors } : { types: [...ACTIONTRAIL_INSIGHT_TYPES] };
}
