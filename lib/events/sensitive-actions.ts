// Administrators' edits to the sensitive-operation catalogue. Each edit takes effect at once in this
// process (cache dropped), re-flags the stored events of that name, and is recorded as an Actiontrail event.
import { z } from "zod";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { unlessTaken } from "@/lib/db/unique";
import { Conflict, InvalidInput, joinFieldMessages, NotFound } from "@/lib/errors";
import { ensureDefaults, invalidateSensitiveCatalog, reflagStoredEvents } from "./sensitive-catalog";

export interface SensitiveActionSummary {
  eventName: string;
  reason: string | null;
  createdAt: Date;
}

/** The outcome of an edit: how many stored events changed their flag, and how long that took. */
export interface ReflagResult {
  reflagged: number;
  millis: number;
}

const RESOURCE = "ACS::ActionTrail::SensitiveAction";

export const ZEventName = z
  .string({ error: "Name the event." })
  .trim()
  .min(1, "Name the event.")
  .max(128, "An event name is at most 128 characters.")
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, "An event name is letters and digits (and . _ : -), like DeleteInstance.");
export const ZReason = z.string().trim().max(200, "A reason is at most 200 characters.");
export const ZSensitiveActionInput = z.object({ eventName: ZEventName, reason: ZReason });
export type TSensitiveActionInput = z.infer<typeof ZSensitiveActionInput>;

export async function listSensitiveActions(): Promise<SensitiveActionSummary[]> {
  await ensureDefaults();
  return prisma.sensitiveAction.findMany({ select: { eventName: true, reason: true, createdAt: true }, orderBy: { eventName: "asc" } });
}

async function afterChange(eventName: string, listed: boolean): Promise<ReflagResult> {
  invalidateSensitiveCatalog();
  const started = performance.now();
  const reflagged = await reflagStoredEvents(eventName, listed);
  return { reflagged, millis: Math.round(performance.now() - started) };
}

function audit(actor: Actor, eventName: string, params: Record<string, unknown>, result?: ReflagResult) {
  return recordAuditEvent({
    actor,
    eventName,
    requestParameters: params,
    resources: { [RESOURCE]: [String(params.EventName)] },
    ...(result ? { additionalEventData: { ReflaggedEvents: result.reflagged } } : {}),
  });
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  // The messages name what they are about ("An event name is …"): joined as they are.
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error, joinFieldMessages(" "));
  return parsed.data;
}

function notListed(eventName: string): NotFound {
  return new NotFound(`${eventName} is not in the catalogue.`);
}

export async function addSensitiveAction(input: { eventName: string; reason?: string }, options: { actor: Actor }): Promise<ReflagResult> {
  const { eventName, reason } = parse(ZSensitiveActionInput, { reason: "", ...input });
  await ensureDefaults();
  const listed = `${eventName} is already in the catalogue.`;
  const taken = new Conflict(listed, { fields: { eventName: [listed] } });
  if (await prisma.sensitiveAction.findUnique({ where: { eventName } })) throw taken;
  await unlessTaken(prisma.sensitiveAction.create({ data: { eventName, reason: reason || null } }), taken);
  const result = await afterChange(eventName, true);
  await audit(options.actor, "CreateSensitiveAction", { EventName: eventName, Reason: reason }, result);
  return result;
}

export async function updateSensitiveActionReason(input: { eventName: string; reason: string }, options: { actor: Actor }): Promise<void> {
  const { eventName, reason } = parse(ZSensitiveActionInput, input);
  const { count } = await prisma.sensitiveAction.updateMany({ where: { eventName }, data: { reason: reason || null } });
  if (count === 0) throw notListed(eventName);
  await audit(options.actor, "UpdateSensitiveAction", { EventName: eventName, Reason: reason });
}

export async function removeSensitiveAction(name: string, options: { actor: Actor }): Promise<ReflagResult> {
  const eventName = parse(ZEventName, name);
  const { count } = await prisma.sensitiveAction.deleteMany({ where: { eventName } });
  if (count === 0) throw notListed(eventName);
  const result = await afterChange(eventName, false);
  await audit(options.actor, "DeleteSensitiveAction", { EventName: eventName }, result);
  return result;
}
