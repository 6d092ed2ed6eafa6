// ingest-token create | list | revoke (lib/ingest-tokens/tokens.ts records each change, as the console's).
import { createIngestToken, listIngestTokens, revokeIngestToken } from "@/lib/ingest-tokens/tokens";
import { NotFound } from "@/lib/errors";
import { cliActor, formatDate, listCommand, parseCommandArgs, UsageError } from "./common";

export async function ingestTokenCreate(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { label: { type: "string" }, json: { type: "boolean" } });
  const { id, token } = await createIngestToken({ label: values.label }, { actor: cliActor() });
  if (values.json) {
    // Machine-readable: this line and nothing else on stdout.
    process.stdout.write(`${JSON.stringify({ id, token })}\n`);
    return;
  }
  console.log(`Created ingest token ${id}${values.label ? ` (${values.label})` : ""}.`);
  console.log(`Token: ${token}`);
  console.log("It is shown only this once; send it as 'Authorization: Bearer <token>' to POST /api/v1/events.");
}

export const ingestTokenList = listCommand(listIngestTokens, "No ingest tokens yet. Create one with: ingest-token create --label NAME", {
  ID: (t) => t.id,
  LABEL: (t) => t.label,
  STATUS: (t) => (t.revokedAt ? `revoked ${formatDate(t.revokedAt)}` : "active"),
  CREATED: (t) => formatDate(t.createdAt),
  "LAST USED": (t) => formatDate(t.lastUsedAt),
});

export async function ingestTokenRevoke(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {}, 1);
  const id = positionals[0];
  if (!id) throw new UsageError("Give the id of the token to revoke: ingest-token revoke ID");
  const result = await revokeIngestToken(id, { actor: cliActor() });
  if (!result) throw new NotFound(`Ingest token ${id} does not exist (see ingest-token list)`);
  if (result.alreadyRevoked) {
    console.log(`Ingest token ${id} was already revoked on ${formatDate(result.token.revokedAt)}`);
    return;
  }
  console.log(`Revoked ingest token ${id}`);
}
