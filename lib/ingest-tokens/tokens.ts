// Bearer tokens for POST /api/v1/events. The token is shown once; only its SHA-256 is stored, so a
// lookup by hash needs no constant-time comparison. Creating and revoking one is recorded
// (CreateIngestToken, RevokeIngestToken) with its actor, from the console, the CLI or the demo setup.
import { createHash, randomBytes } from "node:crypto";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { InvalidInput } from "@/lib/errors";

/** lastUsedAt is refreshed at most this often, so ingestion does not write a row per call. */
const LAST_USED_RESOLUTION_MS = 60_000;
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export interface IngestTokenSummary {
  id: string;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const SUMMARY = { id: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;
const RESOURCE_TYPE = "ACS::Actiontrail::IngestToken";
export const MAX_LABEL_CHARS = 64;

export function hashIngestToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function randomId(length: number): string {
  // 252 is the largest multiple of 36 below 256: rejecting bytes above it keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 252 && out.length < length) out += ID_ALPHABET[b % ID_ALPHABET.length];
    }
  }
  return out;
}

/** Creates a token; the returned `token` is the only copy of its value. */
export async function createIngestToken(input: { label?: string | null }, options: { actor: Actor }): Promise<{ id: string; token: string }> {
  const label = input.label?.trim() || null;
  if (label && label.length > MAX_LABEL_CHARS) {
    throw new InvalidInput("The label is too long.", { fields: { label: [`At most ${MAX_LABEL_CHARS} characters.`] } });
  }
  const id = `itk_${randomId(12)}`;
  const token = `tk_${randomBytes(32).toString("base64url")}`;
  await prisma.ingestToken.create({ data: { id, tokenHash: hashIngestToken(token), label } });
  await recordAuditEvent({
    actor: options.actor,
    eventName: "CreateIngestToken",
    requestParameters: { TokenId: id, ...(label ? { Label: label } : {}) },
    resources: { [RESOURCE_TYPE]: [id] },
  });
  return { id, token };
}

/** The token's row if the token is known and not revoked, else null. */
export async function verifyIngestToken(token: string | null | undefined): Promise<IngestTokenSummary | null> {
  if (!token) return null;
  const row = await prisma.ingestToken.findUnique({ where: { tokenHash: hashIngestToken(token) }, select: SUMMARY });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await prisma.ingestToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    row.lastUsedAt = now;
  }
  return row;
}

export function listIngestTokens(): Promise<IngestTokenSummary[]> {
  return prisma.ingestToken.findMany({ select: SUMMARY, orderBy: { createdAt: "asc" } });
}

/**
 * Revokes a token (it stops working at once). Null if there is no such token; revoking a token twice
 * keeps its first revocation time, says so and records nothing.
 */
export async function revokeIngestToken(id: string, options: { actor: Actor }): Promise<{ token: IngestTokenSummary; alreadyRevoked: boolean } | null> {
  const row = await prisma.ingestToken.findUnique({ where: { id }, select: SUMMARY });
  if (!row) return null;
  if (row.revokedAt) return { token: row, alreadyRevoked: true };
  const token = await prisma.ingestToken.update({ where: { id }, data: { revokedAt: new Date() }, select: SUMMARY });
  await recordAuditEvent({ actor: options.actor, eventName: "RevokeIngestToken", requestParameters: { TokenId: id }, resources: { [RESOURCE_TYPE]: [id] } });
  return { token, alreadyRevoked: false };
}
