// The insight IP allow list and deny list (CIDR blocks, IPv4 and IPv6).
import { z } from "zod";
import { prisma } from "@/lib/db";
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
    .transform((v) => v || null),
});
export type TIpListEntryInput = z.infer<typeof ZIpListEntryInput>;

export interface IpListEntryRow {
  id: number;
  list: IpListKind;
  cidr: string;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

export class IpListError extends Error {}

export async function listIpListEntries(): Promise<IpListEntryRow[]> {
  const rows = await prisma.ipListEntry.findMany({ orderBy: [{ list: "asc" }, { createdAt: "asc" }] });
  return rows.map((r) => ({ ...r, list: r.list as IpListKind }));
}

export async function addIpListEntry(input: TIpListEntryInput, createdBy: string): Promise<IpListEntryRow> {
  const other = input.list === "allow" ? "deny" : "allow";
  const [same, opposite, count] = await Promise.all([
    prisma.ipListEntry.findUnique({ where: { list_cidr: { list: input.list, cidr: input.cidr } } }),
    prisma.ipListEntry.findUnique({ where: { list_cidr: { list: other, cidr: input.cidr } } }),
    prisma.ipListEntry.count(),
  ]);
  if (same) throw new IpListError(`${input.cidr} is already on the ${input.list} list.`);
  if (opposite) throw new IpListError(`${input.cidr} is on the ${other} list; remove it there first.`);
  if (count >= MAX_IP_LIST_ENTRIES) throw new IpListError(`The lists hold at most ${MAX_IP_LIST_ENTRIES} entries.`);
  const row = await prisma.ipListEntry.create({ data: { list: input.list, cidr: input.cidr, note: input.note, createdBy } });
  return { ...row, list: row.list as IpListKind };
}

export async function removeIpListEntry(id: number): Promise<IpListEntryRow | undefined> {
  const row = await prisma.ipListEntry.findUnique({ where: { id } });
  if (!row) return undefined;
  await prisma.ipListEntry.deleteMany({ where: { id } });
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
