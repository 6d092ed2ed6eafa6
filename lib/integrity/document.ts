// Signed documents: the digests (docs/integrity.md "Signatures"). Pure functions, no database, so the
// offline verifier (`verify bucket`) uses the very code that signs.
//
// A document is a JSON object of strings, integers, null, arrays and objects. Its bytes are its canonical
// JSON: object keys sorted, no whitespace (RFC 8785 for these value types; Python's
// json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) and `jq -cS` give the same).
// The signature is Ed25519 over the canonical JSON of the document without its "signature" member, so a
// digest is checked from its own bytes alone, and the same content always gives the same bytes.
import crypto from "node:crypto";

export const SIGNING_ALGORITHM = "Ed25519";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new Error(`canonicalJson: only integers, not ${value}`);
  return JSON.stringify(value);
}

export function sha256Hex(data: Buffer | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** The key id: base64url SHA-256 of the public key's SPKI DER, first 16 characters (96 bits). */
export function keyFingerprint(publicKey: crypto.KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(der).digest("base64url").slice(0, 16);
}

export interface Signer {
  keyId: string;
  privateKey: crypto.KeyObject;
}

/** The message a document's signature covers. */
function signedBytes(doc: JsonObject): Buffer {
  const rest: JsonObject = { ...doc };
  delete rest.signature;
  return Buffer.from(canonicalJson(rest), "utf8");
}

/**
 * Adds keyId, algorithm and signature (hex) to `content`; returns the document and its exact bytes.
 * Ed25519 signatures are deterministic: the same content and key give the same bytes every time.
 */
export function signDocument(content: JsonObject, signer: Signer): { doc: JsonObject; bytes: Buffer; signature: string; sha256: string } {
  const unsigned: JsonObject = { ...content, keyId: signer.keyId, algorithm: SIGNING_ALGORITHM };
  const signature = crypto.sign(null, signedBytes(unsigned), signer.privateKey).toString("hex");
  const doc: JsonObject = { ...unsigned, signature };
  const bytes = Buffer.from(canonicalJson(doc), "utf8");
  return { doc, bytes, signature, sha256: sha256Hex(bytes) };
}

export type SignatureCheck = { ok: true } | { ok: false; problem: "unknown-key" | "bad-signature"; detail: string };

/** Checks a parsed document's signature with the public key its keyId names. */
export function checkSignature(doc: JsonObject, keys: ReadonlyMap<string, crypto.KeyObject>): SignatureCheck {
  const keyId = doc.keyId;
  if (typeof keyId !== "string") return { ok: false, problem: "bad-signature", detail: "it names no keyId" };
  const key = keys.get(keyId);
  if (!key) return { ok: false, problem: "unknown-key", detail: `it is signed with key ${keyId}, which is not among the public keys given` };
  if (doc.algorithm !== SIGNING_ALGORITHM) return { ok: false, problem: "bad-signature", detail: `unsupported algorithm ${String(doc.algorithm)}` };
  const signature = typeof doc.signature === "string" && /^[0-9a-f]{128}$/.test(doc.signature) ? Buffer.from(doc.signature, "hex") : undefined;
  if (!signature) return { ok: false, problem: "bad-signature", detail: "its signature is missing or not 64 bytes of hex" };
  return crypto.verify(null, signedBytes(doc), key, signature)
    ? { ok: true }
    : { ok: false, problem: "bad-signature", detail: `its signature does not verify with key ${keyId}` };
}

/** Parses a document's bytes; undefined when they are not a JSON object. */
export function parseDocument(bytes: Buffer | string): JsonObject | undefined {
  try {
    const v = JSON.parse(typeof bytes === "string" ? bytes : bytes.toString("utf8")) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

// --- Public key files: what `digest public-key [--all]` prints and `verify bucket --public-key` reads.

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

export interface PublicKeyEntry {
  id: string;
  pem: string;
  createdAt?: Date;
  retiredAt?: Date | null;
}

/** `# key id <id> …` before each PEM block: a human can tell them apart, the verifier needs only the PEM. */
export function formatPublicKeys(keys: readonly PublicKeyEntry[]): string {
  return keys
    .map((k) => {
      const dates = [k.createdAt ? `created ${k.createdAt.toISOString()}` : "", k.retiredAt ? `retired ${k.retiredAt.toISOString()}` : ""].filter(Boolean);
      return `# key id ${k.id}${dates.length ? ` (${dates.join(", ")})` : ""}\n${k.pem.trim()}\n`;
    })
    .join("\n");
}

/**
 * Every public key in `text`, by the id computed from the key itself (a `# key id` comment is only a
 * label; one that disagrees with its key is an error, since it would mislead whoever reads the file).
 */
export function parsePublicKeys(text: string): Map<string, crypto.KeyObject> {
  const keys = new Map<string, crypto.KeyObject>();
  for (const match of text.matchAll(PEM_BLOCK)) {
    let key: crypto.KeyObject;
    try {
      key = crypto.createPublicKey(match[0]);
    } catch (e) {
      throw new Error(`A PEM block is not a public key: ${(e as Error).message}`);
    }
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`A public key is ${key.asymmetricKeyType}, not Ed25519`);
    const id = keyFingerprint(key);
    const before = text.slice(0, match.index).trimEnd().split("\n").pop() ?? "";
    const label = /^# key id (\S+)/.exec(before)?.[1];
    if (label && label !== id) throw new Error(`The key labelled "# key id ${label}" has the id ${id}`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error("No public key (-----BEGIN PUBLIC KEY-----) found");
  return keys;
}
