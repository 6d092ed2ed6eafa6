// The insight IP allow list and deny list (CIDR blocks, IPv4 and IPv6). Each change is recorded as a
// ModifyInsightStrategy self-audit event with its actor.
import { z } from "zod";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { Conflict, InvalidInput } from "@/lib/errors";
import { CidrSet, parseCidr } from "@/lib/net/cidr";
import type { IpLists } from "./detect";

export const IP_LIST_KINDS = ["allow", "deny"] as const;
export type IpListKind = (typeof IP_LIST_KINDS)[number];
export const MAX_IP_LIST_ENTRIES = 1_000;

export const ZIpListEntryInput = z.object({
  list: z.enum(IP_LIST_KINDS, { error: "Choose the allow list or the deny list." }),
  cidr: z.string().transform((v, ctx) => {
    const p = parseCidr(v);
    if (!p.ok) {
      ctx.addIssue({ code: "custom", message: p.error });
      return z.NEVER;
    }
    return p.value.cidr;
  }),
  note: z
    .string()
    .trim()
    .max(200, "At most 200 characters.")
    .nullish()
    .transform((v) => v || null),
});
export type TIpListEntryInput = z.input<typeof ZIpListEntryInput>;

export interface IpListEntryRow {
  id: number;
  list: IpListKind;
  cidr: string;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

export async function listIpListEntries(): Promise<IpListEntryRow[]> {
  const rows = await prisma.ipListEntry.findMany({ orderBy: [{ list: "asc" }, { createdAt: "asc" }] });
  return rows.map((r) => ({ ...r, list: r.list as IpListKind }));
}

/** A refusal about the block typed in, shown beside it. */
function refused(message: string): Conflict {
  return new Conflict(message, { fields: { cidr: [message] } });
}

export async function addIpListEntry(fields: TIpListEntryInput, options: { actor: Actor }): Promise<IpListEntryRow> {
  const parsed = ZIpListEntryInput.safeParse(fields);
  if (!parsed.success) throw InvalidInput.ofZod(parsed.error);
  const input = parsed.data;
  const other = input.list === "allow" ? "deny" : "allow";
  const [same, opposite, count] = await Promise.all([
    prisma.ipListEntry.findUnique({ where: { list_cidr: { list: input.list, cidr: input.cidr } } }),
    prisma.ipListEntry.findUnique({ where: { list_cidr: { list: other, cidr: input.cidr } } }),
    prisma.ipListEntry.count(),
  ]);
  if (same) throw refused(`${input.cidr} is already on the ${input.list} list.`);
  if (opposite) throw refused(`${input.cidr} is on the ${other} list; remove it there first.`);
  if (count >= MAX_IP_LIST_ENTRIES) throw refused(`The lists hold at most ${MAX_IP_LIST_ENTRIES} entries.`);
  const row = await prisma.ipListEntry.create({ data: { list: input.list, cidr: input.cidr, note: input.note, createdBy: options.actor.username } });
  await recordAuditEvent({
    actor: options.actor,
    eventName: "ModifyInsightStrategy",
    requestParameters: { Action: "Add", List: input.list, Cidr: input.cidr, Note: input.note ?? undefined },
  });
  return { ...row, list: row.list as IpListKind };
}

/** Removes an entry; undefined when there was none (nothing is recorded). */
export async function removeIpListEntry(id: number, options: { actor: Actor }): Promise<IpListEntryRow | undefined> {
  const row = await prisma.ipListEntry.findUnique({ where: { id } });
  if (!row) return undefined;
  await prisma.ipListEntry.deleteMany({ where: { id } });
  await recordAuditEvent({ actor: options.actor, eventName: "ModifyInsightStrategy", requestParameters: { Action: "Remove", List: row.list, Cidr: row.cidr } });
  return { ...row, list: row.list as IpListKind };
}

/** Both lists as matchers, read afresh (a change applies to the next batch the worker examines). */
export async function loadIpLists(): Promise<IpLists> {
  const rows = await prisma.ipListEntry.findMany({ select: { list: true, cidr: true } });
  return {
    allow: new CidrSet(rows.filter((r) => r.list === "allow").map((r) => r.cidr)),
    deny: new CidrSet(rows.filter((r) => r.list === "deny").map((r) => r.cidr)),
  };
}
