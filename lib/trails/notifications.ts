// A trail's delivery notifications (lib/delivery/notifications.ts sends them): which alert rule's signed
// webhook is its channel, and whether each delivered file is announced. Changed from the trail's page and
// `trail notify`, recorded as UpdateTrail with the new settings.
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { InvalidInput, NotFound } from "@/lib/errors";

export interface TrailNotifications {
  /** The rule's id and name, or null: no notifications. */
  channel: { id: number; name: string; trigger: string; enabled: boolean } | null;
  eachFile: boolean;
}

export async function getTrailNotifications(trailName: string): Promise<TrailNotifications | null> {
  const t = await prisma.trail.findUnique({ where: { name: trailName }, select: { notifyRuleId: true, notifyEachFile: true } });
  if (!t) return null;
  const rule = t.notifyRuleId ? await prisma.alertRule.findUnique({ where: { id: t.notifyRuleId }, select: { id: true, name: true, trigger: true, enabled: true } }) : null;
  return { channel: rule, eachFile: t.notifyEachFile };
}

/** Names the channel by the rule's name ("" or null: none). `eachFile` needs a channel and a bucket. */
export async function setTrailNotifications(
  trailName: string,
  input: { channel: string | null; eachFile: boolean },
  options: { actor: Actor },
): Promise<TrailNotifications> {
  const trail = await prisma.trail.findUnique({ where: { name: trailName }, select: { name: true, ossBucketName: true } });
  if (!trail) throw new NotFound(`Trail ${trailName} does not exist`, { reason: "trail-missing" });
  const name = input.channel?.trim() || null;
  let ruleId: number | null = null;
  if (name) {
    const rule = await prisma.alertRule.findUnique({ where: { name }, select: { id: true } });
    if (!rule) throw InvalidInput.ofFields({ notifyChannel: [`no alert rule is named "${name}"; create one under Alerts (trigger: trail delivery notifications only)`] });
    ruleId = rule.id;
  }
  if (input.eachFile && !ruleId) throw InvalidInput.ofFields({ notifyEachFile: ["needs a channel: choose the alert rule to notify first"] });
  if (input.eachFile && !trail.ossBucketName) throw InvalidInput.ofFields({ notifyEachFile: ["only files are announced, and this trail delivers to no bucket"] });
  await prisma.trail.update({ where: { name: trailName }, data: { notifyRuleId: ruleId, notifyEachFile: input.eachFile } });
  await recordAuditEvent({
    actor: options.actor,
    eventName: "UpdateTrail",
    requestParameters: { Name: trailName, NotifyChannel: name ?? "", NotifyEachFile: input.eachFile },
    resources: { "ACS::ActionTrail::Trail": [trailName] },
  });
  return (await getTrailNotifications(trailName))!;
}
