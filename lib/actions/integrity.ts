"use server";
// The Integrity page's "Verify now" (admins and security staff) and an event's "Verify this event"
// (every reader of events). lib/integrity checks, runs and records them.
import { CAN } from "@/lib/auth/roles";
import { NotFound } from "@/lib/errors";
import { verifyEvent, type EventCheckResult } from "@/lib/integrity/event-check";
import { startVerification } from "@/lib/integrity/verification-jobs";
import { formAction, text } from "./action-client";
import { eventStore } from "@/lib/events/event-store";

export const startVerificationAction = formAction({
  name: "startVerification",
  roles: CAN.integrity,
  read: (form) => ({ trailName: text(form, "trailName") }),
  run: ({ trailName }, { actor }) => startVerification(trailName, { actor }),
  revalidate: ["/integrity"],
  done: (job) => `Verification ${job.id} of trail ${job.trailName} is queued: the worker starts it within seconds.`,
  failure: "The verification could not be started. Try again.",
});

export const verifyEventAction = formAction<{ eventId: string }, EventCheckResult, never, EventCheckResult>({
  name: "verifyEvent",
  roles: CAN.readEvents,
  read: (form) => ({ eventId: text(form, "eventId") }),
  run: async ({ eventId }) => {
    const row = await eventStore().byId(eventId);
    // A row read from a log store has the log store's id, not the query store's: its files are not known.
    if (!row || row.logStore) throw new NotFound(`Event ${eventId} is not in the query store.`);
    return verifyEvent({ id: row.id, eventId: row.eventId, eventTime: row.eventTime, acsRegion: row.acsRegion, raw: row.raw });
  },
  done: (result) => ({
    message: result.ok ? "Every check passed." : `${result.checks.filter((c) => c.status === "failed").length} check(s) failed.`,
    data: result,
  }),
  failure: "The event could not be verified. Try again.",
});
