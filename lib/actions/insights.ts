"use server";
// IP lists and insight status from the console. lib/insights/* check each change and record it.
import { CAN } from "@/lib/auth/roles";
import { setInsightStatus } from "@/lib/insights/insights";
import { addIpListEntry, removeIpListEntry, type TIpListEntryInput } from "@/lib/insights/ip-lists";
import { formAction, submitAction, text } from "./action-client";

const IP_LISTS_PAGE = "/insights/ip-lists";

export const addIpListEntryAction = formAction({
  name: "addIpListEntry",
  roles: CAN.manageIpLists,
  read: (form) => ({ list: text(form, "list"), cidr: text(form, "cidr"), note: text(form, "note") }),
  // The list name is the service's to check (ZIpListEntryInput).
  run: (input, { actor }) => addIpListEntry(input as TIpListEntryInput, { actor }),
  // A refused entry stays in the field to be corrected.
  echo: ({ cidr }) => ({ cidr }),
  done: (entry) => `Added ${entry.cidr} to the ${entry.list} list.`,
  failure: "The entry could not be added. Try again.",
  revalidate: [IP_LISTS_PAGE],
});

export const removeIpListEntryAction = submitAction({
  name: "removeIpListEntry",
  roles: CAN.manageIpLists,
  read: (form) => ({ id: Number(text(form, "id")) }),
  run: ({ id }, { actor }) => removeIpListEntry(id, { actor }),
  revalidate: [IP_LISTS_PAGE],
});

export const setInsightStatusAction = submitAction({
  name: "setInsightStatus",
  roles: CAN.readInsights,
  read: (form) => ({ id: Number(text(form, "id")), status: form.get("status") === "resolved" ? ("resolved" as const) : ("open" as const) }),
  run: ({ id, status }, { actor }) => setInsightStatus(id, status, { actor }),
  revalidate: ({ id }) => [`/insights/${id}`, "/insights"],
});
