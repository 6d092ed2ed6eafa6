"use server";
// Ingest tokens from Settings (admins). lib/ingest-tokens/tokens.ts checks and records each change, as
// it does for the CLI.
import { CAN } from "@/lib/auth/roles";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest-tokens/tokens";
import { formAction, submitAction, text } from "./action-client";

export const createIngestTokenAction = formAction({
  name: "createIngestToken",
  roles: CAN.manageTokens,
  read: (form) => ({ label: text(form, "label") }),
  run: (input, { actor }) => createIngestToken(input, { actor }),
  done: (token) => ({ message: `Created ingest token ${token.id}. Copy it now: it is not shown again.`, data: { secret: token.token } }),
  failure: "The token could not be created. Try again.",
  revalidate: ["/settings"],
});

export const revokeIngestTokenAction = submitAction({
  name: "revokeIngestToken",
  roles: CAN.manageTokens,
  read: (form) => ({ id: text(form, "id") }),
  run: ({ id }, { actor }) => revokeIngestToken(id, { actor }),
  revalidate: ["/settings"],
});
