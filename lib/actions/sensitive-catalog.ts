"use server";
// Edits to the sensitive-operation catalogue (admins; the role is checked here, not only by the page).
// lib/events/sensitive-actions.ts checks each edit, re-flags the stored events and records it.
import { CAN } from "@/lib/auth/roles";
import { addSensitiveAction, removeSensitiveAction, updateSensitiveActionReason } from "@/lib/events/sensitive-actions";
import { formAction, text } from "./action-client";

function storedEvents(n: number): string {
  return n === 1 ? "1 stored event" : `${n.toLocaleString("en-US")} stored events`;
}

const steps = {
  roles: CAN.editSensitiveCatalog,
  read: (form: FormData) => ({ eventName: text(form, "eventName"), reason: text(form, "reason") }),
  failure: "The catalogue could not be changed. Try again.",
  revalidate: ["/settings/sensitive-actions"],
};

export const addSensitiveActionAction = formAction({
  ...steps,
  name: "addSensitiveAction",
  run: (input, { actor }) => addSensitiveAction(input, { actor }),
  done: ({ reflagged }, { eventName }) => `Added ${eventName.trim()}: ${storedEvents(reflagged)} now marked sensitive.`,
});

export const updateSensitiveActionAction = formAction({
  ...steps,
  name: "updateSensitiveAction",
  run: (input, { actor }) => updateSensitiveActionReason(input, { actor }),
  done: (_, { eventName }) => `Saved the reason for ${eventName.trim()}.`,
  // The reason is edited in place, in a row that shows one message.
  fieldsShown: false,
});

export const removeSensitiveActionAction = formAction({
  ...steps,
  name: "removeSensitiveAction",
  run: ({ eventName }, { actor }) => removeSensitiveAction(eventName, { actor }),
  done: ({ reflagged }, { eventName }) => `Removed ${eventName.trim()}: ${storedEvents(reflagged)} no longer marked sensitive.`,
  fieldsShown: false,
});
