// The digest signing keys (docs/integrity.md "Keys"): Ed25519 pairs in signing_keys, the private key sealed
// with the server key (lib/crypto/secret-box.ts), so a copy of the database alone cannot sign a digest.
// One key is current (the newest not retired); `digest rotate-key` retires it and makes the next. Retired
// keys are kept: the digests they signed stay verifiable.
import crypto from "node:crypto";
import { prisma } from "@/lib/db";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type Actor } from "@/lib/audit/record";
import { formatPublicKeys, keyFingerprint, SIGNING_ALGORITHM, type PublicKeyEntry, type Signer } from "./document";

/** Private keys opened once per process (the seal is checked each time it is opened). */
const opened = new Map<string, crypto.KeyObject>();

function newKeyRow() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  return {
    id: keyFingerprint(publicKey),
    algorithm: SIGNING_ALGORITHM,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeySealed: sealSecret(privateKey.export({ type: "pkcs8", format: "pem" }).toString()),
  };
}

async function currentRow() {
  return prisma.signingKey.findFirst({ where: { retiredAt: null }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}

/**
 * The current key, made on first use (`npm start` makes it before the worker runs; if two processes
 * make one at the same moment both are kept and the newest signs).
 */
export async function ensureSigningKey(): Promise<{ id: string; created: boolean }> {
  const row = await currentRow();
  if (row) return { id: row.id, created: false };
  const made = await prisma.signingKey.create({ data: newKeyRow() });
  return { id: made.id, created: true };
}

/** The signer of new digests. */
export async function currentSigner(): Promise<Signer> {
  const { id } = await ensureSigningKey();
  let privateKey = opened.get(id);
  if (!privateKey) {
    const row = await prisma.signingKey.findUniqueOrThrow({ where: { id } });
    privateKey = crypto.createPrivateKey(openSecret(row.privateKeySealed));
    opened.set(id, privateKey);
  }
  return { keyId: id, privateKey };
}

/** Retires every current key and makes a new one (recorded as RotateDigestSigningKey); returns the ids. */
export async function rotateSigningKey(options: { actor: Actor; now?: Date }): Promise<{ retired: string[]; current: string }> {
  const now = options.now ?? new Date();
  const row = newKeyRow();
  const result = await prisma.$transaction(async (tx) => {
    const current = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { id: true } });
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    // created_at after the retirement: the new key is the newest whatever the clock's resolution.
    await tx.signingKey.create({ data: { ...row, createdAt: new Date(now.getTime() + 1) } });
    return { retired: current.map((k) => k.id), current: row.id };
  });
  await recordAuditEvent({ actor: options.actor, eventName: "RotateDigestSigningKey", requestParameters: { RetiredKeyIds: result.retired, KeyId: result.current } });
  return result;
}

/** Public keys, newest first: the current one, or all (retired ones too). */
export async function listPublicKeys(opts: { all?: boolean } = {}): Promise<PublicKeyEntry[]> {
  if (!opts.all) await ensureSigningKey();
  const rows = await prisma.signingKey.findMany({
    where: opts.all ? {} : { retiredAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, publicKeyPem: true, createdAt: true, retiredAt: true },
  });
  const list = rows.map((r) => ({ id: r.id, pem: r.publicKeyPem, createdAt: r.createdAt, retiredAt: r.retiredAt }));
  return opts.all ? list : list.slice(0, 1);
}

/** The PEM text `digest public-key [--all]` prints and the Integrity page offers for download. */
export async function publicKeysText(opts: { all?: boolean } = {}): Promise<string> {
  return formatPublicKeys(await listPublicKeys(opts));
}

/** Every public key by id, for verification against the database's own keys. */
export async function publicKeyMap(): Promise<Map<string, crypto.KeyObject>> {
  const rows = await prisma.signingKey.findMany({ select: { id: true, publicKeyPem: true } });
  return new Map(rows.map((r) => [r.id, crypto.createPublicKey(r.publicKeyPem)]));
}
