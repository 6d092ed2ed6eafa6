"use server";

import { revalidatePath } from "next/cache";
import { recordAuditEvent } from "@/lib/audit/record";
import { consoleActor, requireUser } from "@/lib/auth/session";
import { addIpListEntry, IpListError, removeIpListEntry, ZIpListEntryInput } from "@/lib/insights/ip-lists";
import { getInsight, setInsightStatus } from "@/lib/insights/insights";
import { INSIGHT_CAN } from "@/lib/insights/roles";

export interface IpListActionState {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<"cidr" | "note" | "list", string[]>>;
  /** Echoed back so a refused entry stays in the field to be corrected. */
  value?: string;
}

export async function addIpListEntryAction(_prev: IpListActionState, form: FormData): Promise<IpListActionState> {
  const user = await requireUser(INSIGHT_CAN.manageIpLists);
  const raw = { list: String(form.get("list") ?? ""), cidr: String(form.get("cidr") ?? ""), note: String(form.get("note") ?? "") };
  const parsed = ZIpListEntryInput.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors as IpListActionState["errors"];
    return { ok: false, message: errors?.cidr?.[0] ?? "Check the highlighted fields.", errors, value: raw.cidr };
  }
  try {
    await addIpListEntry(parsed.data, user.username);
  } catch (e) {
    if (e instanceof IpListError) return { ok: false, message: e.message, errors: { cidr: [e.message] }, value: raw.cidr };
    console.error("[insights] addIpListEntry failed", e);
    return { ok: false, message: "The entry could not be added. Try again.", value: raw.cidr };
  }
  await recordAuditEvent({
    actor: await consoleActor(user),
    eventName: "ModifyInsightStrategy",
    requestParameters: { Action: "Add", List: parsed.data.list, Cidr: parsed.data.cidr, Note: parsed.data.note ?? undefined },
  });
  revalidatePath("/insights/ip-lists");
  return { ok: true, message: `Added ${parsed.data.cidr} to the ${parsed.data.list} list.` };
}

export async function removeIpListEntryAction(form: FormData): Promise<void> {
  const user = await requireUser(INSIGHT_CAN.manageIpLists);
  const removed = await removeIpListEntry(Number(form.get("id")));
  if (removed) {
    await recordAuditEvent({
      actor: await consoleActor(user),
      eventName: "ModifyInsightStrategy",
      requestParameters: { Action: "Remove", List: removed.list, Cidr: removed.cidr },
    });
  }
  revalidatePath("/insights/ip-lists");
}

export async function setInsightStatusAction(form: FormData): Promise<void> {
  const user = await requireUser(INSIGHT_CAN.readInsights);
  const id = Number(form.get("id"));
  const status = form.get("status") === "resolved" ? "resolved" : "open";
  const insight = await getInsight(id);
  if (!insight || insight.status === status) return;
  await setInsightStatus(id, status);
  await recordAuditEvent({
    actor: await consoleActor(user),
    eventName: "UpdateInsightStatus",
    requestParameters: { InsightId: id, Type: insight.type, Status: status },
  });
  revalidatePath(`/insights/${id}`);
  revalidatePath("/insights");
}
